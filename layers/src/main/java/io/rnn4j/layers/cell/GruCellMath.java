package io.rnn4j.layers.cell;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;

/**
 * Gated recurrent unit (Cho et al. 2014), in the "reset after" form of PyTorch's {@code nn.GRU} and
 * cuDNN (ONNX {@code linear_before_reset=1}), gate blocks in the order r, z, n:
 *
 * <pre>
 *   [x_r, x_z, x_n] = W_ih x + b_ih        [h_r, h_z, h_n] = W_hh h + b_hh
 *   r = sigmoid(x_r + h_r)   z = sigmoid(x_z + h_z)
 *   n = tanh(x_n + r * h_n)
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * Backward:
 * <pre>
 *   dn = dh' * (1 - z)    dz = dh' * (h - n)    dh (direct) = dh' * z
 *   da_n = dn * (1 - n^2) ; dx_n = da_n ; dh_n = da_n * r ; dr = da_n * h_n
 *   da_r = dr * r (1 - r) ; da_z = dz * z (1 - z)
 * </pre>
 */
public final class GruCellMath extends CellMath {
    private final MatrixView tmp;
    private final MatrixView tmp2;

    GruCellMath(Backend backend, int hidden, int batch) {
        super(backend, hidden);
        this.tmp = MatrixView.of(new float[batch * hidden], batch, hidden);
        this.tmp2 = MatrixView.of(new float[batch * hidden], batch, hidden);
    }

    /** Saved per step: r, z, n and the recurrent projection {@code h_n}. */
    @Override
    public int savedWidth() {
        return 4 * h;
    }

    @Override
    public void forward(MatrixView xp, MatrixView hp, MatrixView hPrev, MatrixView cPrev, MatrixView saved,
            MatrixView hNew, MatrixView cNew) {
        MatrixView rz = saved.cols(0, 2 * h);
        MatrixView r = saved.cols(0, h);
        MatrixView z = saved.cols(h, h);
        MatrixView n = saved.cols(2 * h, h);
        MatrixView hn = saved.cols(3 * h, h);
        be.axpby(1f, xp.cols(0, 2 * h), 1f, hp.cols(0, 2 * h), rz);
        be.activation(Activation.SIGMOID, rz, rz);
        be.copy(hp.cols(2 * h, h), hn);
        be.mul(r, hn, tmp, false);
        be.axpby(1f, xp.cols(2 * h, h), 1f, tmp, n);
        be.activation(Activation.TANH, n, n);
        // h' = n + z * (h - n)
        be.axpby(1f, hPrev, -1f, n, tmp);
        be.mul(z, tmp, tmp2, false);
        be.axpby(1f, n, 1f, tmp2, hNew);
    }

    @Override
    public void backward(MatrixView dh, MatrixView dc, MatrixView saved, MatrixView hPrev, MatrixView cPrev,
            MatrixView dGx, MatrixView dGh, MatrixView dhDirect, MatrixView dcPrev) {
        MatrixView r = saved.cols(0, h);
        MatrixView z = saved.cols(h, h);
        MatrixView n = saved.cols(2 * h, h);
        MatrixView hn = saved.cols(3 * h, h);
        // direct path and dz
        be.mul(dh, z, dhDirect, false);
        be.axpby(1f, hPrev, -1f, n, tmp);
        be.mul(dh, tmp, tmp2, false);
        be.activationBackward(Activation.SIGMOID, z, tmp2, dGx.cols(h, h), false);
        // candidate: dn = dh - dh * z
        be.axpby(1f, dh, -1f, dhDirect, tmp);
        MatrixView daN = dGx.cols(2 * h, h);
        be.activationBackward(Activation.TANH, n, tmp, daN, false);
        be.mul(daN, r, dGh.cols(2 * h, h), false);
        // reset gate
        be.mul(daN, hn, tmp, false);
        be.activationBackward(Activation.SIGMOID, r, tmp, dGx.cols(0, h), false);
        be.copy(dGx.cols(0, 2 * h), dGh.cols(0, 2 * h));
    }
}
