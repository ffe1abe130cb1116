package io.rnn4j.core.spi;

import io.rnn4j.core.Activation;

/**
 * The recurrent cells rnn4j knows, with PyTorch's equations and weight layout: the input weights
 * {@code W_ih} are {@code [gates*hidden, input]}, the recurrent weights {@code W_hh} are
 * {@code [gates*hidden, hidden]}, and two biases {@code b_ih}, {@code b_hh} of {@code [gates*hidden]}.
 */
public enum CellKind {
    /** Elman RNN, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(1, false, Activation.TANH),
    /** Elman RNN, {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(1, false, Activation.RELU),
    /** LSTM, gate blocks in the order i, f, g, o. */
    LSTM(4, true, Activation.TANH),
    /** GRU, the reset-after variant (ONNX {@code linear_before_reset=1}), gate blocks r, z, n. */
    GRU(3, false, Activation.TANH),
    /**
     * GRU, the reset-before variant (ONNX {@code linear_before_reset=0}, Keras {@code reset_after=False}), gate
     * blocks r, z, n: the candidate's recurrent product is taken of {@code r * h},
     * {@code n = tanh(W_in x + b_in + W_hn (r * h) + b_hn)}.
     */
    GRU_RESET_BEFORE(3, false, Activation.TANH);

    private final int gates;
    private final boolean cellState;
    private final Activation activation;

    CellKind(int gates, boolean cellState, Activation activation) {
        this.gates = gates;
        this.cellState = cellState;
        this.activation = activation;
    }

    /** Number of gate blocks stacked in the weight matrices. */
    public int gates() {
        return gates;
    }

    /** Whether the cell carries a second state {@code c} (LSTM). */
    public boolean hasCellState() {
        return cellState;
    }

    /** The candidate/output non-linearity (tanh, or relu for {@link #RNN_RELU}). */
    public Activation activation() {
        return activation;
    }

    /** The {@link Capability} that says a backend has a fused kernel for this cell. */
    public Capability fusedCapability() {
        return switch (this) {
            case RNN_TANH, RNN_RELU -> Capability.FUSED_RNN;
            case LSTM -> Capability.FUSED_LSTM;
            case GRU -> Capability.FUSED_GRU;
            case GRU_RESET_BEFORE -> Capability.FUSED_GRU_RESET_BEFORE;
        };
    }
}
