package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.PairsSpec;
import io.rnn4j.data.TokenizerKind;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.internal.CsvTestWindows;
import io.rnn4j.data.internal.PairsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: pairs}: source and target texts for a {@code seq2seq} model; predicts the greedily decoded
 * target text, and reports the share of exact matches.
 */
public final class PairsKind implements DataKind<PairsData> {
    static final String EXAMPLE = "{\"text\": \"12 march 2001\"}";

    /** Used by {@link java.util.ServiceLoader}. */
    public PairsKind() {
    }

    @Override
    public String id() {
        return "pairs";
    }

    @Override
    public Class<PairsData> specType() {
        return PairsData.class;
    }

    @Override
    public String description() {
        return "A CSV of source and target texts for sequence-to-sequence models.";
    }

    @Override
    public ValueType inputType(PairsData spec) {
        return ValueType.tokens(ValueType.UNKNOWN);
    }

    @Override
    public Optional<OutputKind> outputKind(PairsData spec) {
        return Optional.of(OutputKind.SEQUENCE);
    }

    @Override
    public Set<MetricKind> defaultMetrics(PairsData spec) {
        return EnumSet.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
    }

    private static PairsSpec loaderSpec(PairsData spec, DataContext context) {
        return new PairsSpec(Splits.of(spec, context), spec.source(), spec.target(),
                Splits.tokenizer(spec.sourceTokenizer()), Splits.tokenizer(spec.targetTokenizer()), spec.maxSourceLength(),
                spec.maxTargetLength());
    }

    @Override
    public LoadedData load(PairsData spec, DataContext context) {
        Dataset d = PairsLoader.load(loaderSpec(spec, context));
        Pipeline p = new Pipeline(spec, d.schema(), longestTarget(d));
        ExampleData[] self = new ExampleData[1];
        self[0] = new ExampleData(d, p, (split, ctx) -> exactMatch(self[0], split, ctx));
        return self[0];
    }

    @Override
    public LoadedData loadWith(PairsData spec, DataContext context, DataPipeline fitted) {
        return Refit.checked(load(spec, context), fitted);
    }

    @Override
    public DataPipeline restore(PairsData spec, Map<String, byte[]> stored, String source) {
        return new Pipeline(spec, SchemaPipeline.restoreSchema(stored, source), DataFacts.UNKNOWN);
    }

    /** The most tokens a decoder writes for one target of any split: its tokens and {@code <eos>}. */
    private static int longestTarget(Dataset d) {
        int longest = DataFacts.UNKNOWN;
        for (List<Example> split : List.of(d.train(), d.validation(), d.test())) {
            for (Example e : split) {
                if (e.target() instanceof io.rnn4j.data.Target.TokenSequence t) {
                    longest = Math.max(longest, t.length() - 1); // <bos> t1 .. tn <eos>: n + 1 written
                }
            }
        }
        return longest;
    }

    /**
     * The test file in windows: the same examples as {@link #loadWith} reads from it, the exact match counted
     * window by window. Only this file is read.
     */
    @Override
    public Optional<StreamedSplit> stream(PairsData spec, DataContext context, DataPipeline fitted, Path file, int window) {
        CsvTestWindows windows = PairsLoader.testWindows(loaderSpec(spec, context), file,
                ((Pipeline) fitted).schema());
        ExampleStream.Reader reader = ExampleStream.reader(windows::next, windows::close);
        return Optional.of(new ExampleStream(reader, new ExampleStream.Tally() {
            private final long[] counts = new long[2];

            @Override
            public void add(List<Example> w, BatchSource batches, ReportContext ctx) {
                exactMatches(ExampleData.batches(w, BatchPlan.evaluation(EXACT_MATCH_BATCH)), ctx, counts);
            }

            @Override
            public TaskReport report(ReportContext ctx) {
                return new Reports.ExactMatch(Split.TEST, counts[1] == 0 ? Double.NaN : (double) counts[0] / counts[1]);
            }
        }, window));
    }

    /** Examples per batch of the greedy decoding the exact match is computed from. */
    private static final int EXACT_MATCH_BATCH = 64;

    /** Share of examples whose greedy decoding (the most likely token at every step) equals the reference exactly. */
    static TaskReport exactMatch(LoadedData data, Split split, ReportContext ctx) {
        long[] counts = new long[2];
        exactMatches(data.batches(split, BatchPlan.evaluation(EXACT_MATCH_BATCH)), ctx, counts);
        return new Reports.ExactMatch(split, counts[1] == 0 ? Double.NaN : (double) counts[0] / counts[1]);
    }

    /** Adds to {@code counts} the exact matches ([0]) and examples ([1]) of {@code source}'s batches. */
    private static void exactMatches(BatchSource source, ReportContext ctx, long[] counts) {
        for (TrainBatch b : source.batches(0)) {
            Flow out = ctx.predict(b.input());
            Tensor logits = out.values();
            int steps = logits.dim(1);
            int v = logits.dim(2);
            Tensor targets = b.targets();
            int t = targets.dim(1);
            float[] all = logits.toArray();
            float[] wanted = targets.toArray();
            for (int i = 0; i < b.size(); i++) {
                List<Integer> want = new ArrayList<>();
                for (int j = 0; j < t; j++) {
                    int id = (int) wanted[i * t + j];
                    if (id == Vocabulary.EOS || j >= b.targetMask().length(i)) {
                        break;
                    }
                    want.add(id);
                }
                int n = out.mask() == null ? steps : out.mask().length(i);
                float[] row = Arrays.copyOfRange(all, i * steps * v, (i * steps + n) * v);
                List<Integer> got = new ArrayList<>();
                for (int id : Decoding.argmax(Tensor.of(row, n, v))) {
                    if (id == Vocabulary.EOS) {
                        break;
                    }
                    got.add(id);
                }
                counts[0] += want.equals(got) ? 1 : 0;
                counts[1]++;
            }
        }
    }

    /** A source text in, the decoded target text out. */
    static final class Pipeline extends SchemaPipeline {
        private final Tokenizer tokenizer;
        private final Vocabulary source;
        private final Vocabulary target;
        private final int maxSourceLength;
        private final String separator;

        /** The loaded data's longest target in decoder steps ({@link DataFacts#longestTarget()}); unknown restored. */
        private final int longestTarget;

        Pipeline(PairsData spec, DataSchema schema, int longestTarget) {
            super(schema);
            this.longestTarget = longestTarget;
            this.tokenizer = new Tokenizer(spec.sourceTokenizer().type(), spec.sourceTokenizer().lowercase());
            this.source = schema.vocabulary().orElseThrow();
            this.target = schema.targetVocabulary().orElseThrow();
            this.maxSourceLength = 0;
            this.separator = spec.targetTokenizer().type() == TokenizerKind.CHAR ? "" : " ";
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
        }

        @Override
        public DataFacts facts() {
            return super.facts().withLongestTarget(longestTarget);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("text"), EXAMPLE);
            return Texts.encode(Records.text(record, "text", EXAMPLE), tokenizer, source, maxSourceLength);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            int[] ids = Decoding.argmax(output);
            int n = 0;
            while (n < ids.length && ids[n] != Vocabulary.EOS) {
                n++;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("y", target.decode(Arrays.copyOf(ids, n), separator));
            return r;
        }
    }
}
