package io.rnn4j.core.model;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.RandomSource;
import java.util.List;

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

    /**
     * Draws this layer's initial weights. Each parameter is drawn from {@code random.fork(id)}, so its
     * values depend only on the seed and its {@link ParamId}, never on other layers.
     */
    void initialize(RandomSource random);

    /** Runs the layer. In a training context, keeps what {@link #backward} needs. */
    Flow forward(Flow input, LayerContext context);

    /**
     * Backpropagates through the last training forward pass: adds parameter gradients and returns the
     * gradient with respect to that pass's input ({@code null} when the input was not differentiable,
     * e.g. token ids).
     */
    Flow backward(Flow gradOutput);
}
