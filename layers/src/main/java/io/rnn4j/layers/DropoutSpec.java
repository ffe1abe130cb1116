package io.rnn4j.layers;

import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;

/**
 * Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with probability
 * {@code rate} and the rest are scaled by {@code 1 / (1 - rate)}; in inference, the identity.
 *
 * @param rate drop probability in {@code [0, 1)}
 */
@Doc("Inverted dropout: zeroes each value with probability rate in training, identity in inference.")
public record DropoutSpec(
        @Doc("Probability of dropping a value.") @Range(min = 0, max = 1, maxExclusive = true) float rate) implements LayerSpec {

    /** Validates. */
    public DropoutSpec {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1), was " + rate);
        }
    }
}
