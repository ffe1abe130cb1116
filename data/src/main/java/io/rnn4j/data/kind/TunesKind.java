package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.Artifact;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.VocabularyOptions;
import io.rnn4j.data.Holdout;
import io.rnn4j.data.SplitSpec;
import io.rnn4j.data.internal.Parts;
import io.rnn4j.data.internal.Problem;
import io.rnn4j.data.tunes.Abc2Midi;
import io.rnn4j.data.tunes.AbcTune;
import io.rnn4j.data.tunes.CharFrequencyBaseline;
import io.rnn4j.data.tunes.Meter;
import io.rnn4j.data.tunes.Rhythm;
import io.rnn4j.data.tunes.TuneJudge;
import io.rnn4j.data.tunes.TuneSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code type: tunes}: tunes in ABC notation ({@link AbcTune}), one example per tune, split by tune
 * (a seeded draw of whole tunes, or files).
 *
 * <ul>
 *   <li>{@code task: language_model}: the text of every tune is its header {@code R:}, {@code M:},
 *       {@code L:}, {@code K:} (normalised) and its body, tunes separated by a blank line; windows of
 *       {@code sequence_length} characters predict the next character at every step (a
 *       {@code many_to_many} head). {@code generate --prompt "R:reel\nM:C|\nL:1/8\nK:D\n"} writes a
 *       reel in D.</li>
 *   <li>{@code task: from_header}: the input is one vector, the one-hot rhythm, meter and key of the
 *       tune; the target is its body's characters and {@code <eos>}, written by a {@code one_to_many}
 *       decoder (teacher forcing in training). {@code predict} takes
 *       {@code {"rhythm": "reel", "meter": "C|", "key": "D"}} and returns the body and the whole tune.</li>
 * </ul>
 *
 * <p>The report judges generated tunes as a musician's tools would ({@link TuneJudge}): for the first
 * {@code judged} tunes of the split, a tune is generated from each one's header (sampled at
 * {@code temperature} by the language model, greedy by the decoder), and the shares that
 * {@code abc2midi} parses without errors and whose bars all match the meter are reported beside the
 * same figures for the real tunes and for a character-frequency baseline of the same lengths. One
 * generated tune is handed back to listen to ({@link TuneSample}): {@code rnn4j train} writes it into the
 * output folder as {@code sample.abc} and, when {@code abc2midi} is installed, {@code sample.mid}; without
 * the tool the report's {@code sample_midi} says so.
 */
public final class TunesKind implements DataKind<TunesData> {
    static final String LM_EXAMPLE = "{\"text\": \"R:reel\\nM:C|\\nL:1/8\\nK:D\\n\"}";
    static final String HEADER_EXAMPLE = "{\"rhythm\": \"reel\", \"meter\": \"C|\", \"key\": \"D\"}";
    private static final String CONDITIONING = "tune_conditioning.json";
    private static final String FORMAT = "rnn4j-tune-conditioning";
    /** The character-frequency baseline of the report, fitted on the training tunes (absent in older archives). */
    private static final String FREQUENCIES = "char_frequencies.json";

    /** Used by {@link java.util.ServiceLoader}. */
    public TunesKind() {
    }

    @Override
    public String id() {
        return "tunes";
    }

    @Override
    public Class<TunesData> specType() {
        return TunesData.class;
    }

    @Override
    public String description() {
        return "Tunes in ABC notation: a character language model over tunes, or tune bodies written from the "
                + "header fields R:, M:, K: by a one_to_many decoder.";
    }

    @Override
    public ValueType inputType(TunesData spec) {
        return spec.task() == TuneTask.LANGUAGE_MODEL ? ValueType.tokens(ValueType.UNKNOWN)
                : ValueType.vector(ValueType.UNKNOWN);
    }

    /**
     * Per-step classes for the language model. For {@code from_header} nothing is declared: its target is a
     * token sequence for a {@code one_to_many} decoder, which the validation's check of sequence targets
     * (written for {@code seq2seq} and {@code pairs}) would refuse; the pipeline's output says
     * {@link OutputKind#SEQUENCE} once the data is read.
     */
    @Override
    public Optional<OutputKind> outputKind(TunesData spec) {
        return spec.task() == TuneTask.LANGUAGE_MODEL ? Optional.of(OutputKind.STEP_CLASSES) : Optional.empty();
    }

    @Override
    public int sequenceLength(TunesData spec) {
        return spec.task() == TuneTask.LANGUAGE_MODEL ? spec.sequenceLength() : -1;
    }

    @Override
    public Set<MetricKind> defaultMetrics(TunesData spec) {
        return EnumSet.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
    }

    /** The text a language model learns for one tune: header R, M, L, K, the body, a blank line. */
    static String lmHeader(AbcTune t) {
        return "R:" + t.rhythm().label() + "\nM:" + t.meter().text() + "\nL:" + t.unit() + "\nK:" + t.key() + "\n";
    }

    static String lmText(AbcTune t) {
        return lmHeader(t) + t.body() + "\n\n";
    }

    @Override
    public LoadedData load(TunesData spec, DataContext context) {
        List<AbcTune> all = AbcTune.read(context.resolve(spec.train()), "train");
        List<List<AbcTune>> parts = split(all, spec, context);
        List<AbcTune> train = parts.get(0);
        if (train.isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "no training tunes").file(spec.train())
                    .found(all.size() + " tunes, all held out").expected("at least one training tune")
                    .fix("lower `data.validation` and `data.test`.").error();
        }
        List<List<Character>> docs = new ArrayList<>();
        for (AbcTune t : train) {
            String s = lmText(t);
            List<Character> cs = new ArrayList<>(s.length());
            for (char c : s.toCharArray()) {
                cs.add(c);
            }
            docs.add(cs);
        }
        Vocabulary chars = Vocabulary.build(docs.stream().map(d -> d.stream().map(String::valueOf).toList()).toList(),
                new VocabularyOptions(0, 1, true));
        Conditioning cond = Conditioning.fit(train);
        CharFrequencyBaseline baseline = new CharFrequencyBaseline(train);
        Reporter reporter = new Reporter(spec, parts, baseline, context.seed());
        if (spec.task() == TuneTask.LANGUAGE_MODEL) {
            DataSchema schema = new DataSchema(InputKind.TOKENS, chars.size(), TargetKind.STEP_CLASSES, chars.size(),
                    List.of(), List.of(), Optional.of(chars), Optional.empty(), Optional.empty(), Optional.empty());
            LmPipeline p = new LmPipeline(schema, lmHeader(parts.get(2).isEmpty() ? train.get(0) : parts.get(2).get(0)),
                    baseline);
            Dataset d = new Dataset.Plain(id(), windows(parts.get(0), chars, spec.sequenceLength()),
                    windows(parts.get(1), chars, spec.sequenceLength()), windows(parts.get(2), chars, spec.sequenceLength()),
                    schema);
            return new ExampleData(d, p, (split, ctx) -> reporter.languageModel(split, ctx));
        }
        HeaderPipeline p = new HeaderPipeline(chars, cond, baseline);
        return new HeaderData(spec, parts, p, reporter, context.seed());
    }

    /** Train, validation and test tunes: fractions held out by the data module's seeded shuffle, or files. */
    private static List<List<AbcTune>> split(List<AbcTune> all, TunesData spec, DataContext context) {
        SplitSpec s = new SplitSpec(context.resolve(spec.train()), holdout(spec.validation(), context),
                holdout(spec.test(), context), context.seed());
        Parts<AbcTune> parts = Parts.shuffled(all, s, "tune");
        List<AbcTune> validation = s.validation() instanceof Holdout.FromFile f ? AbcTune.read(f.path(), "validation")
                : parts.validation();
        List<AbcTune> test = s.test() instanceof Holdout.FromFile f ? AbcTune.read(f.path(), "test") : parts.test();
        return List.of(parts.train(), validation, test);
    }

    private static Holdout holdout(SplitSource s, DataContext context) {
        if (s == null) {
            return Holdout.none();
        }
        return s.file() != null ? Holdout.file(context.resolve(s.file())) : Holdout.fraction(s.fraction());
    }

    private static List<Example> windows(List<AbcTune> tunes, Vocabulary chars, int length) {
        StringBuilder sb = new StringBuilder();
        tunes.forEach(t -> sb.append(lmText(t)));
        int[] ids = encodeChars(sb.toString(), chars);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i + length < ids.length; i += length) {
            out.add(new Example(new Input.Tokens(Arrays.copyOfRange(ids, i, i + length)),
                    new Target.StepClasses(Arrays.copyOfRange(ids, i + 1, i + length + 1)), i));
        }
        return out;
    }

    static int[] encodeChars(String s, Vocabulary chars) {
        int[] ids = new int[s.length()];
        for (int i = 0; i < ids.length; i++) {
            String c = String.valueOf(s.charAt(i));
            ids[i] = chars.contains(c) ? chars.id(c) : Vocabulary.UNK;
        }
        return ids;
    }

    /**
     * A test file is read alone, encoded with the model's stored vocabulary and conditioning (the training file
     * is not read: refitting on it without the test fraction held out would give another vocabulary); a test
     * split that is a part of the training file needs that file, loaded and checked against the model's pipeline.
     */
    @Override
    public LoadedData loadWith(TunesData spec, DataContext context, DataPipeline fitted) {
        if (spec.test() == null || spec.test().file() == null) {
            return Refit.checked(load(spec, context), fitted);
        }
        List<AbcTune> tunes = AbcTune.read(context.resolve(spec.test().file()), "test");
        List<List<AbcTune>> parts = List.of(List.of(), List.of(), tunes);
        Reporter reporter = new Reporter(spec, parts, baseline(spec, context, fitted), context.seed());
        if (fitted instanceof LmPipeline lm) {
            Dataset d = new Dataset.Plain(id(), List.of(), List.of(), windows(tunes, lm.chars, spec.sequenceLength()),
                    lm.schema());
            return new ExampleData(d, lm, reporter::languageModel);
        }
        return new HeaderData(spec, parts, (HeaderPipeline) fitted, reporter, context.seed());
    }

    /** The model's stored baseline, or for an archive of an earlier rnn4j one fitted again on the training tunes. */
    private static CharFrequencyBaseline baseline(TunesData spec, DataContext context, DataPipeline fitted) {
        CharFrequencyBaseline stored = fitted instanceof LmPipeline lm ? lm.baseline : ((HeaderPipeline) fitted).baseline;
        return stored != null ? stored : legacyBaseline(spec, context);
    }

    /**
     * The file alone ({@code evaluate --data}): its tunes as the test split, encoded with the model's stored
     * vocabulary and conditioning, the report's character-frequency baseline the one the archive stores
     * (re-derived from the training file for an archive of an earlier rnn4j, which then must be there). The
     * file's tunes are held whole (a file of tunes is small); a language model's windows are batched window by
     * window, a decoder's tunes in one window.
     */
    @Override
    public Optional<StreamedSplit> stream(TunesData spec, DataContext context, DataPipeline fitted, Path file, int window) {
        CharFrequencyBaseline baseline = baseline(spec, context, fitted);
        List<AbcTune> tunes = AbcTune.read(file, "test");
        List<List<AbcTune>> parts = List.of(List.of(), List.of(), tunes);
        Reporter reporter = new Reporter(spec, parts, baseline, context.seed());
        if (fitted instanceof LmPipeline lm) {
            return Optional.of(ExampleStream.held(windows(tunes, lm.chars, spec.sequenceLength()),
                    ctx -> reporter.languageModel(Split.TEST, ctx), window));
        }
        HeaderData data = new HeaderData(spec, parts, (HeaderPipeline) fitted, reporter, context.seed());
        return Optional.of(new StreamedSplit() {
            private boolean read;

            @Override
            public BatchSource next(BatchPlan plan, ReportContext ctx) {
                if (read) {
                    return null;
                }
                read = true;
                return data.batches(Split.TEST, plan);
            }

            @Override
            public int examples() {
                return read ? tunes.size() : 0;
            }

            @Override
            public TaskReport report(ReportContext ctx) {
                return data.report(Split.TEST, ctx);
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * The report's baseline of a model whose archive does not store it (an earlier rnn4j): fitted again on the
     * training tunes, as training fitted it.
     *
     * @throws Rnn4jException {@code RNN4J-DATA-155} when the training file is not there any more
     */
    private static CharFrequencyBaseline legacyBaseline(TunesData spec, DataContext context) {
        Path train = context.resolve(spec.train());
        if (!java.nio.file.Files.isRegularFile(train)) {
            throw new Rnn4jException("RNN4J-DATA-155", "the model's data/ stores no " + FREQUENCIES + " (the archive was "
                    + "written by an earlier rnn4j), so evaluating on another file fits the report's character-frequency "
                    + "baseline again on the training tunes of " + train + ", which is not there any more (moved or "
                    + "deleted). Put that file back at that path, or retrain the model with this rnn4j (its archive then "
                    + "stores the baseline and needs no training data).");
        }
        return new CharFrequencyBaseline(split(AbcTune.read(train, "train"), spec, context).get(0));
    }

    @Override
    public DataPipeline restore(TunesData spec, Map<String, byte[]> stored, String source) {
        Conditioning cond = Conditioning.fromJson(SchemaPipeline.text(stored, CONDITIONING, source), source + CONDITIONING);
        CharFrequencyBaseline baseline = null;
        if (stored.containsKey(FREQUENCIES)) {
            try {
                baseline = CharFrequencyBaseline.fromJson(SchemaPipeline.text(stored, FREQUENCIES, source),
                        source + FREQUENCIES);
            } catch (IllegalArgumentException e) {
                throw new Rnn4jException(DataErrors.CORRUPT_METADATA, source + FREQUENCIES + " cannot be read: "
                        + e.getMessage() + ". Fix: retrain the model, or restore the archive from a copy.");
            }
        }
        if (spec.task() == TuneTask.LANGUAGE_MODEL) {
            return new LmPipeline(SchemaPipeline.restoreSchema(stored, source), cond.prompt, baseline);
        }
        Vocabulary chars = Vocabulary.fromJson(SchemaPipeline.text(stored, "vocabulary.json", source),
                source + "vocabulary.json");
        return new HeaderPipeline(chars, cond, baseline);
    }

    /**
     * The one-hot conditioning vector: rhythm (every {@link Rhythm}), then the meters and keys of the
     * training tunes (sorted).
     */
    static final class Conditioning {
        final List<String> meters;
        final List<String> keys;
        final String prompt;

        Conditioning(List<String> meters, List<String> keys, String prompt) {
            this.meters = List.copyOf(meters);
            this.keys = List.copyOf(keys);
            this.prompt = prompt;
        }

        static Conditioning fit(List<AbcTune> train) {
            TreeSet<String> m = new TreeSet<>();
            TreeSet<String> k = new TreeSet<>();
            train.forEach(t -> {
                m.add(t.meter().text());
                k.add(t.key());
            });
            return new Conditioning(new ArrayList<>(m), new ArrayList<>(k), lmHeader(train.get(0)));
        }

        Conditioning withPrompt(String p) {
            return new Conditioning(meters, keys, p);
        }

        int width() {
            return Rhythm.values().length + meters.size() + keys.size();
        }

        float[] encode(Rhythm rhythm, String meter, String key) {
            float[] x = new float[width()];
            x[rhythm.ordinal()] = 1;
            int mi = meters.indexOf(meter);
            int ki = keys.indexOf(key);
            if (mi < 0 || ki < 0) {
                throw new RecordException((mi < 0 ? "meter \"" + meter + "\"" : "key \"" + key + "\"")
                        + " is not one this model was trained with; it knows the meters " + meters + " and the keys "
                        + keys + ". Use one of them, for example " + HEADER_EXAMPLE + ".");
            }
            x[Rhythm.values().length + mi] = 1;
            x[Rhythm.values().length + meters.size() + ki] = 1;
            return x;
        }

        /**
         * A tune of the data: a meter or key the training tunes do not have (a held-out tune's rare key)
         * leaves its one-hot block at zero rather than failing, as an unknown token maps to {@code <unk>}.
         */
        float[] encode(AbcTune t) {
            float[] x = new float[width()];
            x[t.rhythm().ordinal()] = 1;
            int mi = meters.indexOf(t.meter().text());
            int ki = keys.indexOf(t.key());
            if (mi >= 0) {
                x[Rhythm.values().length + mi] = 1;
            }
            if (ki >= 0) {
                x[Rhythm.values().length + meters.size() + ki] = 1;
            }
            return x;
        }

        String toJson() {
            ObjectNode n = io.rnn4j.data.internal.Json.header(FORMAT);
            ArrayNode a = n.putArray("meters");
            meters.forEach(a::add);
            ArrayNode b = n.putArray("keys");
            keys.forEach(b::add);
            n.put("prompt", prompt);
            return io.rnn4j.data.internal.Json.write(n);
        }

        static Conditioning fromJson(String json, String source) {
            JsonNode n = io.rnn4j.data.internal.Json.read(json, source, FORMAT, "tune conditioning");
            return new Conditioning(SchemaPipeline.strings(n.path("meters")), SchemaPipeline.strings(n.path("keys")),
                    n.path("prompt").asText());
        }
    }

    /** The language model's pipeline: text in, the next character at every step out; generates tunes. */
    static final class LmPipeline extends SchemaPipeline implements TokenGenerator {
        private final Vocabulary chars;
        private final String prompt;
        /** The report's baseline, or null in an archive of an earlier rnn4j. */
        final CharFrequencyBaseline baseline;

        LmPipeline(DataSchema schema, String prompt, CharFrequencyBaseline baseline) {
            super(schema);
            this.chars = schema.vocabulary().orElseThrow();
            this.prompt = prompt;
            this.baseline = baseline;
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new LinkedHashMap<>(super.store());
            out.put(CONDITIONING, bytes(new Conditioning(List.of(), List.of(), prompt).toJson()));
            if (baseline != null) {
                out.put(FREQUENCIES, bytes(baseline.toJson()));
            }
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("text"), LM_EXAMPLE);
            String s = Records.text(record, "text", LM_EXAMPLE);
            if (s.isEmpty()) {
                throw new RecordException("\"text\" is empty; give at least one character, for example " + LM_EXAMPLE + ".");
            }
            int[] ids = encodeChars(s, chars);
            float[] f = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                f[i] = ids[i];
            }
            return Tensor.of(f, f.length);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            return Decoding.stepClasses(output, chars::token, backend);
        }

        @Override
        public int[] encodePrompt(String p) {
            int[] ids = encodeChars(p, chars);
            return ids.length == 0 ? new int[] {Vocabulary.UNK} : ids;
        }

        @Override
        public String piece(int id) {
            return id < 4 ? "" : chars.token(id);
        }

        @Override
        public String samplePrompt() {
            return prompt;
        }
    }

    /** The decoder's pipeline: a header's rhythm, meter and key in, a body out. */
    static final class HeaderPipeline implements DataPipeline {
        private final Vocabulary chars;
        private final Conditioning cond;
        /** The report's baseline, or null in an archive of an earlier rnn4j. */
        final CharFrequencyBaseline baseline;

        HeaderPipeline(Vocabulary chars, Conditioning cond, CharFrequencyBaseline baseline) {
            this.chars = chars;
            this.cond = cond;
            this.baseline = baseline;
        }

        Conditioning conditioning() {
            return cond;
        }

        Vocabulary chars() {
            return chars;
        }

        @Override
        public ValueType inputType() {
            return ValueType.vector(cond.width());
        }

        @Override
        public DataFacts facts() {
            return new DataFacts(DataFacts.UNKNOWN, chars.size(), DataFacts.UNKNOWN);
        }

        @Override
        public Output output() {
            return new Output(OutputKind.SEQUENCE, chars.size());
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put("vocabulary.json", chars.toJson().getBytes(StandardCharsets.UTF_8));
            out.put(CONDITIONING, cond.toJson().getBytes(StandardCharsets.UTF_8));
            if (baseline != null) {
                out.put(FREQUENCIES, baseline.toJson().getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("rhythm", "meter", "key"), HEADER_EXAMPLE);
            String r = Records.text(record, "rhythm", HEADER_EXAMPLE);
            String m = Records.text(record, "meter", HEADER_EXAMPLE);
            String k = Records.text(record, "key", HEADER_EXAMPLE);
            Meter meter;
            try {
                meter = Meter.parse(m);
            } catch (IllegalArgumentException e) {
                throw new RecordException("\"meter\": " + e.getMessage() + ", for example " + HEADER_EXAMPLE + ".");
            }
            String key = AbcTune.normaliseKey(k);
            if (key == null) {
                throw new RecordException("\"key\" is \"" + k + "\", which is not a key such as D, Em or Ador.");
            }
            float[] x = cond.encode(Rhythm.normalise(r), meter.text(), key);
            return Tensor.of(x, x.length);
        }

        /** The body (up to {@code <eos>}) and the whole tune: {@code {"body": ..., "abc": ...}}. */
        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            String body = body(Decoding.argmax(output), chars);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("body", body);
            out.put("abc", "X:1\nT:generated\nR:" + Rhythm.normalise(String.valueOf(record.get("rhythm"))).label() + "\nM:"
                    + record.get("meter") + "\nL:1/8\nK:" + record.get("key") + "\n" + body + "\n");
            return out;
        }
    }

    /** The characters of {@code ids} up to the first {@code <eos>}, reserved ids left out, blank lines closed up. */
    static String body(int[] ids, Vocabulary chars) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == Vocabulary.EOS) {
                break;
            }
            if (id >= 4) {
                sb.append(chars.token(id));
            }
        }
        return sb.toString().replaceAll("\n\\s*\n", "\n").strip();
    }

    /** The decoder's data: one conditioning vector per tune, its body as the teacher and the target. */
    static final class HeaderData implements LoadedData {
        private final TunesData spec;
        private final List<List<AbcTune>> parts;
        private final HeaderPipeline pipeline;
        private final Reporter reporter;
        private final long seed;

        HeaderData(TunesData spec, List<List<AbcTune>> parts, HeaderPipeline pipeline, Reporter reporter, long seed) {
            this.spec = spec;
            this.parts = parts;
            this.pipeline = pipeline;
            this.reporter = reporter;
            this.seed = seed;
        }

        private List<AbcTune> tunes(Split s) {
            return parts.get(s == Split.TRAIN ? 0 : s == Split.VALIDATION ? 1 : 2);
        }

        @Override
        public DataPipeline pipeline() {
            return pipeline;
        }

        @Override
        public int size(Split split) {
            return tunes(split).size();
        }

        @Override
        public BatchSource batches(Split split, BatchPlan plan) {
            List<AbcTune> ts = tunes(split);
            return new BatchSource() {
                @Override
                public List<TrainBatch> batches(int epoch) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < ts.size(); i++) {
                        order.add(i);
                    }
                    if (plan.shuffle()) {
                        RandomSource r = new RandomSource(plan.seed()).fork("batcher.epoch." + epoch);
                        Parts.shuffle(order, r);
                    }
                    List<TrainBatch> out = new ArrayList<>();
                    for (int from = 0; from < order.size(); from += plan.batchSize()) {
                        out.add(batch(ts, order.subList(from, Math.min(order.size(), from + plan.batchSize()))));
                    }
                    return out;
                }

                @Override
                public int examples() {
                    return ts.size();
                }
            };
        }

        private TrainBatch batch(List<AbcTune> ts, List<Integer> rows) {
            int b = rows.size();
            int width = pipeline.conditioning().width();
            int[][] bodies = new int[b][];
            int time = 1;
            for (int i = 0; i < b; i++) {
                String body = ts.get(rows.get(i)).body();
                body = body.length() > spec.maxLength() ? body.substring(0, spec.maxLength()) : body;
                int[] ids = encodeChars(body, pipeline.chars());
                bodies[i] = Arrays.copyOf(ids, ids.length + 1);
                bodies[i][ids.length] = Vocabulary.EOS;
                time = Math.max(time, bodies[i].length);
            }
            float[] x = new float[b * width];
            float[] y = new float[b * time];
            int[] lengths = new int[b];
            for (int i = 0; i < b; i++) {
                System.arraycopy(pipeline.conditioning().encode(ts.get(rows.get(i))), 0, x, i * width, width);
                for (int t = 0; t < bodies[i].length; t++) {
                    y[i * time + t] = bodies[i][t];
                }
                lengths[i] = bodies[i].length;
            }
            Tensor targets = Tensor.of(y, b, time);
            Flow teacher = new Flow(targets, new SequenceMask(b, time, lengths));
            return TrainBatch.teacherForced(Flow.vectors(Tensor.of(x, b, width)), teacher, targets);
        }

        @Override
        public TaskReport report(Split split, ReportContext context) {
            return reporter.fromHeader(split, context, pipeline);
        }
    }

    /** Generates tunes from the headers of a split and judges them. */
    static final class Reporter {
        private final TunesData spec;
        private final List<List<AbcTune>> parts;
        private final CharFrequencyBaseline baseline;
        private final long seed;

        Reporter(TunesData spec, List<List<AbcTune>> parts, CharFrequencyBaseline baseline, long seed) {
            this.spec = spec;
            this.parts = parts;
            this.baseline = baseline;
            this.seed = seed;
        }

        private List<AbcTune> judged(Split s) {
            List<AbcTune> ts = parts.get(s == Split.TRAIN ? 0 : s == Split.VALIDATION ? 1 : 2);
            return ts.subList(0, Math.min(ts.size(), spec.judged()));
        }

        TaskReport languageModel(Split split, ReportContext ctx) {
            List<AbcTune> real = judged(split);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                String prompt = lmHeader(real.get(i));
                String text = ctx.generate(prompt, spec.generateLength(), spec.temperature(), seed + i);
                String gen = text.startsWith(prompt) ? text.substring(prompt.length()) : text;
                int end = gen.indexOf("\n\n");
                bodies.add((end >= 0 ? gen.substring(0, end) : gen).strip());
            }
            return judge(split, real, bodies);
        }

        TaskReport fromHeader(Split split, ReportContext ctx, HeaderPipeline p) {
            List<AbcTune> real = judged(split);
            List<String> bodies = new ArrayList<>();
            int width = p.conditioning().width();
            for (int from = 0; from < real.size(); from += 32) {
                int b = Math.min(32, real.size() - from);
                float[] x = new float[b * width];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(p.conditioning().encode(real.get(from + i)), 0, x, i * width, width);
                }
                Tensor z = ctx.predict(Flow.vectors(Tensor.of(x, b, width))).values(); // [b, length, V]
                int len = z.dim(1);
                int v = z.dim(2);
                for (int i = 0; i < b; i++) {
                    int[] ids = new int[len];
                    for (int t = 0; t < len; t++) {
                        int best = 0;
                        int off = z.offset() + (i * len + t) * v;
                        for (int c = 1; c < v; c++) {
                            if (z.data()[off + c] > z.data()[off + best]) {
                                best = c;
                            }
                        }
                        ids[t] = best;
                    }
                    bodies.add(body(ids, p.chars()));
                }
            }
            return judge(split, real, bodies);
        }

        private TaskReport judge(Split split, List<AbcTune> real, List<String> bodies) {
            Optional<Abc2Midi> tool = Abc2Midi.find();
            TuneJudge judge = new TuneJudge(tool);
            List<AbcTune> generated = new ArrayList<>();
            int empty = 0;
            for (int i = 0; i < real.size(); i++) {
                AbcTune r = real.get(i);
                String b = bodies.get(i);
                if (b.isBlank()) {
                    empty++;
                    continue;
                }
                generated.add(new AbcTune(i + 1, "generated", r.rhythm(), r.meter(), r.unit(), r.key(), b, 0));
            }
            RandomSource rs = new RandomSource(seed).fork("tunes.baseline");
            List<AbcTune> base = real.stream().map(t -> baseline.standIn(t, rs)).toList();
            TuneJudge.Verdict g = judge.judge(generated, null);
            TuneJudge.Verdict rv = judge.judge(real, null);
            TuneJudge.Verdict bv = judge.judge(base, null);
            int n = real.size();
            TuneSample sample = TuneSample.render(generated, tool);
            return new TunesReport(split, n, tool.map(Object::toString).orElse("not installed (apt-get install abcmidi); "
                    + "the abc2midi shares are -1"), share(g.parsed(), n), share(g.metered(), n), share(rv.parsed(), n),
                    share(rv.metered(), n), share(bv.parsed(), n), share(bv.metered(), n), empty, sample.tune(),
                    sample.midi(), sample.files());
        }

        private static double share(int count, int n) {
            return count < 0 ? -1 : (double) count / n;
        }
    }

    /**
     * What the tunes generated from the headers of a split are worth, against the real tunes and a
     * character-frequency baseline: shares of {@code judged} tunes ({@code -1} where {@code abc2midi} is not
     * installed).
     *
     * @param split                 the split
     * @param judged                tunes generated (one per real tune of the split, up to {@code data.judged})
     * @param abc2midi              the {@code abc2midi} used, or why none was
     * @param generatedAbc2midi     share of generated tunes {@code abc2midi} parses without errors
     * @param generatedMetered      share of generated tunes whose bars all match the meter
     * @param realAbc2midi          the same for the real tunes
     * @param realMetered           the same for the real tunes
     * @param baselineAbc2midi      the same for character-frequency bodies of the same lengths
     * @param baselineMetered       the same for character-frequency bodies
     * @param emptyGenerated        generated tunes with an empty body (counted as failing both checks)
     * @param sample                the generated tune written to {@code sample.abc} (see {@link TuneSample}), as ABC
     * @param sampleMidi            {@code sample.mid} when that tune was rendered by {@code abc2midi}, else why not
     * @param artifacts             {@code sample.abc} and {@code sample.mid}, which {@code rnn4j train} writes into
     *                              the output folder
     */
    public record TunesReport(Split split, int judged, String abc2midi, double generatedAbc2midi,
                              double generatedMetered, double realAbc2midi, double realMetered, double baselineAbc2midi,
                              double baselineMetered, int emptyGenerated, String sample, String sampleMidi,
                              List<Artifact> artifacts) implements TaskReport {
        /** Copies. */
        public TunesReport {
            artifacts = List.copyOf(artifacts);
        }
    }
}
