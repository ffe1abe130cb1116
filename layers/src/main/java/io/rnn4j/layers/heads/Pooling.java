package io.rnn4j.layers.heads;

/**
 * How a {@code many_to_one} head reduces a masked sequence {@code x [batch, time, features]} to one
 * vector per sequence. Only the valid steps {@code 0 .. len_b - 1} of sequence {@code b} take part;
 * padded steps are never read, whatever they hold.
 */
public enum Pooling {
    /** {@code p_b = x[b, len_b - 1, :]}: the output at each sequence's own last valid step. */
    LAST,
    /** {@code p_b = (1 / len_b) * sum_{t < len_b} x[b, t, :]}. */
    MEAN,
    /** {@code p_b[f] = max_{t < len_b} x[b, t, f]} per feature (the gradient goes to the first maximum). */
    MAX
}
