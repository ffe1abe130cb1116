package io.rnn4j.layers.cell;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber 1997; with the forget gate of Gers et al. 2000),
 * PyTorch's {@code nn.LSTM} and cuDNN's equations, gate blocks in the order i, f, g, o:
 *
 * <pre>
 *   [a_i, a_f, a_g, a_o] = W_ih x + b_ih + W_hh h + b_hh
 *   i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
 *   c' = f * c + i * g
 *   h' = o * tanh(c')
 * </pre>
 *
 * Backward, with {@code dc' } the total gradient reaching {@code c'}:
 * <pre>
 *   dc' += dh' * o * (1 - tanh(c')^2)
 *   da_o = dh' * tanh(c') * o (1 - o)     da_i = dc' * g * i (1 - i)
 *   da_f = dc' * c * f (1 - f)            da_g = dc' * i * (1 - g^2)
 *   dc   = dc' * f
 * </pre>
 */
public final class LstmCellMath extends CellMath {
    private final MatrixView tmp;
    private final MatrixView dcTotal;

    LstmCellMath(Backend backend, int hidden, int batch) {
        super(backend, hidden);
        this.tmp = MatrixView.of(new float[batch * hidden], batch, hidden);
        this.dcTotal = MatrixView.of(new float[batch * hidden], batch, hidden);
    }

    /** Saved per step: the four activated gates, then {@code tanh(c')}. */
    @Override
    public int savedWidth() {
        return 5 * h;
    }

    @Override
    public void forward(MatrixView xp, MatrixView hp, MatrixView hPrev, MatrixView cPrev, MatrixView saved,
            MatrixView hNew, MatrixView cNew) {
        MatrixView gates = saved.cols(0, 4 * h);
        be.axpby(1f, xp, 1f, hp, gates);
        MatrixView i = saved.cols(0, h);
        MatrixView f = saved.cols(h, h);
        MatrixView g = saved.cols(2 * h, h);
        MatrixView o = saved.cols(3 * h, h);
        MatrixView tanhC = saved.cols(4 * h, h);
        be.activation(Activation.SIGMOID, i, i);
        be.activation(Activation.SIGMOID, f, f);
        be.activation(Activation.TANH, g, g);
        be.activation(Activation.SIGMOID, o, o);
        be.mul(f, cPrev, cNew, false);
        be.mul(i, g, cNew, true);
        be.activation(Activation.TANH, cNew, tanhC);
        be.mul(o, tanhC, hNew, false);
    }

    @Override
    public void backward(MatrixView dh, MatrixView dc, MatrixView saved, MatrixView hPrev, MatrixView cPrev,
            MatrixView dGx, MatrixView dGh, MatrixView dhDirect, MatrixView dcPrev) {
        MatrixView i = saved.cols(0, h);
        MatrixView f = saved.cols(h, h);
        MatrixView g = saved.cols(2 * h, h);
        MatrixView o = saved.cols(3 * h, h);
        MatrixView tanhC = saved.cols(4 * h, h);
        // output gate
        be.mul(dh, tanhC, tmp, false);
        be.activationBackward(Activation.SIGMOID, o, tmp, dGx.cols(3 * h, h), false);
        // total gradient at c'
        be.copy(dc, dcTotal);
        be.mul(dh, o, tmp, false);
        be.activationBackward(Activation.TANH, tanhC, tmp, dcTotal, true);
        // input, forget and candidate gates
        be.mul(dcTotal, g, tmp, false);
        be.activationBackward(Activation.SIGMOID, i, tmp, dGx.cols(0, h), false);
        be.mul(dcTotal, cPrev, tmp, false);
        be.activationBackward(Activation.SIGMOID, f, tmp, dGx.cols(h, h), false);
        be.mul(dcTotal, i, tmp, false);
        be.activationBackward(Activation.TANH, g, tmp, dGx.cols(2 * h, h), false);
        be.mul(dcTotal, f, dcPrev, false);
        be.copy(dGx, dGh);
        be.fill(dhDirect, 0f);
    }
}
