package io.rnn4j.core.spec;

import java.util.Objects;

/**
 * One layer (or the head) of a model as written: {@code - lstm: {units: 128}} is the kind
 * {@code lstm} with its bound options.
 *
 * @param kind the layer kind's id
 * @param spec the options, a record of the kind's spec type
 */
public record LayerEntry(String kind, LayerSpec spec) {

    /** Checks for null. */
    public LayerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
    }
}
