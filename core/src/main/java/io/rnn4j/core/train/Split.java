package io.rnn4j.core.train;

import java.util.Locale;

/** The three parts of a data set. */
public enum Split {
    /** What the model is fitted on. */
    TRAIN,
    /** What early stopping and model selection look at. */
    VALIDATION,
    /** What the final score is computed on. */
    TEST;

    /** The lower-case name used in reports and messages ({@code test}). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
