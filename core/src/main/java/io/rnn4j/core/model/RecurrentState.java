package io.rnn4j.core.model;

import io.rnn4j.core.Tensor;
import java.util.List;

/**
 * The hidden (and, for LSTM, cell) states of a recurrent layer, one {@code [batch, units]} tensor per
 * stacked layer and direction, indexed {@code layer * directions + direction} (PyTorch's order:
 * layer 0 forward, layer 0 reverse, layer 1 forward, ...).
 *
 * @param h hidden states
 * @param c cell states for LSTM, else an empty list
 */
public record RecurrentState(List<Tensor> h, List<Tensor> c) {

    /** Copies the lists (not the tensors). */
    public RecurrentState {
        h = List.copyOf(h);
        c = List.copyOf(c);
    }
}
