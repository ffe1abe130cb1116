package io.rnn4j.layers;

import io.rnn4j.core.RandomSource;
import java.util.Objects;

/**
 * How a forward pass runs.
 *
 * @param training whether this is a training pass (dropout active, activations kept for backward)
 * @param random   the source of dropout masks; its state advances with every mask drawn
 */
public record LayerContext(boolean training, RandomSource random) {

    /** Checks for null. */
    public LayerContext {
        Objects.requireNonNull(random, "random");
    }

    /** An inference pass (dropout off, nothing kept for backward). */
    public static LayerContext inference() {
        return new LayerContext(false, new RandomSource(0));
    }

    /** A training pass drawing dropout masks from {@code random}. */
    public static LayerContext training(RandomSource random) {
        return new LayerContext(true, random);
    }
}
