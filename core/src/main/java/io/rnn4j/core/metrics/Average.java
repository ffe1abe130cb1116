package io.rnn4j.core.metrics;

import java.util.Locale;

/** How precision, recall and F1 of several classes become one number (scikit-learn's {@code average}). */
public enum Average {
    /**
     * The unweighted mean of the per-class values over the classes that occur in the targets or the
     * predictions (a class that never occurred is left out, as scikit-learn and torchmetrics do).
     */
    MACRO,
    /**
     * From the counts summed over classes; for single-label classification micro precision, recall
     * and F1 all equal the accuracy.
     */
    MICRO,
    /** The value of the positive class only (two classes; class 1 unless configured otherwise). */
    BINARY;

    /** Lower-case id ({@code macro}, {@code micro}, {@code binary}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
