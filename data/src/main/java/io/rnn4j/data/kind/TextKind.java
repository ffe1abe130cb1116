package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.TextCorpusSpec;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.TokenizerKind;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.internal.TextCorpusLoader;
import io.rnn4j.data.internal.TextFiles;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: text}: a plain-text corpus for a language model. Its pipeline is a {@link TokenGenerator}:
 * {@code generate --prompt} continues a prompt, and the report holds a sample continuing
 * {@code sample_prompt} (by default the first line of the training text).
 */
public final class TextKind implements DataKind<TextData> {
    static final String EXAMPLE = "{\"text\": \"It is a truth\"}";
    private static final String PROMPT = "sample_prompt.txt";

    /** Used by {@link java.util.ServiceLoader}. */
    public TextKind() {
    }

    @Override
    public String id() {
        return "text";
    }

    @Override
    public Class<TextData> specType() {
        return TextData.class;
    }

    @Override
    public String description() {
        return "A plain-text corpus for character or word language models (next-token prediction).";
    }

    @Override
    public ValueType inputType(TextData spec) {
        return ValueType.tokens(ValueType.UNKNOWN);
    }

    @Override
    public Optional<OutputKind> outputKind(TextData spec) {
        return Optional.of(OutputKind.STEP_CLASSES);
    }

    @Override
    public int sequenceLength(TextData spec) {
        return spec.sequenceLength();
    }

    @Override
    public Set<MetricKind> defaultMetrics(TextData spec) {
        return EnumSet.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
    }

    private static TextCorpusSpec loaderSpec(TextData spec, DataContext context) {
        return new TextCorpusSpec(Splits.of(spec, context), Splits.tokenizer(spec.tokenizer()), spec.sequenceLength(),
                spec.stride());
    }

    @Override
    public LoadedData load(TextData spec, DataContext context) {
        Dataset d = TextCorpusLoader.load(loaderSpec(spec, context));
        String prompt = spec.samplePrompt() != null && !spec.samplePrompt().isEmpty() ? spec.samplePrompt()
                : firstLine(TextFiles.readAll(context.resolve(spec.train()), "train"));
        Pipeline p = new Pipeline(spec, d.schema(), prompt);
        return new ExampleData(d, p, (split, ctx) -> new Reports.Sample(split, ctx.generate(p.samplePrompt(), 300, 0.8,
                context.seed())));
    }

    private static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String t = line.strip();
                return t.length() <= 40 ? t : t.substring(0, 40);
            }
        }
        return "";
    }

    /**
     * A test file is read alone, cut into windows with the model's vocabulary (the training file is not needed);
     * a test split that is a part of the training file needs that file, loaded and checked against the model's
     * pipeline. The report's sample starts from the model's stored prompt either way.
     */
    @Override
    public LoadedData loadWith(TextData spec, DataContext context, DataPipeline fitted) {
        if (spec.test() == null || spec.test().file() == null) {
            return Refit.checked(load(spec, context), fitted);
        }
        Pipeline p = (Pipeline) fitted;
        Dataset d = TextCorpusLoader.test(loaderSpec(spec, context), context.resolve(spec.test().file()), p.schema());
        return new ExampleData(d, p, (split, ctx) -> new Reports.Sample(split, ctx.generate(p.samplePrompt(), 300, 0.8,
                context.seed())));
    }

    @Override
    public DataPipeline restore(TextData spec, Map<String, byte[]> stored, String source) {
        return new Pipeline(spec, SchemaPipeline.restoreSchema(stored, source),
                SchemaPipeline.text(stored, PROMPT, source));
    }

    /** Text in, the next token at every step out. */
    static final class Pipeline extends SchemaPipeline implements TokenGenerator {
        private final Tokenizer tokenizer;
        private final Vocabulary vocabulary;
        private final String samplePrompt;

        Pipeline(TextData spec, DataSchema schema, String samplePrompt) {
            super(schema);
            this.tokenizer = new Tokenizer(spec.tokenizer().type(), spec.tokenizer().lowercase());
            this.vocabulary = schema.vocabulary().orElseThrow();
            this.samplePrompt = samplePrompt;
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new LinkedHashMap<>(super.store());
            out.put(PROMPT, bytes(samplePrompt));
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("text"), EXAMPLE);
            return Texts.encode(Records.text(record, "text", EXAMPLE), tokenizer, vocabulary, 0);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            return Decoding.stepClasses(output, vocabulary::token, backend);
        }

        @Override
        public int[] encodePrompt(String prompt) {
            int[] ids = vocabulary.encode(tokenizer.tokenize(prompt));
            return ids.length == 0 ? new int[] {Vocabulary.UNK} : ids;
        }

        @Override
        public String piece(int id) {
            String t = vocabulary.decode(new int[] {id}, "");
            return tokenizer.kind() == TokenizerKind.CHAR ? t : t.isEmpty() ? "" : " " + t;
        }

        @Override
        public String samplePrompt() {
            return samplePrompt;
        }
    }
}
