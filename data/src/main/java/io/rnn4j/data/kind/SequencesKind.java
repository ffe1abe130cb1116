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
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.SequencesSpec;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.internal.SequencesLoader;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: sequences}: JSON Lines of {@code {"x": ..., "y": ...}} (or {@code {"tokens": ..., "y": ...}});
 * predicts from the same {@code x} (or {@code tokens}) a class, values, or one of them per step.
 */
public final class SequencesKind implements DataKind<SequencesData> {

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

    @Override
    public LoadedData load(SequencesData spec, DataContext context) {
        SequencesLoader.Loaded loaded = SequencesLoader.loadWithLines(new SequencesSpec(Splits.of(spec, context),
                spec.target(), spec.classes(), spec.vocabSize()));
        Dataset d = loaded.data();
        // the training split as lines: a cluster's executors read and encode them themselves (LineExamples)
        return new ExampleData(d, new Pipeline(d.schema()), (split, ctx) -> d.schema().targetKind() == TargetKind.CLASS
                ? TextClassificationKind.majority(d, split) : TaskReport.none(split), loaded.lines());
    }

    @Override
    public LoadedData loadWith(SequencesData spec, DataContext context, DataPipeline fitted) {
        return Refit.checked(load(spec, context), fitted);
    }

    @Override
    public DataPipeline restore(SequencesData spec, Map<String, byte[]> stored, String source) {
        return new Pipeline(SchemaPipeline.restoreSchema(stored, source));
    }

    /** {@code x} (or {@code tokens}) in, {@code y} out. */
    static final class Pipeline extends SchemaPipeline {
        private final LabelSet labels;

        Pipeline(DataSchema schema) {
            super(schema);
            this.labels = schema.labels().orElse(LabelSet.indices(schema.outputSize()));
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
