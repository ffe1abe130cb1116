package io.rnn4j.core.train;

import io.rnn4j.core.Rnn4jException;

/**
 * {@code RNN4J-TRAIN-002}: the loss or the gradient norm became NaN or infinite. Training stops at once
 * (continuing would only spread NaN through every weight); before this is thrown, the trainer puts the
 * model's weights and its own state back to the end of the last completed epoch, so the caller can still
 * save that checkpoint ({@link #lastGoodState()} and the network's current parameters, e.g. with
 * {@link io.rnn4j.core.archive.ModelArchive}) and retry with other settings.
 */
public final class TrainingDivergedException extends Rnn4jException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final double loss;
    private final double learningRate;
    private final transient TrainerState lastGoodState;

    TrainingDivergedException(String message, int epoch, long step, double loss, double learningRate,
            TrainerState lastGoodState) {
        super("RNN4J-TRAIN-002", message);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.learningRate = learningRate;
        this.lastGoodState = lastGoodState;
    }

    /** The epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The global optimizer step (from 1) that diverged. */
    public long step() {
        return step;
    }

    /** The loss of that step (NaN or infinite, or finite when the gradient norm was not). */
    public double loss() {
        return loss;
    }

    /** The learning rate of that epoch. */
    public double learningRate() {
        return learningRate;
    }

    /** The epoch whose end the weights were restored to (0: the weights training started from). */
    public int lastGoodEpoch() {
        return lastGoodState.epoch();
    }

    /**
     * The trainer's state at the end of {@link #lastGoodEpoch()}, which is also the trainer's state now;
     * with the network's current parameters it is a checkpoint to resume from.
     */
    public TrainerState lastGoodState() {
        return lastGoodState;
    }
}
