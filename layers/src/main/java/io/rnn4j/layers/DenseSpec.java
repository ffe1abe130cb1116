package io.rnn4j.layers;

import io.rnn4j.core.Activation;
import java.util.Objects;

/**
 * A fully connected layer {@code y = f(x W + b)}, applied to a batch of vectors or to every valid step
 * of a sequence batch.
 *
 * @param units      output features ({@code >= 1})
 * @param activation the element-wise function {@code f}
 * @param useBias    whether {@code b} exists
 */
public record DenseSpec(int units, Activation activation, boolean useBias) {

    /** Validates. */
    public DenseSpec {
        Objects.requireNonNull(activation, "activation");
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
    }
}
