package io.rnn4j.runtime.spi;

import io.rnn4j.core.model.Network;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainerState;
import io.rnn4j.core.train.TrainingResult;

/**
 * One training run on a cluster, driven by the runner exactly as it drives the single-machine trainer:
 * the runner initialises or resumes the driver's {@link #network()}, calls {@link #fit}, checkpoints
 * {@link #state()} after every epoch (a listener), evaluates and saves the network; {@link #close()}
 * releases the cluster.
 */
public interface DistributedTraining extends AutoCloseable {

    /** The driver's network: the weights to initialise before {@link #fit}, and the trained ones after it. */
    Network network();

    /**
     * Trains from the epoch after the restored one to {@code training.epochs}.
     *
     * @param train      the training split's global batches (shuffled with the experiment's seed as on one machine)
     * @param validation the validation batches (evaluated on the driver after each epoch), or {@code null}
     */
    TrainingResult fit(BatchSource train, BatchSource validation);

    /** The state to checkpoint after an epoch, in the single-machine format. */
    TrainerState state();

    /** Continues from a checkpoint's state (its weights are loaded into {@link #network()} by the caller). */
    void restore(TrainerState state);

    /** Releases the cluster (stops the engine's context); the network stays usable. */
    @Override
    void close();
}
