package io.rnn4j.core;

/** The direction in which a recurrent layer walks through time. */
public enum Direction {
    /** From the first step to the last valid step. */
    FORWARD,
    /** From the last valid step of each sequence back to the first. */
    REVERSE;

    /** Lower-case id used in names ({@code forward}, {@code reverse}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
