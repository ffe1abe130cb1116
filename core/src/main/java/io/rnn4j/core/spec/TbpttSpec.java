package io.rnn4j.core.spec;

/**
 * Truncated backpropagation through time (Williams and Peng 1990): the sequence is processed in
 * windows of {@code forward} steps, the state carried from one window to the next, and gradients flow
 * back through the last {@code backward} steps of each window.
 *
 * @param forward  steps per window (k1)
 * @param backward steps the gradient flows back (k2 &lt;= k1)
 */
@Doc("Truncated backpropagation through time: windows of k1 = forward steps, gradients through k2 = backward steps.")
public record TbpttSpec(
        @Doc("Steps per window (k1).") @Range(min = 1) int forward,
        @Doc("Steps the gradient flows back in each window (k2 <= k1).") @Range(min = 1) int backward) {

    /** Checks {@code backward <= forward}. */
    public TbpttSpec {
        if (backward > forward) {
            throw new IllegalArgumentException("tbptt.backward (" + backward + ") must not exceed tbptt.forward ("
                    + forward + "): gradients cannot flow back further than a window");
        }
    }
}
