package io.rnn4j.layers.cell;

import io.rnn4j.core.Direction;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;

/**
 * A whole-sequence recurrent kernel composed of {@link Backend} primitives, for any backend and any
 * {@link CellKind}.
 *
 * <p>The structure is the one fast kernels use, written plainly:
 * <ol>
 *   <li>the input projection of all steps, {@code X W_ih^T + b_ih}, is one product;</li>
 *   <li>only the recurrent product {@code h W_hh^T + b_hh} is inside the step loop, followed by the
 *       cell's equations ({@link CellMath});</li>
 *   <li>the state of a sequence whose step is padded is kept by a row selection and its output row is
 *       zeroed (rnn4j's mask semantics, see {@link SequenceMask});</li>
 *   <li>backward runs the step loop in reverse, then the weight gradients and the input gradient are
 *       each one product over all steps.</li>
 * </ol>
 * Padded input steps are zeroed in a private copy first, so a NaN in padding never reaches a gradient.
 *
 * <p>The reset-before GRU ({@link CellKind#GRU_RESET_BEFORE}) takes its candidate's recurrent product of
 * {@code r * h}, so its step is two products with the gates between them: {@link GruResetBeforeStep} does
 * the whole step, and this kernel keeps {@code r * h} of every step for the weight gradient.
 */
public final class ComposedRecurrentKernel implements RecurrentKernel {
    private final Backend be;
    private final CellKind cell;

    /** A kernel for {@code cell} computed with {@code backend}'s primitives. */
    public ComposedRecurrentKernel(Backend backend, CellKind cell) {
        this.be = backend;
        this.cell = cell;
    }

    /** Everything forward keeps for backward. Buffers indexed by processing step {@code s}. */
    private record Saved(float[] x, float[] maskRows, float[] hs, float[] hin, float[] cs, float[] acts,
            int savedWidth, float[] gs) {
    }

    @Override
    public RecurrentPass forward(RecurrentCall call) {
        RecurrentWeights w = call.weights();
        if (w.cell() != cell) {
            throw new IllegalArgumentException("kernel for " + cell + " called with " + w.cell() + " weights");
        }
        int b = call.batch();
        int t = call.time();
        int in = w.inputSize();
        int hid = w.hiddenSize();
        int gh = cell.gates() * hid;
        int bh = b * hid;
        SequenceMask mask = call.mask();
        float[] maskRows = mask.timeMajorRows();
        GruResetBeforeStep rb = cell == CellKind.GRU_RESET_BEFORE ? new GruResetBeforeStep(be, hid, b) : null;
        CellMath math = rb == null ? CellMath.of(cell, be, hid, b) : null;
        int sw = rb == null ? math.savedWidth() : rb.savedWidth();

        // 1. masked copy of the input, then all input projections as one product
        float[] x = call.input().toArray();
        for (int tt = 0; tt < t; tt++) {
            be.zeroRows(maskRows, tt * b, stepView(x, tt, b, t, in));
        }
        float[] xp = new float[b * t * gh];
        MatrixView xpAll = MatrixView.of(xp, b * t, gh);
        be.gemm(false, true, 1f, MatrixView.of(x, b * t, in), MatrixView.of(w.wIh()), 0f, xpAll);
        be.addRowVector(w.bIh().data(), w.bIh().offset(), xpAll);

        // 2. the step loop
        float[] hs = new float[(t + 1) * bh];
        System.arraycopy(call.h0().data(), call.h0().offset(), hs, 0, bh);
        float[] cs = null;
        if (cell.hasCellState()) {
            cs = new float[(t + 1) * bh];
            System.arraycopy(call.c0().data(), call.c0().offset(), cs, 0, bh);
        }
        Tensor rd = call.recurrentDropoutMask();
        MatrixView rdView = rd == null ? null : MatrixView.of(rd, b, hid);
        float[] hin = rd == null ? hs : new float[t * bh];
        float[] acts = new float[t * b * sw];
        float[] gs = rb == null ? null : new float[t * bh];
        float[] out = new float[b * t * hid];
        MatrixView hp = MatrixView.of(new float[b * gh], b, gh);
        MatrixView hNew = MatrixView.of(new float[bh], b, hid);
        MatrixView cNew = cell.hasCellState() ? MatrixView.of(new float[bh], b, hid) : null;
        MatrixView wHh = MatrixView.of(w.wHh());
        for (int s = 0; s < t; s++) {
            int tt = call.direction() == Direction.FORWARD ? s : t - 1 - s;
            MatrixView hPrev = rows(hs, s, b, hid);
            MatrixView hIn = hPrev;
            if (rd != null) {
                hIn = rows(hin, s, b, hid);
                be.mul(hPrev, rdView, hIn, false);
            }
            MatrixView cPrev = cs == null ? null : rows(cs, s, b, hid);
            if (rb != null) {
                rb.forward(stepView(xp, tt, b, t, gh), hIn, hPrev, wHh, w.bHh().data(), w.bHh().offset(), hp,
                        rows(acts, s, b, sw), rows(gs, s, b, hid), hNew);
            } else {
                be.gemm(false, true, 1f, hIn, wHh, 0f, hp);
                be.addRowVector(w.bHh().data(), w.bHh().offset(), hp);
                math.forward(stepView(xp, tt, b, t, gh), hp, hPrev, cPrev, rows(acts, s, b, sw), hNew, cNew);
            }
            be.selectRows(maskRows, tt * b, hNew, hPrev, rows(hs, s + 1, b, hid));
            if (cs != null) {
                be.selectRows(maskRows, tt * b, cNew, cPrev, rows(cs, s + 1, b, hid));
            }
            MatrixView outStep = stepView(out, tt, b, t, hid);
            be.copy(hNew, outStep);
            be.zeroRows(maskRows, tt * b, outStep);
        }
        Tensor hN = Tensor.of(java.util.Arrays.copyOfRange(hs, t * bh, (t + 1) * bh), b, hid);
        Tensor cN = cs == null ? null : Tensor.of(java.util.Arrays.copyOfRange(cs, t * bh, (t + 1) * bh), b, hid);
        Saved saved = call.training() ? new Saved(x, maskRows, hs, hin, cs, acts, sw, gs) : null;
        return new RecurrentPass(call, Tensor.of(out, b, t, hid), hN, cN, saved);
    }

    @Override
    public RecurrentGradients backward(RecurrentPass pass, Tensor dOutput, Tensor dhN, Tensor dcN,
            RecurrentWeights grads) {
        if (!(pass.saved() instanceof Saved sv)) {
            throw new IllegalStateException("backward needs a forward pass made with training=true by this kernel");
        }
        RecurrentCall call = pass.call();
        RecurrentWeights w = call.weights();
        int b = call.batch();
        int t = call.time();
        int in = w.inputSize();
        int hid = w.hiddenSize();
        int gh = cell.gates() * hid;
        int bh = b * hid;
        GruResetBeforeStep rb = cell == CellKind.GRU_RESET_BEFORE ? new GruResetBeforeStep(be, hid, b) : null;
        CellMath math = rb == null ? CellMath.of(cell, be, hid, b) : null;
        Tensor rd = call.recurrentDropoutMask();
        MatrixView rdView = rd == null ? null : MatrixView.of(rd, b, hid);

        MatrixView dhCarry = MatrixView.of(new float[bh], b, hid);
        if (dhN != null) {
            be.copy(MatrixView.of(dhN, b, hid), dhCarry);
        }
        MatrixView dcCarry = null;
        MatrixView dcPrev = null;
        if (cell.hasCellState()) {
            dcCarry = MatrixView.of(new float[bh], b, hid);
            dcPrev = MatrixView.of(new float[bh], b, hid);
            if (dcN != null) {
                be.copy(MatrixView.of(dcN, b, hid), dcCarry);
            }
        }
        float[] dGx = new float[b * t * gh]; // batch-major, like the input projection
        float[] dGh = new float[t * b * gh]; // by processing step, like hin
        MatrixView dhTotal = MatrixView.of(new float[bh], b, hid);
        MatrixView dhDirect = MatrixView.of(new float[bh], b, hid);
        MatrixView dhPrev = MatrixView.of(new float[bh], b, hid);
        MatrixView wHh = MatrixView.of(w.wHh());
        float[] dOut = dOutput == null ? null : dOutput.toArray();
        for (int s = t - 1; s >= 0; s--) {
            int tt = call.direction() == Direction.FORWARD ? s : t - 1 - s;
            int m = tt * b;
            if (dOut != null) {
                MatrixView dOutStep = stepView(dOut, tt, b, t, hid);
                be.zeroRows(sv.maskRows(), m, dOutStep);
                be.axpby(1f, dhCarry, 1f, dOutStep, dhTotal);
            } else {
                be.copy(dhCarry, dhTotal);
            }
            MatrixView dGxStep = stepView(dGx, tt, b, t, gh);
            MatrixView dGhStep = rows(dGh, s, b, gh);
            if (rb != null) {
                rb.backward(dhTotal, rows(sv.acts(), s, b, sv.savedWidth()), rows(sv.hs(), s, b, hid),
                        rows(sv.hin(), s, b, hid), wHh, dGxStep, dhPrev, dhDirect);
                be.zeroRows(sv.maskRows(), m, dGxStep);
                be.copy(dGxStep, dGhStep);
            } else {
                math.backward(dhTotal, dcCarry, rows(sv.acts(), s, b, sv.savedWidth()), rows(sv.hs(), s, b, hid),
                        sv.cs() == null ? null : rows(sv.cs(), s, b, hid), dGxStep, dGhStep, dhDirect, dcPrev);
                be.zeroRows(sv.maskRows(), m, dGxStep);
                be.zeroRows(sv.maskRows(), m, dGhStep);
                be.gemm(false, false, 1f, dGhStep, wHh, 0f, dhPrev);
            }
            if (rd != null) {
                be.mul(dhPrev, rdView, dhPrev, false);
            }
            be.axpby(1f, dhPrev, 1f, dhDirect, dhPrev);
            // a padded step passes the gradient through unchanged, as it passed the state
            be.selectRows(sv.maskRows(), m, dhPrev, dhTotal, dhCarry);
            if (dcCarry != null) {
                be.selectRows(sv.maskRows(), m, dcPrev, dcCarry, dcCarry);
            }
        }
        // weight gradients and the input gradient, each as one product over all steps
        MatrixView dGxAll = MatrixView.of(dGx, b * t, gh);
        MatrixView dGhAll = MatrixView.of(dGh, t * b, gh);
        be.gemm(true, false, 1f, dGxAll, MatrixView.of(sv.x(), b * t, in), 1f, MatrixView.of(grads.wIh()));
        be.sumRows(dGxAll, grads.bIh().data(), grads.bIh().offset(), true);
        if (rb != null) {
            MatrixView gW = MatrixView.of(grads.wHh());
            be.gemm(true, false, 1f, dGhAll.cols(0, 2 * hid), MatrixView.of(sv.hin(), t * b, hid), 1f,
                    gW.rows(0, 2 * hid));
            be.gemm(true, false, 1f, dGhAll.cols(2 * hid, hid), MatrixView.of(sv.gs(), t * b, hid), 1f,
                    gW.rows(2 * hid, hid));
        } else {
            be.gemm(true, false, 1f, dGhAll, MatrixView.of(sv.hin(), t * b, hid), 1f, MatrixView.of(grads.wHh()));
        }
        be.sumRows(dGhAll, grads.bHh().data(), grads.bHh().offset(), true);
        float[] dx = new float[b * t * in];
        be.gemm(false, false, 1f, dGxAll, MatrixView.of(w.wIh()), 0f, MatrixView.of(dx, b * t, in));
        Tensor dc0 = dcCarry == null ? null : Tensor.of(dcCarry.toArray(), b, hid);
        return new RecurrentGradients(Tensor.of(dx, b, t, in), Tensor.of(dhCarry.toArray(), b, hid), dc0);
    }

    /** Step {@code tt} of a batch-major {@code [b, t, width]} buffer, as a {@code [b, width]} view. */
    static MatrixView stepView(float[] data, int tt, int b, int t, int width) {
        return new MatrixView(data, tt * width, b, width, t * width);
    }

    /** Block {@code s} of a step-major {@code [steps, rows, width]} buffer, as a {@code [rows, width]} view. */
    static MatrixView rows(float[] data, int s, int rows, int width) {
        return new MatrixView(data, s * rows * width, rows, width, width);
    }
}
