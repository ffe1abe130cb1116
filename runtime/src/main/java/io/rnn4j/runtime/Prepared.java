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

    /** The loss: the file's, else the data kind's default (cross-entropy for classes and tokens, MSE for values). */
    public LossKind loss() {
        LossKind named = spec.training().loss();
        return named != null ? named : pipeline.defaultLoss();
    }

    /** The metrics: the file's, else those the data kind's task is naturally judged by. */
    public List<MetricKind> metrics() {
        return spec.training().metrics().isEmpty() ? pipeline.defaultMetrics() : spec.training().metrics();
    }

    /**
     * A trainer for {@code network} configured as this experiment says (loss, metrics, classes), drawing
     * dropout from {@code random}; add listeners and build.
     */
    public Trainer.Builder trainer(Network network, RandomSource random) {
        int classes = facts().classes() > 0 ? facts().classes() : Math.max(2, graph.output().features());
        return Trainer.builder(network, spec.training()).loss(loss()).metrics(metrics()).classes(classes).random(random);
    }
}
