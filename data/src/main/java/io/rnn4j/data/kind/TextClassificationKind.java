package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.TextClassificationSpec;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.data.internal.CsvTestWindows;
import io.rnn4j.data.internal.TextClassificationLoader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code type: text_classification}: a CSV of texts and labels; predicts a label with its probabilities. */
public final class TextClassificationKind implements DataKind<TextClassificationData> {
    static final String EXAMPLE = "{\"text\": \"great coffee\"}";
    private static final String MAJORITY = "majority_class.txt";

    /** Used by {@link java.util.ServiceLoader}. */
    public TextClassificationKind() {
    }

    @Override
    public String id() {
        return "text_classification";
    }

    @Override
    public Class<TextClassificationData> specType() {
        return TextClassificationData.class;
    }

    @Override
    public String description() {
        return "A CSV with a text column and a label column; text becomes token ids.";
    }

    @Override
    public ValueType inputType(TextClassificationData spec) {
        return ValueType.tokens(ValueType.UNKNOWN);
    }

    @Override
    public Optional<OutputKind> outputKind(TextClassificationData spec) {
        return Optional.of(OutputKind.CLASS);
    }

    @Override
    public Set<MetricKind> defaultMetrics(TextClassificationData spec) {
        return EnumSet.of(MetricKind.ACCURACY, MetricKind.F1);
    }

    @Override
    public LoadedData load(TextClassificationData spec, DataContext context) {
        Dataset d = TextClassificationLoader.load(loaderSpec(spec, context));
        Pipeline p = new Pipeline(spec, d.schema(), Baselines.majorityClass(d.train()));
        return new ExampleData(d, p, (split, ctx) -> majority(d, split));
    }

    private static TextClassificationSpec loaderSpec(TextClassificationData spec, DataContext context) {
        return new TextClassificationSpec(Splits.of(spec, context), spec.text(), spec.label(),
                Splits.tokenizer(spec.tokenizer()), spec.maxLength());
    }

    /**
     * A test file is read alone, encoded with the model's vocabulary and labels (the training file is not
     * needed); a test split that is a fraction of the training file needs that file, loaded and checked
     * against the model's pipeline.
     */
    @Override
    public LoadedData loadWith(TextClassificationData spec, DataContext context, DataPipeline fitted) {
        if (spec.test() == null || spec.test().file() == null) {
            return Refit.checked(load(spec, context), fitted);
        }
        Pipeline p = (Pipeline) fitted;
        Dataset d = TextClassificationLoader.test(loaderSpec(spec, context), context.resolve(spec.test().file()),
                p.schema());
        return new ExampleData(d, p, (split, ctx) -> new Reports.Classification(split,
                Baselines.share(p.majority, d.split(split))));
    }

    /** The test file in windows: the same examples and majority-class baseline as {@link #loadWith} gives for it. */
    @Override
    public Optional<StreamedSplit> stream(TextClassificationData spec, DataContext context, DataPipeline fitted, Path file,
            int window) {
        Pipeline p = (Pipeline) fitted;
        CsvTestWindows windows = TextClassificationLoader.testWindows(loaderSpec(spec, context), file,
                p.schema());
        ExampleStream.Reader reader = ExampleStream.reader(windows::next, windows::close);
        return Optional.of(new ExampleStream(reader, ExampleStream.majorityClass(p.majority), window));
    }

    @Override
    public DataPipeline restore(TextClassificationData spec, Map<String, byte[]> stored, String source) {
        return new Pipeline(spec, SchemaPipeline.restoreSchema(stored, source),
                Integer.parseInt(SchemaPipeline.text(stored, MAJORITY, source).strip()));
    }

    static TaskReport majority(Dataset d, Split split) {
        return new Reports.Classification(split, Baselines.majorityShare(d.train(), d.split(split)));
    }

    /** Texts in, a label out. */
    static final class Pipeline extends SchemaPipeline {
        private final Tokenizer tokenizer;
        private final int maxLength;
        private final Vocabulary vocabulary;
        private final LabelSet labels;
        private final int majority;

        Pipeline(TextClassificationData spec, DataSchema schema, int majority) {
            super(schema);
            this.tokenizer = new Tokenizer(spec.tokenizer().type(), spec.tokenizer().lowercase());
            this.maxLength = spec.maxLength();
            this.vocabulary = schema.vocabulary().orElseThrow();
            this.labels = schema.labels().orElse(LabelSet.indices(schema.outputSize()));
            this.majority = majority;
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new java.util.LinkedHashMap<>(super.store());
            out.put(MAJORITY, bytes(Integer.toString(majority)));
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return output().size() == 2 ? List.of(MetricKind.ACCURACY, MetricKind.F1) : List.of(MetricKind.ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            Records.onlyFields(record, Set.of("text"), EXAMPLE);
            return Texts.encode(Records.text(record, "text", EXAMPLE), tokenizer, vocabulary, maxLength);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            return Decoding.classes(output, labels::label, backend);
        }
    }
}
