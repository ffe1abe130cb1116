package io.rnn4j.layers;

/**
 * Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with probability
 * {@code rate} and the rest are scaled by {@code 1 / (1 - rate)}; in inference, the identity.
 *
 * @param rate drop probability in {@code [0, 1)}
 */
public record DropoutSpec(float rate) {

    /** Validates. */
    public DropoutSpec {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1), was " + rate);
        }
    }
}
