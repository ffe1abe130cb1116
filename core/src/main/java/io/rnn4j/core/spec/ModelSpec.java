package io.rnn4j.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * The network: a chain of layers and a head.
 *
 * @param layers the layers in order (may be empty for a model that is only a head)
 * @param head   the head that turns the last layer's output into predictions
 */
@Doc("The network: a chain of layers, then a head.")
public record ModelSpec(
        @Doc("Layers in order, each a single-key mapping such as '- lstm: {units: 128}'.") @Default("[]") List<LayerEntry> layers,
        @Doc("The head: many_to_one, many_to_many, one_to_many or seq2seq.") LayerEntry head) {

    /** Copies the list and checks the head. */
    public ModelSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(head, "the model needs a head");
    }
}
