package io.rnn4j.core.data;

import java.util.Objects;

/**
 * What the head must produce for a data kind's targets.
 *
 * @param kind what is predicted
 * @param size the number of classes, of values per example or step, or the target vocabulary size
 */
public record Output(OutputKind kind, int size) {
    /** Validates. */
    public Output {
        Objects.requireNonNull(kind, "kind");
        if (size < 1) {
            throw new IllegalArgumentException("an output has at least one value or class, got " + size);
        }
    }
}
