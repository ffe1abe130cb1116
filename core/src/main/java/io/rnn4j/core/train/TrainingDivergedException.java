package io.rnn4j.core.train;

import io.rnn4j.core.Rnn4jException;
import java.util.Optional;

/**
 * {@code RNN4J-TRAIN-002}: the loss or the gradient norm became NaN or infinite, or the explosion guard
 * found it growing out of bounds. Training stops at once (continuing would only spread NaN through
 * every weight); before this is thrown, the trainer puts the model's weights and its own state back to
 * the end of the last completed epoch, so the caller can still save that checkpoint
 * ({@link #lastGoodState()} with the network's current parameters) and the best epoch's weights
 * ({@link #bestWeights()}) as the model, and retry with other settings.
 */
public final class TrainingDivergedException extends Rnn4jException {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final int epoch;
    private final long step;
    private final double loss;
    private final double learningRate;
    private final transient TrainerState lastGoodState;
    private final int bestEpoch;
    private final transient float[] bestWeights;
    private final String monitor;
    private final double bestValue;

    TrainingDivergedException(String message, int epoch, long step, double loss, double learningRate,
            TrainerState lastGoodState, int bestEpoch, float[] bestWeights, String monitor, double bestValue) {
        super("RNN4J-TRAIN-002", message);
        this.detail = message;
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.learningRate = learningRate;
        this.lastGoodState = lastGoodState;
        this.bestEpoch = bestEpoch;
        this.bestWeights = bestWeights;
        this.monitor = monitor;
        this.bestValue = bestValue;
    }

    /**
     * The same error with {@code note} appended to its message (what the caller did about it, such as the
     * files it wrote), so that the user reads one message.
     */
    public TrainingDivergedException withNote(String note) {
        TrainingDivergedException x = new TrainingDivergedException(detail + " " + note, epoch, step, loss, learningRate,
                lastGoodState, bestEpoch, bestWeights, monitor, bestValue);
        x.setStackTrace(getStackTrace());
        return x;
    }

    /** The epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The global optimizer step (from 1) that diverged. */
    public long step() {
        return step;
    }

    /** The loss of that step (NaN or infinite, or finite when the gradient norm was not or the guard fired). */
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

    /** The epoch with the best monitored value whose weights {@link #bestWeights()} holds; 0 if none. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The weights after {@link #bestEpoch()} (a copy of the flat parameter buffer), or empty when no epoch
     * completed (or a resumed run has not improved on a state that did not keep them).
     */
    public Optional<float[]> bestWeights() {
        return Optional.ofNullable(bestWeights).map(float[]::clone);
    }

    /** The monitored value's name ({@code val_loss}, {@code loss}, ...) that picked the best epoch. */
    public String monitor() {
        return monitor;
    }

    /** The best epoch's monitored value (NaN if none). */
    public double bestValue() {
        return bestValue;
    }
}
