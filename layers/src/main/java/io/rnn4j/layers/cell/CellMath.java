package io.rnn4j.layers.cell;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixView;

/**
 * The equations of one recurrent cell for one time step over a batch, forward and backward, expressed
 * with backend primitives. The step loop, masking and the large products over all steps live in
 * {@link ComposedRecurrentKernel}; a cell only says how gates become states.
 *
 * <p>Shapes: {@code B} batch rows, {@code H} hidden units, {@code G} gate blocks. All views are
 * {@code [B, ...]}.
 */
public abstract class CellMath {
    /** The backend whose primitives are used. */
    protected final Backend be;
    /** Hidden size. */
    protected final int h;

    /** A cell of {@code hidden} units computed on {@code backend}. */
    protected CellMath(Backend backend, int hidden) {
        this.be = backend;
        this.h = hidden;
    }

    /** The math for a cell kind (every kind but {@link CellKind#GRU_RESET_BEFORE}, see {@link GruResetBeforeStep}). */
    public static CellMath of(CellKind kind, Backend backend, int hidden, int batch) {
        return switch (kind) {
            case RNN_TANH, RNN_RELU -> new RnnCellMath(backend, hidden, kind.activation());
            case LSTM -> new LstmCellMath(backend, hidden, batch);
            case GRU -> new GruCellMath(backend, hidden, batch);
            case GRU_RESET_BEFORE -> throw new IllegalArgumentException("the reset-before GRU's step is two products"
                    + " with the gates between them, so it is not a CellMath: use GruResetBeforeStep");
        };
    }

    /** Width of the per-step activations kept for the backward pass. */
    public abstract int savedWidth();

    /**
     * One forward step.
     *
     * @param xp    input projection {@code W_ih x + b_ih}, {@code [B, G*H]} (read only)
     * @param hp    recurrent projection {@code W_hh h_in + b_hh}, {@code [B, G*H]} (may be overwritten)
     * @param hPrev previous hidden state (undropped), {@code [B, H]}
     * @param cPrev previous cell state (LSTM) or {@code null}
     * @param saved activations to keep, {@code [B, savedWidth()]}
     * @param hNew  new hidden state, {@code [B, H]}
     * @param cNew  new cell state (LSTM) or {@code null}
     */
    public abstract void forward(MatrixView xp, MatrixView hp, MatrixView hPrev, MatrixView cPrev, MatrixView saved,
            MatrixView hNew, MatrixView cNew);

    /**
     * One backward step.
     *
     * @param dh      gradient with respect to the new hidden state (total), {@code [B, H]}
     * @param dc      gradient with respect to the new cell state (LSTM) or {@code null}
     * @param saved   the activations kept by {@link #forward}
     * @param hPrev   previous hidden state (undropped)
     * @param cPrev   previous cell state (LSTM) or {@code null}
     * @param dGx     out: gradient with respect to the input projection, {@code [B, G*H]}
     * @param dGh     out: gradient with respect to the recurrent projection, {@code [B, G*H]}
     * @param dhDirect out: gradient reaching {@code hPrev} other than through {@code W_hh} (GRU's
     *                {@code z * dh}); set to zero by cells without such a path
     * @param dcPrev  out: gradient with respect to the previous cell state (LSTM) or {@code null}
     */
    public abstract void backward(MatrixView dh, MatrixView dc, MatrixView saved, MatrixView hPrev, MatrixView cPrev,
            MatrixView dGx, MatrixView dGh, MatrixView dhDirect, MatrixView dcPrev);
}
