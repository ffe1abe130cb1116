package io.rnn4j.runtime.spi;

import io.rnn4j.core.spec.DistributedSpec;
import java.util.function.Consumer;

/**
 * A cluster engine that trains an experiment's model data-parallel and runs batch prediction outside this
 * JVM's own trainer: the plugin seam between the runner and the CLI (which never depend on a cluster
 * library) and a module such as {@code rnn4j-spark}. It is discovered like every plugin through
 * {@code META-INF/services/io.rnn4j.runtime.spi.DistributedEngine} by the one
 * {@link io.rnn4j.core.PluginRegistry} mechanism.
 *
 * <p>An implementation is a small provider: discovering it must not load the cluster library (which may be
 * missing from the class path); {@link #training} and {@link #predict} load it and say clearly when it is
 * absent.
 */
public interface DistributedEngine {

    /** The id that {@code distributed.engine} and {@code predict --engine} name ({@link DistributedSpec.Engine#id()}). */
    String id();

    /**
     * Starts a training run of a prepared experiment on the cluster its {@code distributed:} section names.
     * The caller initialises (or resumes) the weights of {@link DistributedTraining#network()}, trains
     * with {@link DistributedTraining#fit} and closes the run, which releases the cluster.
     *
     * @param request what to train and who listens
     */
    DistributedTraining training(TrainingRequest request);

    /**
     * Predicts every non-blank line of a JSON Lines file on the cluster and hands each prediction (one JSON
     * object as text) to {@code sink}, in input order: the lines single-machine {@code predict} writes.
     *
     * @param request what to predict, where
     * @param sink    receives the output lines in input order
     * @return the number of lines predicted
     */
    long predict(PredictionRequest request, Consumer<String> sink);
}
