package io.rnn4j.layers.heads;

import io.rnn4j.core.spi.CellKind;

/** The recurrent cell of a decoder head ({@code one_to_many}, {@code seq2seq}). */
public enum DecoderCell {
    /** Elman cell with tanh ({@link CellKind#RNN_TANH}). */
    SIMPLE_RNN(CellKind.RNN_TANH),
    /** LSTM cell ({@link CellKind#LSTM}), with a cell state next to the hidden state. */
    LSTM(CellKind.LSTM),
    /** GRU cell, reset-after variant ({@link CellKind#GRU}). */
    GRU(CellKind.GRU);

    private final CellKind kind;

    DecoderCell(CellKind kind) {
        this.kind = kind;
    }

    /** The cell equations the decoder runs. */
    public CellKind cellKind() {
        return kind;
    }
}
