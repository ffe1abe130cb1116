package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
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
import io.rnn4j.data.InputKind;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.SequencesSpec;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.internal.SequencesLoader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: sequences}: JSON Lines of {@code {"x": ..., "y": ...}} (or {@code {"tokens": ..., "y": ...}});
 * predicts from the same {@code x} (or {@code tokens}) a class, values, or one of them per step.
 */
public final class SequencesKind implements DataKind<SequencesData> {
    private static final String MAJORITY = "majority_class.txt";


    /** Used by {@link java.util.ServiceLoader}. */
    public SequencesKind() {
    }

    @Override
    public String id() {
        return "sequences";
    }

    @Override
    public Class<SequencesData> specType() {
        return SequencesData.class;
    }

    @Override
    public String description() {
        return "JSON Lines, one {\"x\": [[...], ...], \"y\": ...} object per line: the universal format.";
    }

    @Override
    public ValueType inputType(SequencesData spec) {
        return spec.input() == InputKind.TOKENS ? ValueType.tokens(spec.vocabSize() > 0 ? spec.vocabSize() : ValueType.UNKNOWN)
                : ValueType.sequence(ValueType.UNKNOWN);
    }

    @Override
    public Set<MetricKind> defaultMetrics(SequencesData spec) {
        return EnumSet.of(MetricKind.ACCURACY, MetricKind.F1, MetricKind.MAE, MetricKind.RMSE);
    }

    private static SequencesSpec loaderSpec(SequencesData spec, DataContext context) {
        return new SequencesSpec(Splits.of(spec, context), spec.target(), spec.classes(), spec.vocabSize());
    }

    @Override
    public LoadedData load(SequencesData spec, DataContext context) {
        SequencesLoader.Loaded loaded = SequencesLoader.loadWithLines(loaderSpec(spec, context));
        Dataset d = loaded.data();
        int majority = d.schema().targetKind() == TargetKind.CLASS ? Baselines.majorityClass(d.train()) : -1;
        // the training split as lines: a cluster's executors read and encode them themselves (LineExamples)
        return new ExampleData(d, new Pipeline(d.schema(), majority), (split, ctx) -> d.schema().targetKind() == TargetKind.CLASS
                ? TextClassificationKind.majority(d, split) : TaskReport.none(split), loaded.lines());
    }

    /**
     * For a cluster: the training file streamed ({@link SequencesLoader#streamTrainingLines}); the driver keeps the
     * validation and test examples and the training lines' indices and lengths, the executors read the lines.
     */
    @Override
    public Optional<LoadedData> loadForCluster(SequencesData spec, DataContext context) {
        SequencesLoader.Streamed s = SequencesLoader.streamTrainingLines(loaderSpec(spec, context));
        Dataset d = s.heldOut();
        boolean classes = d.schema().targetKind() == TargetKind.CLASS;
        ExampleData heldOut = new ExampleData(d, new Pipeline(d.schema(), s.majority()), (split, ctx) -> !classes
                ? TaskReport.none(split)
                : new Reports.Classification(split, split == Split.TRAIN ? s.majorityShare()
                        : Baselines.share(s.majority(), d.split(split))), s.lines());
        return Optional.of(new LineData(heldOut, s.lines()));
    }

    /**
     * The test file in windows, with the model's schema: the same examples as {@link #loadWith} reads from it
     * and, for class targets, the majority-class baseline counted window by window. Only this file is read.
     * A classifier's archive written before it stored its majority class is read whole (empty).
     */
    @Override
    public Optional<StreamedSplit> stream(SequencesData spec, DataContext context, DataPipeline fitted, Path file,
            int window) {
        Pipeline p = (Pipeline) fitted;
        boolean classes = p.schema().targetKind() == TargetKind.CLASS;
        if (classes && p.majority < 0) {
            return Optional.empty();
        }
        SequencesLoader.TestWindows windows = SequencesLoader.testWindows(loaderSpec(spec, context), file, p.schema());
        ExampleStream.Reader reader = ExampleStream.reader(windows::next, windows::close);
        return Optional.of(new ExampleStream(reader, ExampleStream.majorityClass(classes ? p.majority : -1), window));
    }

    @Override
    public LoadedData loadWith(SequencesData spec, DataContext context, DataPipeline fitted) {
        return Refit.checked(load(spec, context), fitted);
    }

    @Override
    public DataPipeline restore(SequencesData spec, Map<String, byte[]> stored, String source) {
        // archives written before the majority class was stored have none (-1): evaluate reads them whole
        int majority = stored.containsKey(MAJORITY) ? Integer.parseInt(SchemaPipeline.text(stored, MAJORITY, source).strip())
                : -1;
        return new Pipeline(SchemaPipeline.restoreSchema(stored, source), majority);
    }

    /** {@code x} (or {@code tokens}) in, {@code y} out. */
    static final class Pipeline extends SchemaPipeline {
        private final LabelSet labels;
        private final int majority;

        Pipeline(DataSchema schema, int majority) {
            super(schema);
            this.labels = schema.labels().orElse(LabelSet.indices(schema.outputSize()));
            this.majority = majority;
        }

        /** With a classifier's majority class (the baseline of {@code evaluate --data}, read in windows). */
        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new java.util.LinkedHashMap<>(super.store());
            if (majority >= 0) {
                out.put(MAJORITY, bytes(Integer.toString(majority)));
            }
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return switch (schema().targetKind()) {
                case CLASS -> schema().outputSize() == 2 ? List.of(MetricKind.ACCURACY, MetricKind.F1)
                        : List.of(MetricKind.ACCURACY);
                case STEP_CLASSES -> List.of(MetricKind.ACCURACY);
                case SEQUENCE -> List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY);
                default -> List.of(MetricKind.MAE, MetricKind.RMSE);
            };
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            if (schema().inputKind() == InputKind.TOKENS) {
                String example = "{\"tokens\": [4, 8, 15]}";
                Records.onlyFields(record, Set.of("tokens"), example);
                return Records.tokens(record, "tokens", schema().inputSize(), example);
            }
            int w = schema().inputSize();
            String example = w == 1 ? "{\"x\": [0.5, 0.7, 0.1]}" : "{\"x\": [" + step(w) + ", " + step(w) + "]}";
            Records.onlyFields(record, Set.of("x"), example);
            return Records.features(record, "x", w, example);
        }

        private static String step(int w) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < w; i++) {
                sb.append(i == 0 ? "" : ", ").append("0.").append(i + 1);
            }
            return sb.append(']').toString();
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            return switch (schema().targetKind()) {
                case CLASS -> Decoding.classes(output, labels::label, backend);
                case STEP_CLASSES -> Decoding.stepClasses(output, k -> schema().labels().isPresent()
                        ? (Object) labels.label(k) : (Object) k, backend);
                default -> Decoding.values(output.toArray());
            };
        }
    }
}
