package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * The weights of one direction of one recurrent layer, in PyTorch's layout (see {@link CellKind}).
 * The same type carries gradients: a backward pass adds into a {@code RecurrentWeights} of gradient
 * tensors.
 *
 * @param cell       the cell equations
 * @param inputSize  features per step of the input
 * @param hiddenSize units of the state
 * @param wIh        {@code [gates*hidden, input]}
 * @param wHh        {@code [gates*hidden, hidden]}
 * @param bIh        {@code [gates*hidden]}
 * @param bHh        {@code [gates*hidden]}
 */
public record RecurrentWeights(CellKind cell, int inputSize, int hiddenSize, Tensor wIh, Tensor wHh, Tensor bIh,
        Tensor bHh) {

    /** Checks every shape against the cell, input and hidden sizes. */
    public RecurrentWeights {
        Objects.requireNonNull(cell, "cell");
        int g = cell.gates() * hiddenSize;
        check("W_ih", wIh, g * inputSize, cell, inputSize, hiddenSize);
        check("W_hh", wHh, g * hiddenSize, cell, inputSize, hiddenSize);
        check("b_ih", bIh, g, cell, inputSize, hiddenSize);
        check("b_hh", bHh, g, cell, inputSize, hiddenSize);
        // their in-place writes (setFlat, fill, copyFrom) tell the backends' caches of packed weights
        wIh.markWeights();
        wHh.markWeights();
        bIh.markWeights();
        bHh.markWeights();
    }

    private static void check(String name, Tensor t, int size, CellKind cell, int in, int hidden) {
        Objects.requireNonNull(t, name);
        if (t.size() != size) {
            throw new IllegalArgumentException(name + " of a " + cell + " cell with input " + in + " and hidden "
                    + hidden + " must hold " + size + " values, has shape " + t.shape());
        }
    }

    /** Number of gate blocks. */
    public int gates() {
        return cell.gates();
    }
}
