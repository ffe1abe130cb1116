package io.rnn4j.layers;

/** How the forward and reverse outputs of a bidirectional layer are combined. */
public enum Merge {
    /** {@code [forward, reverse]} along the features: output size {@code 2 * units}. */
    CONCAT,
    /** {@code forward + reverse}. */
    SUM,
    /** {@code (forward + reverse) / 2}. */
    MEAN,
    /** {@code forward * reverse}, element-wise. */
    MUL;

    /** Output features for {@code units} per direction. */
    public int outputSize(int units) {
        return this == CONCAT ? 2 * units : units;
    }
}
