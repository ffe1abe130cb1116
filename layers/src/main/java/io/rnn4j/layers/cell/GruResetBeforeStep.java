package io.rnn4j.layers.cell;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;

/**
 * Gated recurrent unit in its original "reset before" form (Cho et al. 2014; Keras {@code reset_after=False},
 * ONNX {@code linear_before_reset=0}), gate blocks in the order r, z, n, weights in PyTorch's layout:
 *
 * <pre>
 *   [x_r, x_z, x_n] = W_ih x + b_ih
 *   r = sigmoid(x_r + W_hr h + b_hr)   z = sigmoid(x_z + W_hz h + b_hz)
 *   n = tanh(x_n + W_hn (r * h) + b_hn)
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * Unlike the reset-after cell ({@link GruCellMath}), the candidate's recurrent product depends on this
 * step's reset gate, so it cannot be taken together with the other gates' product: a step is two products
 * with the gates between them, and this class owns the whole step (the products included), which is why it
 * is not a {@link CellMath}. With recurrent dropout, {@code h} in the products is the dropped-out state
 * {@code h_in}; the interpolation uses the undropped state.
 *
 * <p>Backward, with {@code g = r * h_in}:
 * <pre>
 *   dz = dh' * (h - n)        dh (direct) = dh' * z      dn = dh' * (1 - z)
 *   da_n = dn * (1 - n^2) ;  dW_hn += da_n^T g ;  dg = da_n W_hn
 *   dr = dg * h_in ;  da_r = dr * r (1 - r) ;  da_z = dz * z (1 - z)
 *   dh_in = [da_r, da_z] W_h[rz] + dg * r
 * </pre>
 */
public final class GruResetBeforeStep {
    private final Backend be;
    private final int h;
    private final MatrixView tmp;
    private final MatrixView tmp2;

    /** A step of {@code hidden} units over {@code batch} rows computed with {@code backend}'s primitives. */
    public GruResetBeforeStep(Backend backend, int hidden, int batch) {
        this.be = backend;
        this.h = hidden;
        this.tmp = MatrixView.of(new float[batch * hidden], batch, hidden);
        this.tmp2 = MatrixView.of(new float[batch * hidden], batch, hidden);
    }

    /** Saved per step: r, z and n. */
    public int savedWidth() {
        return 3 * h;
    }

    /**
     * One forward step.
     *
     * @param xp    input projection {@code W_ih x + b_ih}, {@code [B, 3H]} (read only)
     * @param hIn   the recurrent input (the previous state, dropped out when recurrent dropout is on)
     * @param hPrev the previous state, undropped
     * @param wHh   recurrent weights {@code [3H, H]}
     * @param bHh   recurrent bias data and its offset
     * @param hp    scratch {@code [B, 3H]}
     * @param saved out: r, z, n {@code [B, 3H]}
     * @param g     out: the candidate's recurrent input {@code r * h_in}, {@code [B, H]} (kept for backward)
     * @param hNew  out: the new state
     */
    public void forward(MatrixView xp, MatrixView hIn, MatrixView hPrev, MatrixView wHh, float[] bHh, int bHhOffset,
            MatrixView hp, MatrixView saved, MatrixView g, MatrixView hNew) {
        MatrixView rz = saved.cols(0, 2 * h);
        MatrixView r = saved.cols(0, h);
        MatrixView z = saved.cols(h, h);
        MatrixView n = saved.cols(2 * h, h);
        MatrixView hpRz = hp.cols(0, 2 * h);
        MatrixView hpN = hp.cols(2 * h, h);
        be.gemm(false, true, 1f, hIn, wHh.rows(0, 2 * h), 0f, hpRz);
        be.addRowVector(bHh, bHhOffset, hpRz);
        be.axpby(1f, xp.cols(0, 2 * h), 1f, hpRz, rz);
        be.activation(Activation.SIGMOID, rz, rz);
        be.mul(r, hIn, g, false);
        be.gemm(false, true, 1f, g, wHh.rows(2 * h, h), 0f, hpN);
        be.addRowVector(bHh, bHhOffset + 2 * h, hpN);
        be.axpby(1f, xp.cols(2 * h, h), 1f, hpN, n);
        be.activation(Activation.TANH, n, n);
        // h' = n + z * (h - n)
        be.axpby(1f, hPrev, -1f, n, tmp);
        be.mul(z, tmp, tmp2, false);
        be.axpby(1f, n, 1f, tmp2, hNew);
    }

    /**
     * One backward step.
     *
     * @param dh       gradient with respect to the new state (total)
     * @param saved    r, z, n of {@link #forward}
     * @param hPrev    previous state, undropped
     * @param hIn      the recurrent input of the step
     * @param wHh      recurrent weights {@code [3H, H]}
     * @param dGx      out: gradient with respect to the input projection {@code [B, 3H]} (also the gradient of
     *                 the recurrent pre-activations: {@code b_hh}'s gradient is its column sum)
     * @param dhIn     out: gradient with respect to {@code h_in} (before the dropout mask)
     * @param dhDirect out: gradient reaching {@code hPrev} through the interpolation {@code z * h}
     */
    public void backward(MatrixView dh, MatrixView saved, MatrixView hPrev, MatrixView hIn, MatrixView wHh,
            MatrixView dGx, MatrixView dhIn, MatrixView dhDirect) {
        MatrixView r = saved.cols(0, h);
        MatrixView z = saved.cols(h, h);
        MatrixView n = saved.cols(2 * h, h);
        be.mul(dh, z, dhDirect, false);
        be.axpby(1f, hPrev, -1f, n, tmp);
        be.mul(dh, tmp, tmp2, false);
        be.activationBackward(Activation.SIGMOID, z, tmp2, dGx.cols(h, h), false);
        be.axpby(1f, dh, -1f, dhDirect, tmp);
        MatrixView daN = dGx.cols(2 * h, h);
        be.activationBackward(Activation.TANH, n, tmp, daN, false);
        // dg = da_n W_hn, then the reset gate and the part of dh_in through g
        be.gemm(false, false, 1f, daN, wHh.rows(2 * h, h), 0f, tmp);
        be.mul(tmp, hIn, tmp2, false);
        be.activationBackward(Activation.SIGMOID, r, tmp2, dGx.cols(0, h), false);
        be.mul(tmp, r, dhIn, false);
        be.gemm(false, false, 1f, dGx.cols(0, 2 * h), wHh.rows(0, 2 * h), 1f, dhIn);
    }
}
