package io.rnn4j.core.train;

/**
 * Observes a {@link Trainer}: progress bars, logs, CSV files ({@link History}), checkpoints. Every
 * method has an empty default, so a listener implements only what it needs. Listeners run on the
 * training thread, in the order they were added; an exception thrown by one ends training.
 *
 * <p>{@link #onEpochEnd} is called after everything of that epoch is done (validation, the schedule's
 * step, early stopping's bookkeeping), so {@link Trainer#state()} read there is the state "after epoch
 * {@code k}" from which a resumed run continues exactly: the place to write a checkpoint.
 */
public interface TrainingListener {

    /**
     * Training starts (or resumes).
     *
     * @param firstEpoch       the number of the first epoch this call of {@code fit} runs (from 1)
     * @param epochs           the configured number of epochs (the last epoch's number)
     * @param trainingExamples examples per training epoch
     */
    default void onTrainingStart(int firstEpoch, int epochs, int trainingExamples) {
    }

    /**
     * A batch was trained (with truncated BPTT: all of its windows).
     *
     * @param epoch             the epoch number, from 1
     * @param batch             the batch number in the epoch, from 1
     * @param batches           batches in the epoch
     * @param loss              the batch's mean loss
     * @param examplesPerSecond throughput of this batch
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
    }

    /** An epoch ended; see the class comment for what is done by then. */
    default void onEpochEnd(EpochResult result) {
    }

    /** Training ended: all epochs or early stopping. */
    default void onTrainingEnd(TrainingResult result) {
    }

    /**
     * Training diverged (or the explosion guard stopped it): called instead of {@link #onTrainingEnd} just
     * before {@code error} is thrown, with the weights already back at the last completed epoch. The
     * error's message is the one the user reads; a listener closes its displays rather than repeat it.
     */
    default void onTrainingDiverged(TrainingDivergedException error) {
    }
}
