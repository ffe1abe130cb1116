package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.S;
import static io.rnn4j.backend.vector.Vec.V;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The per-step cell equations of the fused kernels, on one batch row and a range of hidden-unit chunks
 * {@code [c0, c1)} (a chunk is {@link Vec#V} units; in the packed gate layout its gates are adjacent:
 * LSTM {@code [i f g o]}, GRU {@code [r z n]}, RNN {@code [a]}).
 *
 * <p>Each method holds at most one lane-wise transcendental, see {@link Vec}. The equations are those
 * of {@code LstmCellMath}, {@code GruCellMath} and {@code RnnCellMath} in {@code rnn4j-layers}.
 */
final class Cells {
    private Cells() {
    }

    // ---------------------------------------------------------------- LSTM

    /**
     * The LSTM gate pass of one step: {@code act[j] = 1 / (1 + exp(act[j] * scale[j]))} over chunks
     * {@code [c0, c1)} of every valid row. With a scale of -1 this is the sigmoid of the i, f and o
     * gates; with -2 it is {@code sigmoid(2x)}, from which {@link #lstmCellRows} finishes
     * {@code tanh(x) = 2 sigmoid(2x) - 1} for the g gate, so all four gates take one pass.
     *
     * <p>Rows of a step are {@code rows} consecutive rows of {@code np} gate columns from {@code actS};
     * {@code mask[xs + r]} says whether row {@code r} is valid.
     */
    static void lstmGateRows(float[] act, int actS, int np, float[] mask, int xs, int rows, float[] scale, int c0,
            int c1) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int r = 0; r < rows; r++) {
            if (mask[xs + r] == 0f) {
                continue;
            }
            int a = actS + r * np;
            for (int j = c0 * 4 * V; j < c1 * 4 * V; j += V) {
                FloatVector e = VMath.exp(FloatVector.fromArray(S, act, a + j).mul(FloatVector.fromArray(S, scale, j)));
                one.div(e.add(one)).intoArray(act, a + j);
            }
        }
    }

    /**
     * The LSTM cell pass of one step over chunks {@code [c0, c1)}: for a valid row
     * {@code g = 2 g - 1; c' = f c + i g; tc = tanh(c'); h' = o tc}; a padded row keeps its state. Then,
     * with recurrent dropout, {@code hin' = h' * drop}.
     *
     * <p>Why the row loop is in here, and this method is long: C2 inlines every Vector API call several
     * levels deep, and two transcendentals in one compilation unit exceed its node budget, after which
     * {@code tanh} is called out of line on boxed vectors (measured: 5 MB allocated per forward pass,
     * several times slower). A method longer than 325 bytecodes is never inlined into a hot caller, so
     * this one is compiled on its own, with its {@code tanh} inlined, whatever inlines {@link
     * #lstmGateRows} and its {@code exp}. {@code VectorBackend}'s tests check that a forward pass
     * allocates nothing but its results.
     */
    static void lstmCellRows(float[] act, int actS, int np, float[] mask, int xs, int rows, float[] cs, float[] hs,
            float[] tc, int hsPrev, int hsNew, int hp, int c0, int c1, float[] drop, float[] hin, int dropOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int u0 = c0 * V;
        int u1 = c1 * V;
        for (int r = 0; r < rows; r++) {
            int hp0 = hsPrev + r * hp;
            int hn0 = hsNew + r * hp;
            if (mask[xs + r] == 0f) {
                // padded: the state passes through unchanged
                System.arraycopy(hs, hp0 + u0, hs, hn0 + u0, u1 - u0);
                System.arraycopy(cs, hp0 + u0, cs, hn0 + u0, u1 - u0);
            } else {
                int a = actS + r * np;
                for (int c = c0; c < c1; c++) {
                    int g = a + c * 4 * V;
                    int u = c * V;
                    FloatVector vi = FloatVector.fromArray(S, act, g);
                    FloatVector vf = FloatVector.fromArray(S, act, g + V);
                    FloatVector vg = FloatVector.fromArray(S, act, g + 2 * V);
                    FloatVector vo = FloatVector.fromArray(S, act, g + 3 * V);
                    vg = vg.add(vg).sub(one); // tanh(x) = 2 sigmoid(2x) - 1
                    vg.intoArray(act, g + 2 * V);
                    FloatVector cc = vf.fma(FloatVector.fromArray(S, cs, hp0 + u), vi.mul(vg));
                    cc.intoArray(cs, hn0 + u);
                    FloatVector t = VMath.tanh(cc);
                    t.intoArray(tc, hp0 + u);
                    vo.mul(t).intoArray(hs, hn0 + u);
                }
            }
            if (drop != null) {
                int d = dropOff + r * hp;
                for (int u = u0; u < u1; u += V) {
                    FloatVector.fromArray(S, hs, hn0 + u).mul(FloatVector.fromArray(S, drop, d + u)).intoArray(hin,
                            hn0 + u);
                }
            }
        }
    }

    /**
     * One LSTM backward step (no transcendentals): from {@code dh = dhCarry + dOut} and the carried
     * {@code dc}, the gate gradients {@code dG} and the new carried {@code dc = dc' * f}.
     */
    static void lstmBackward(float[] act, int a, float[] tc, int ti, float[] cPrev, int cp, float[] dhc, int dhi,
            float[] dOut, int doi, float[] dc, int dci, float[] dG, int gi, int c0, int c1) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int c = c0; c < c1; c++) {
            int g = a + c * 4 * V;
            int d = gi + c * 4 * V;
            int u = c * V;
            FloatVector vi = FloatVector.fromArray(S, act, g);
            FloatVector vf = FloatVector.fromArray(S, act, g + V);
            FloatVector vg = FloatVector.fromArray(S, act, g + 2 * V);
            FloatVector vo = FloatVector.fromArray(S, act, g + 3 * V);
            FloatVector t = FloatVector.fromArray(S, tc, ti + u);
            FloatVector dh = FloatVector.fromArray(S, dhc, dhi + u).add(FloatVector.fromArray(S, dOut, doi + u));
            // dc' = dc + dh * o * (1 - tc^2)
            FloatVector dct = dh.mul(vo).fma(t.neg().fma(t, one), FloatVector.fromArray(S, dc, dci + u));
            // da_i = dc' g i (1 - i), da_f = dc' c f (1 - f), da_g = dc' i (1 - g^2), da_o = dh tc o (1 - o)
            dct.mul(vg).mul(vi.mul(one.sub(vi))).intoArray(dG, d);
            dct.mul(FloatVector.fromArray(S, cPrev, cp + u)).mul(vf.mul(one.sub(vf))).intoArray(dG, d + V);
            dct.mul(vi).mul(vg.neg().fma(vg, one)).intoArray(dG, d + 2 * V);
            dh.mul(t).mul(vo.mul(one.sub(vo))).intoArray(dG, d + 3 * V);
            dct.mul(vf).intoArray(dc, dci + u);
        }
    }

    // ---------------------------------------------------------------- GRU

    /**
     * The GRU gate pass of one step: {@code r, z = sigmoid(x + W_hh h + b_hh)} in place over the r and z
     * vectors of chunks {@code [c0, c1)} of every valid row; one loop over {@code 2 (c1 - c0)} vectors per
     * row, so one {@code exp} per loop body. {@code hh} has the layout of {@code act}.
     */
    static void gruGateRows(float[] act, float[] hh, int actS, int np, float[] mask, int xs, int rows,
            float[] biasH, int c0, int c1) {
        for (int r = 0; r < rows; r++) {
            if (mask[xs + r] == 0f) {
                continue;
            }
            int a = actS + r * np;
            for (int w = 2 * c0; w < 2 * c1; w++) {
                int j = (w >> 1) * 3 * V + (w & 1) * V;
                FloatVector pre = FloatVector.fromArray(S, act, a + j).add(FloatVector.fromArray(S, hh, a + j))
                        .add(FloatVector.fromArray(S, biasH, j));
                VMath.sigmoid(pre).intoArray(act, a + j);
            }
        }
    }

    /**
     * The GRU cell pass of one step over chunks {@code [c0, c1)}: for a valid row
     * {@code hn = W_hn h + b_hn} (kept for backward), {@code n = tanh(x_n + r hn)},
     * {@code h' = n + z (h - n)}; a padded row keeps its state. Then, with recurrent dropout,
     * {@code hin' = h' * drop}. Long on purpose, see {@link #lstmCellRows}.
     */
    static void gruCellRows(float[] act, float[] hh, int actS, int np, float[] mask, int xs, int rows,
            float[] biasH, float[] hs, int hsPrev, int hsNew, int hp, int c0, int c1, float[] drop, float[] hin,
            int dropOff) {
        int u0 = c0 * V;
        int u1 = c1 * V;
        for (int r = 0; r < rows; r++) {
            int hp0 = hsPrev + r * hp;
            int hn0 = hsNew + r * hp;
            if (mask[xs + r] == 0f) {
                System.arraycopy(hs, hp0 + u0, hs, hn0 + u0, u1 - u0);
            } else {
                int a = actS + r * np;
                for (int c = c0; c < c1; c++) {
                    int g = a + c * 3 * V;
                    int u = c * V;
                    FloatVector vr = FloatVector.fromArray(S, act, g);
                    FloatVector vz = FloatVector.fromArray(S, act, g + V);
                    FloatVector vhn = FloatVector.fromArray(S, hh, g + 2 * V)
                            .add(FloatVector.fromArray(S, biasH, c * 3 * V + 2 * V));
                    vhn.intoArray(hh, g + 2 * V);
                    FloatVector n = VMath.tanh(vr.fma(vhn, FloatVector.fromArray(S, act, g + 2 * V)));
                    n.intoArray(act, g + 2 * V);
                    FloatVector h = FloatVector.fromArray(S, hs, hp0 + u);
                    vz.fma(h.sub(n), n).intoArray(hs, hn0 + u);
                }
            }
            if (drop != null) {
                int d = dropOff + r * hp;
                for (int u = u0; u < u1; u += V) {
                    FloatVector.fromArray(S, hs, hn0 + u).mul(FloatVector.fromArray(S, drop, d + u)).intoArray(hin,
                            hn0 + u);
                }
            }
        }
    }

    /**
     * One GRU backward step: gate gradients on the input side {@code dGx = [da_r, da_z, da_n]} and the
     * recurrent side {@code dGh = [da_r, da_z, da_n * r]}, and the direct path {@code dh * z}.
     */
    static void gruBackward(float[] act, int a, float[] hh, int hi, float[] hPrev, int hp, float[] dhc, int dhi,
            float[] dOut, int doi, float[] direct, int di, float[] dGx, float[] dGh, int gi, int c0, int c1) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int c = c0; c < c1; c++) {
            int g = a + c * 3 * V;
            int d = gi + c * 3 * V;
            int u = c * V;
            FloatVector r = FloatVector.fromArray(S, act, g);
            FloatVector z = FloatVector.fromArray(S, act, g + V);
            FloatVector n = FloatVector.fromArray(S, act, g + 2 * V);
            FloatVector vhn = FloatVector.fromArray(S, hh, hi + c * 3 * V + 2 * V);
            FloatVector h = FloatVector.fromArray(S, hPrev, hp + u);
            FloatVector dh = FloatVector.fromArray(S, dhc, dhi + u).add(FloatVector.fromArray(S, dOut, doi + u));
            FloatVector dhz = dh.mul(z);
            dhz.intoArray(direct, di + u);
            FloatVector daz = dh.mul(h.sub(n)).mul(z.mul(one.sub(z)));
            FloatVector dan = dh.sub(dhz).mul(n.neg().fma(n, one));
            FloatVector dar = dan.mul(vhn).mul(r.mul(one.sub(r)));
            dar.intoArray(dGx, d);
            daz.intoArray(dGx, d + V);
            dan.intoArray(dGx, d + 2 * V);
            dar.intoArray(dGh, d);
            daz.intoArray(dGh, d + V);
            dan.mul(r).intoArray(dGh, d + 2 * V);
        }
    }

    // ---------------------------------------------------------------- simple RNN

    /**
     * The simple RNN pass of one step over units {@code [u0, u1)}: for a valid row
     * {@code h' = f(pre)}, kept in {@code act} for backward too; a padded row keeps its state. Then, with
     * recurrent dropout, {@code hin' = h' * drop}.
     */
    static void rnnRows(boolean relu, float[] act, int actS, int np, float[] mask, int xs, int rows, float[] hs,
            int hsPrev, int hsNew, int hp, int u0, int u1, float[] drop, float[] hin, int dropOff) {
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0; r < rows; r++) {
            int hp0 = hsPrev + r * hp;
            int hn0 = hsNew + r * hp;
            if (mask[xs + r] == 0f) {
                System.arraycopy(hs, hp0 + u0, hs, hn0 + u0, u1 - u0);
            } else {
                int a = actS + r * np;
                for (int u = u0; u < u1; u += V) {
                    FloatVector x = FloatVector.fromArray(S, act, a + u);
                    FloatVector y = relu ? x.max(zero) : VMath.tanh(x);
                    y.intoArray(act, a + u);
                    y.intoArray(hs, hn0 + u);
                }
            }
            if (drop != null) {
                int d = dropOff + r * hp;
                for (int u = u0; u < u1; u += V) {
                    FloatVector.fromArray(S, hs, hn0 + u).mul(FloatVector.fromArray(S, drop, d + u)).intoArray(hin,
                            hn0 + u);
                }
            }
        }
    }

    /** {@code dG = (dhCarry + dOut) * f'(y)} for units {@code [u0, u1)}, where y is the saved output. */
    static void rnnBackward(boolean relu, float[] act, int a, float[] dhc, int dhi, float[] dOut, int doi, float[] dG,
            int gi, int u0, int u1) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int u = u0; u < u1; u += V) {
            FloatVector y = FloatVector.fromArray(S, act, a + u);
            FloatVector dh = FloatVector.fromArray(S, dhc, dhi + u).add(FloatVector.fromArray(S, dOut, doi + u));
            FloatVector dy = relu ? zero.blend(one, y.compare(VectorOperators.GT, 0f)) : y.neg().fma(y, one);
            dh.mul(dy).intoArray(dG, gi + u);
        }
    }

    // ---------------------------------------------------------------- shared

    /**
     * The carried {@code dh} of a valid row after the recurrent product: the sum of the threads'
     * partial products, times the dropout mask, plus the direct path (GRU), for units {@code [u0, u1)}.
     */
    static void carry(float[] part, int p0, int p1, float[] drop, int dri, float[] direct, int di, float[] dh,
            int dhi, int u0, int u1) {
        for (int u = u0; u < u1; u += V) {
            FloatVector x = FloatVector.fromArray(S, part, p0 + u);
            if (p1 >= 0) {
                x = x.add(FloatVector.fromArray(S, part, p1 + u));
            }
            if (drop != null) {
                x = x.mul(FloatVector.fromArray(S, drop, dri + u));
            }
            if (direct != null) {
                x = x.add(FloatVector.fromArray(S, direct, di + u));
            }
            x.intoArray(dh, dhi + u);
        }
    }

    /** {@code out[j] = a[j] * m[j]} for {@code j in [j0, j1)} (the dropped-out recurrent input). */
    static void mulRange(float[] a, int ai, float[] m, int mi, float[] out, int oi, int j0, int j1) {
        for (int j = j0; j < j1; j += V) {
            FloatVector.fromArray(S, a, ai + j).mul(FloatVector.fromArray(S, m, mi + j)).intoArray(out, oi + j);
        }
    }
}
