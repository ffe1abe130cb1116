package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.dsl.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment ready to train or to use: the validated spec, its data kind and fitted data pipeline, the
 * loaded data (absent for a model restored from its archive alone), and the model compiled with the
 * data's real sizes (vocabularies, classes).
 *
 * @param spec     the experiment with every default resolved
 * @param yaml     the resolved experiment as YAML (what the archive and the ONNX metadata carry)
 * @param file     the experiment file
 * @param kind     the data kind
 * @param pipeline the fitted data pipeline
 * @param data     the loaded data, or {@code null} when the model was restored without data
 * @param graph    the compiled model
 */
public record Prepared(ExperimentSpec spec, String yaml, Path file, DataKind<?> kind, DataPipeline pipeline,
        LoadedData data, LayerGraph graph) {

    /** The data's sizes used to resolve the model. */
    public DataFacts facts() {
        return pipeline.facts();
    }

    /**
     * The loaded data.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-013} when the model was restored without its data
     */
    public LoadedData loaded() {
        if (data == null) {
            throw new Rnn4jException("RNN4J-RUN-013", "this model was opened without its data; pass a data file with "
                    + "--data FILE");
        }
        return data;
    }

    /**
     * The loss: the head's when it decides one (a probabilistic head's likelihood or quantile loss, which
     * {@code training.loss} may only name again), else the file's, else the data kind's default
     * (cross-entropy for classes and tokens, MSE for values).
     *
     * @throws Rnn4jException {@code RNN4J-RUN-032} if {@code training.loss} names another loss than a
     *                        probabilistic head needs
     */
    public io.rnn4j.core.loss.Loss loss() {
        LossKind named = spec.training().loss();
        java.util.Optional<io.rnn4j.core.loss.Loss> head = graph.head().spec().headLoss();
        if (head.isPresent()) {
            if (named != null && named != head.get().kind()) {
                throw new Rnn4jException("RNN4J-RUN-032", file + ": training.loss is " + named.id()
                        + ", but the head forecasts " + (head.get().kind() == LossKind.GAUSSIAN_NLL
                        ? "a Gaussian (distribution: gaussian)" : "quantiles") + ", which is trained with "
                        + head.get().kind().id() + ". Remove training.loss (the head decides it) or set it to "
                        + head.get().kind().id() + ".");
            }
            return head.get();
        }
        return io.rnn4j.core.loss.Loss.of(named != null ? named : pipeline.defaultLoss());
    }

    /** The head's forecast distribution, when it forecasts one (a Gaussian, or quantiles). */
    public java.util.Optional<io.rnn4j.core.loss.DistributionLoss> distribution() {
        return loss() instanceof io.rnn4j.core.loss.DistributionLoss d ? java.util.Optional.of(d) : java.util.Optional.empty();
    }

    /** The metrics: the file's, else those the data kind's task is naturally judged by. */
    public List<MetricKind> metrics() {
        return spec.training().metrics().isEmpty() ? pipeline.defaultMetrics() : spec.training().metrics();
    }

    /**
     * For data scored in original units (a forecaster): the validation split's forecasts by {@code network} (with its
     * weights at the time of the call) and the actual values, in original units, as {@code evaluate} scores them;
     * empty for other data or when no data is loaded. Both the local trainer and a distributed engine use it, so
     * {@code metrics.csv} has the same columns in the same units either way.
     */
    public java.util.Optional<java.util.function.Supplier<io.rnn4j.core.spi.OriginalUnits.Forecasts>> originalUnits(
            Network network) {
        if (data == null) {
            return java.util.Optional.empty();
        }
        return data.capability(io.rnn4j.core.spi.OriginalUnits.class).map(units -> () -> units.forecasts(
                io.rnn4j.core.train.Split.VALIDATION, ModelService.reportContext(
                        x -> network.forward(x, io.rnn4j.core.model.LayerContext.inference()), this, network)));
    }

    /**
     * A trainer for {@code network} configured as this experiment says (loss, metrics, classes), drawing
     * dropout from {@code random}; add listeners and build.
     */
    public Trainer.Builder trainer(Network network, RandomSource random) {
        int classes = facts().classes() > 0 ? facts().classes() : Math.max(2, graph.output().features());
        Trainer.Builder b = Trainer.builder(network, spec.training()).loss(loss()).metrics(metrics()).classes(classes)
                .random(random);
        originalUnits(network).ifPresent(b::originalUnits);
        ctc().ifPresent(c -> {
            // a CTC head trains with its own configured loss (blank, reduction, zero_infinity) unless the file names
            // another loss, and its sequence metrics read words at the data's separator label
            if (spec.training().loss() == null || spec.training().loss() == LossKind.CTC) {
                b.loss(c.loss());
            }
            int separator = pipeline.capability(io.rnn4j.core.spi.LabelSequences.class)
                    .map(io.rnn4j.core.spi.LabelSequences::separator).orElse(-1);
            b.ctcScoring(new io.rnn4j.core.metrics.CtcScoring(c.blank(), separator < 0 ? -1 : c.output(separator)));
        });
        return b;
    }

    /** The CTC settings of the model's head, if it is trained with CTC (asked of the head's kind). */
    public java.util.Optional<io.rnn4j.core.ctc.CtcSettings> ctc() {
        return CtcSupport.of(graph);
    }

    /**
     * A split's batches as the model trains on them: the data kind's, with label sequences mapped to a CTC
     * head's output indices.
     */
    public io.rnn4j.core.train.BatchSource batches(io.rnn4j.core.train.Split split, io.rnn4j.core.train.BatchPlan plan) {
        io.rnn4j.core.train.BatchSource source = loaded().batches(split, plan);
        return ctc().map(c -> CtcSupport.mapped(source, c)).orElse(source);
    }
}
