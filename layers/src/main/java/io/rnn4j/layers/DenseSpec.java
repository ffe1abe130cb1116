package io.rnn4j.layers;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import java.util.Objects;

/**
 * A fully connected layer {@code y = f(x W + b)}, applied to a batch of vectors or to every valid step
 * of a sequence batch.
 *
 * @param units      output features ({@code >= 1})
 * @param activation the element-wise function {@code f}
 * @param useBias    whether {@code b} exists
 */
@Doc("Fully connected layer y = f(x W + b), on vectors or on every valid step of a sequence.")
public record DenseSpec(
        @Doc("Output features.") @Range(min = 1) int units,
        @Doc("The element-wise function f.") @Default("identity") Activation activation,
        @Doc("Whether the layer has a bias b.") @Default("true") boolean useBias) implements LayerSpec {

    /** Validates. */
    public DenseSpec {
        Objects.requireNonNull(activation, "activation");
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
    }
}
