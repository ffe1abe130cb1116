package io.rnn4j.core.spec;

/**
 * Early stopping: end training when {@code monitor} has not improved by {@code minDelta} for
 * {@code patience} epochs, and restore the weights of the best epoch.
 *
 * @param monitor     the metric, e.g. {@code val_loss} or {@code val_accuracy}
 * @param patience    epochs without improvement before stopping
 * @param minDelta    smallest change that counts as an improvement
 * @param mode        whether lower or higher is better ({@code auto}: lower for losses and errors)
 * @param restoreBest restore the best epoch's weights at the end
 */
@Doc("Stop when a monitored metric stops improving.")
public record EarlyStoppingSpec(
        @Doc("The monitored metric, e.g. val_loss or val_accuracy.") @Default("val_loss") String monitor,
        @Doc("Epochs without improvement before stopping.") @Default("3") @Range(min = 1) int patience,
        @Doc("Smallest change that counts as an improvement.") @Default("0.0") @Range(min = 0) double minDelta,
        @Doc("min, max, or auto (min for losses and errors, max for scores).") @Default("auto") Mode mode,
        @Doc("Restore the weights of the best epoch when training ends.") @Default("true") boolean restoreBest) {

    /** Whether lower or higher values of the monitored metric are better. */
    public enum Mode {
        /** Lower for losses and errors, higher for scores. */
        AUTO,
        /** Lower is better. */
        MIN,
        /** Higher is better. */
        MAX
    }
}
