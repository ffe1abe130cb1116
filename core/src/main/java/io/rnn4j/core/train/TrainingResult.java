package io.rnn4j.core.train;

import java.util.List;

/**
 * How a {@link Trainer#fit} ended.
 *
 * @param history      every epoch trained so far, including those before a resume
 * @param bestEpoch    the epoch with the best monitored value (the early-stopping monitor, else
 *                     {@code val_loss} with validation data, else {@code loss}); 0 if none was finite
 * @param bestValue    that value (NaN if none)
 * @param stoppedEarly whether training ended before the configured number of epochs
 * @param reason       why training ended, in words
 */
public record TrainingResult(List<EpochResult> history, int bestEpoch, double bestValue, boolean stoppedEarly,
        String reason) {

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }
}
