package io.rnn4j.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * The network: a chain of layers and a head.
 *
 * @param layers the layers in order (may be empty for a model that is only a head)
 * @param head     the head that turns the last layer's output into predictions
 * @param initFrom a model archive ({@code model.rnn4j}, trained or written by {@code rnn4j import}) whose weights
 *                 training starts from instead of random ones (its layer graph must be this one), or null
 */
@Doc("The network: a chain of layers, then a head.")
public record ModelSpec(
        @Doc("Layers in order, each a single-key mapping such as '- lstm: {units: 128}'.") @Default("[]") List<LayerEntry> layers,
        @Doc("The head: many_to_one, many_to_many, one_to_many or seq2seq.") LayerEntry head,
        @Doc("A model archive (model.rnn4j, trained or imported; relative to this file) to start training from: its "
                + "weights replace the random initial ones. Its layers must be these layers.") String initFrom) {

    /** A model that starts from random weights. */
    public ModelSpec(List<LayerEntry> layers, LayerEntry head) {
        this(layers, head, null);
    }

    /** Copies the list and checks the head. */
    public ModelSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(head, "the model needs a head");
    }
}
