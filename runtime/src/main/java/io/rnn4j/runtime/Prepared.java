package io.rnn4j.runtime;

import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.data.TargetKind;
import io.rnn4j.dsl.ExperimentSpec;
import java.nio.file.Path;

/**
 * An experiment ready to train: the validated spec, the loaded data, and the model compiled with the
 * data's real sizes (vocabularies, classes).
 *
 * @param spec   the experiment with every default resolved
 * @param yaml   the resolved experiment as YAML (what the archive and the ONNX metadata carry)
 * @param file   the experiment file
 * @param data   the loaded data set
 * @param facts  the data's sizes used to resolve the model
 * @param graph  the compiled model
 */
public record Prepared(ExperimentSpec spec, String yaml, Path file, Dataset data, DataFacts facts, LayerGraph graph) {

    /** The loaded data's schema. */
    public DataSchema schema() {
        return data.schema();
    }

    /**
     * The loss: the head's when it decides one (a probabilistic head's likelihood or quantile loss, which
     * {@code training.loss} may only name again), else the file's, else cross-entropy for classes and
     * tokens, MSE for values.
     *
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-RUN-020} if {@code training.loss} names another loss
     *                                      than a probabilistic head needs
     */
    public io.rnn4j.core.loss.Loss loss() {
        io.rnn4j.core.loss.LossKind named = spec.training().loss();
        java.util.Optional<io.rnn4j.core.loss.Loss> head = graph.head().spec().loss();
        if (head.isPresent()) {
            if (named != null && named != head.get().kind()) {
                throw new io.rnn4j.core.Rnn4jException("RNN4J-RUN-020", file + ": training.loss is " + named.id()
                        + ", but the head forecasts " + (head.get().kind() == io.rnn4j.core.loss.LossKind.GAUSSIAN_NLL
                        ? "a Gaussian (distribution: gaussian)" : "quantiles") + ", which is trained with "
                        + head.get().kind().id() + ". Remove training.loss (the head decides it) or set it to "
                        + head.get().kind().id() + ".");
            }
            return head.get();
        }
        return io.rnn4j.core.loss.Loss.of(named != null ? named : classifies() ? io.rnn4j.core.loss.LossKind.CROSS_ENTROPY
                : io.rnn4j.core.loss.LossKind.MSE);
    }

    /** The metrics: the file's, else those the task is naturally judged by. */
    public java.util.List<io.rnn4j.core.metrics.MetricKind> metrics() {
        if (!spec.training().metrics().isEmpty()) {
            return spec.training().metrics();
        }
        DataSchema s = schema();
        if (s.targetKind() == TargetKind.CLASS) {
            return s.outputSize() == 2 ? java.util.List.of(MetricKind.ACCURACY, MetricKind.F1)
                    : java.util.List.of(MetricKind.ACCURACY);
        }
        if (s.targetKind() == TargetKind.STEP_CLASSES || s.targetKind() == TargetKind.SEQUENCE) {
            return spec.data() instanceof io.rnn4j.dsl.spec.TextData || s.targetKind() == TargetKind.SEQUENCE
                    ? java.util.List.of(MetricKind.PERPLEXITY, MetricKind.ACCURACY) : java.util.List.of(MetricKind.ACCURACY);
        }
        return java.util.List.of(MetricKind.MAE, MetricKind.RMSE);
    }

    /**
     * A trainer for {@code network} configured as this experiment says (loss, metrics, classes), drawing
     * dropout from {@code random}; add listeners and build.
     */
    public io.rnn4j.core.train.Trainer.Builder trainer(io.rnn4j.core.model.Network network,
            io.rnn4j.core.RandomSource random) {
        int classes = facts.classes() > 0 ? facts.classes() : Math.max(2, graph.output().features());
        return io.rnn4j.core.train.Trainer.builder(network, spec.training()).loss(loss()).metrics(metrics())
                .classes(classes).random(random);
    }

    /** Whether the model predicts classes (or tokens) rather than values. */
    public boolean classifies() {
        TargetKind k = schema().targetKind();
        return k == TargetKind.CLASS || k == TargetKind.STEP_CLASSES || k == TargetKind.SEQUENCE;
    }
}
