package io.rnn4j.core.optim;

import java.util.Locale;

/**
 * How {@link LrSchedule.ReduceOnPlateau} decides that a metric improved on the best value so far, as
 * PyTorch's {@code threshold_mode}.
 */
public enum ThresholdMode {
    /**
     * Relative: better means {@code a < best * (1 - threshold)} ({@code min}) or
     * {@code a > best * (1 + threshold)} ({@code max}). As in PyTorch, with a negative {@code best} the
     * margin points the other way (a slightly worse value can count as better); use {@link #ABS} for
     * metrics that can be negative.
     */
    REL,
    /** Absolute: better means {@code a < best - threshold} ({@code min}) or {@code a > best + threshold}. */
    ABS;

    /** Lower-case id ({@code rel}, {@code abs}), as in YAML and PyTorch. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
