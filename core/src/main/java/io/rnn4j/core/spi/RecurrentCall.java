package io.rnn4j.core.spi;

import io.rnn4j.core.Direction;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * The inputs of one fused recurrent pass: one direction of one layer over a masked batch.
 *
 * @param weights               the cell's weights
 * @param input                 {@code [batch, time, inputSize]}; padded steps may hold any value
 * @param mask                  valid lengths (padding at the end)
 * @param h0                    initial hidden state {@code [batch, hidden]}
 * @param c0                    initial cell state {@code [batch, hidden]} for LSTM, else {@code null}
 * @param direction             forward, or reverse (starting at each sequence's last valid step)
 * @param recurrentDropoutMask  {@code [batch, hidden]} scale applied to the previous hidden state where
 *                              it enters the recurrent product (variational recurrent dropout, one mask
 *                              per sequence for all steps), or {@code null} for none
 * @param training              whether {@link RecurrentKernel#backward} will be called for this pass
 * @param sequenceOutput        whether the caller reads {@link RecurrentPass#output()}; when {@code false}
 *                              (the top layer of a many-to-one network) a kernel may skip building the
 *                              {@code [batch, time, hidden]} output and return {@code null} there: its
 *                              backward then takes no output gradient
 */
public record RecurrentCall(RecurrentWeights weights, Tensor input, SequenceMask mask, Tensor h0, Tensor c0,
        Direction direction, Tensor recurrentDropoutMask, boolean training, boolean sequenceOutput) {

    /** A call whose output sequence is read. */
    public RecurrentCall(RecurrentWeights weights, Tensor input, SequenceMask mask, Tensor h0, Tensor c0,
            Direction direction, Tensor recurrentDropoutMask, boolean training) {
        this(weights, input, mask, h0, c0, direction, recurrentDropoutMask, training, true);
    }

    /** Checks shapes. */
    public RecurrentCall {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(h0, "h0");
        Objects.requireNonNull(direction, "direction");
        if (input.rank() != 3 || input.dim(0) != mask.batch() || input.dim(1) != mask.time()
                || input.dim(2) != weights.inputSize()) {
            throw new IllegalArgumentException("input of shape " + input.shape() + " does not match batch "
                    + mask.batch() + ", time " + mask.time() + ", input size " + weights.inputSize());
        }
        int bh = mask.batch() * weights.hiddenSize();
        if (h0.size() != bh) {
            throw new IllegalArgumentException("h0 must be [" + mask.batch() + ", " + weights.hiddenSize()
                    + "], has shape " + h0.shape());
        }
        if (weights.cell().hasCellState() != (c0 != null)) {
            throw new IllegalArgumentException(weights.cell().hasCellState()
                    ? "an LSTM call needs c0" : "a " + weights.cell() + " call takes no c0");
        }
        if (c0 != null && c0.size() != bh) {
            throw new IllegalArgumentException("c0 must be [" + mask.batch() + ", " + weights.hiddenSize()
                    + "], has shape " + c0.shape());
        }
        if (recurrentDropoutMask != null && recurrentDropoutMask.size() != bh) {
            throw new IllegalArgumentException("recurrent dropout mask must be [" + mask.batch() + ", "
                    + weights.hiddenSize() + "], has shape " + recurrentDropoutMask.shape());
        }
    }

    public int batch() {
        return mask.batch();
    }

    public int time() {
        return mask.time();
    }

    public int hidden() {
        return weights.hiddenSize();
    }
}
