package io.rnn4j.core;

import java.util.Objects;

/**
 * The typed identity of a parameter: never a string that is parsed later.
 *
 * @param layer     name of the layer that owns the parameter (unique in a model)
 * @param role      what the parameter is for
 * @param index     index of the stacked sub-layer for recurrent layers ({@code 0} otherwise)
 * @param direction direction for recurrent layers ({@link Direction#FORWARD} otherwise)
 */
public record ParamId(String layer, ParamRole role, int index, Direction direction) {

    /** Validates the components. */
    public ParamId {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(direction, "direction");
        if (index < 0) {
            throw new IllegalArgumentException("sub-layer index must be >= 0, was " + index);
        }
    }

    /** A parameter of a non-recurrent layer. */
    public static ParamId of(String layer, ParamRole role) {
        return new ParamId(layer, role, 0, Direction.FORWARD);
    }

    /** A stable display name such as {@code lstm_0/weight_ih/1/reverse}, for logs and archives. */
    public String displayName() {
        return layer + "/" + role.id() + "/" + index + "/" + direction.id();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
