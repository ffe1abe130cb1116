package io.rnn4j.layers;

import java.util.List;
import io.rnn4j.core.ParamId;

/**
 * A runtime layer: forward and backward over {@link Flow}s. Parameters live in the model's
 * {@link io.rnn4j.core.ParameterSet}; {@link #backward} adds into their gradients.
 */
public interface Layer {

    /** The layer's unique name in its model (parameter ids use it). */
    String name();

    /** Ids of the parameters this layer owns. */
    List<ParamId> parameterIds();

    /** Size of the last axis of this layer's output. */
    int outputSize();

    /** Runs the layer. In a training context, keeps what {@link #backward} needs. */
    Flow forward(Flow input, LayerContext context);

    /**
     * Backpropagates through the last training forward pass: adds parameter gradients and returns the
     * gradient with respect to that pass's input ({@code null} when the input was not differentiable,
     * e.g. token ids).
     */
    Flow backward(Flow gradOutput);
}
