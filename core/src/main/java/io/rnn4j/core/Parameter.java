package io.rnn4j.core;

import java.util.Objects;

/**
 * A trainable tensor and its gradient, identified by a {@link ParamId}. Both tensors usually live in
 * the flat buffers of a {@link ParameterSet}.
 */
public final class Parameter {
    private final ParamId id;
    private final Tensor value;
    private final Tensor grad;

    /** Binds a value and a gradient tensor of the same shape to an id. */
    public Parameter(ParamId id, Tensor value, Tensor grad) {
        this.id = Objects.requireNonNull(id, "id");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = Objects.requireNonNull(grad, "grad");
        if (!value.shape().equals(grad.shape())) {
            throw new IllegalArgumentException("gradient shape " + grad.shape() + " differs from value shape "
                    + value.shape() + " for " + id);
        }
    }

    public ParamId id() {
        return id;
    }

    /**
     * The current value; optimizers and initializers write into it, so handing it out counts as a write of
     * the weights ({@link ParameterVersion#changed()}).
     */
    public Tensor value() {
        ParameterVersion.changed();
        return value;
    }

    /** The accumulated gradient; backward passes add into it. */
    public Tensor grad() {
        return grad;
    }

    @Override
    public String toString() {
        return id + " " + value.shape();
    }
}
