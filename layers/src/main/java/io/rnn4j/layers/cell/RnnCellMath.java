package io.rnn4j.layers.cell;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;

/**
 * Elman recurrent cell (Elman 1990, "Finding structure in time"), PyTorch's {@code nn.RNN}:
 *
 * <pre>
 *   h' = f(W_ih x + b_ih + W_hh h + b_hh),   f = tanh or relu
 * </pre>
 *
 * Backward: {@code dpre = dh' * f'(h')}; the gradient with respect to both projections is
 * {@code dpre}.
 */
public final class RnnCellMath extends CellMath {
    private final Activation f;

    RnnCellMath(Backend backend, int hidden, Activation f) {
        super(backend, hidden);
        this.f = f;
    }

    @Override
    public int savedWidth() {
        return h;
    }

    @Override
    public void forward(MatrixView xp, MatrixView hp, MatrixView hPrev, MatrixView cPrev, MatrixView saved,
            MatrixView hNew, MatrixView cNew) {
        be.axpby(1f, xp, 1f, hp, saved);
        be.activation(f, saved, saved);
        be.copy(saved, hNew);
    }

    @Override
    public void backward(MatrixView dh, MatrixView dc, MatrixView saved, MatrixView hPrev, MatrixView cPrev,
            MatrixView dGx, MatrixView dGh, MatrixView dhDirect, MatrixView dcPrev) {
        be.activationBackward(f, saved, dh, dGx, false);
        be.copy(dGx, dGh);
        be.fill(dhDirect, 0f);
    }
}
