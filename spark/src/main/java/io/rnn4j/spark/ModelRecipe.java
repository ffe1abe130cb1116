package io.rnn4j.spark;

import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.TrainingSpec;
import java.io.Serializable;

/**
 * How every JVM of a Spark job builds the same model: the driver and each executor call it to get
 * their own {@link Network} (its weights are replaced by the driver's before every use). Spark ships
 * it to the executors by Java serialization, so an implementation holds only plain serializable data
 * (an experiment's YAML text, sizes) and builds the rest (backend, layers, specs) where it runs: the
 * backend is found there through the same {@code META-INF/services} registry as on one machine.
 */
public interface ModelRecipe extends Serializable {

    /**
     * A new network of the model, on a backend that may use {@code threads} threads.
     *
     * @param threads the threads a task may use: {@code spark.task.cpus} on an executor
     */
    Network network(int threads);

    /** How to train (optimizer, clipping, batch size, epochs, schedule). */
    TrainingSpec training();

    /** The resolved loss. */
    Loss loss();
}
