package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.S;
import static io.rnn4j.backend.vector.Vec.V;

import jdk.incubator.vector.FloatVector;

/**
 * The matrix product {@code C = alpha * A * B + beta * C (+ bias)} behind every product of this
 * backend: {@code B} in column panels ({@link Panels}) of four vectors, a register block of four rows
 * by four vectors (sixteen accumulators, fused multiply-add), blocked over {@code k} and the rows so
 * that a panel's slice stays in L1 while all rows stream past it.
 *
 * <p>{@code A} is addressed by strides, {@code A(i, p) = a[aOff + i * aRs + p * aCs]} (a transposed
 * {@code A} is just other strides); its elements are broadcast one at a time. When a product has several
 * panels, each block of {@code A} (up to {@link #MC} rows by one {@code k} block) is first packed into the
 * caller's {@code tile}, four rows interleaved per {@code p} ({@link #packA}), so that every panel's
 * micro-kernels read {@code A} from one contiguous, L1-resident stream with a single index; with one or
 * two panels (a transposed {@code A}: up to three) the copy does not pay and {@code A} is read in place.
 * Each micro-kernel writes its accumulators to the start of the {@code tile} and a separate method
 * applies {@code alpha}, {@code beta}, the bias and the column tail: that keeps the hot loop's method
 * small enough for C2 to compile it with all sixteen accumulators in registers.
 *
 * <p>Every element of C is summed over {@code p} in one fixed order (blocks of {@code b.kc}, each summed
 * sequentially with FMA, added to C in turn), whichever micro-kernel and row block computes it. So a
 * result does not depend on how rows or panels are split between threads: the backend's results are the
 * same bits on one thread or two.
 *
 * <p>Not thread-safe by itself: concurrent callers pass their own {@code tile} and disjoint panel or
 * row ranges of {@code C}.
 */
final class Gemm {
    /** Panel width: four vectors. */
    static final int PW = 4 * V;
    /** Rows of {@code B} per block: a 4-vector panel slice of 128 rows is 32 KiB with 512-bit vectors. */
    static final int KC = 128 * 16 / V;
    /** Rows of {@code A} per block. */
    static final int MC = 128;
    /** Floats of a tile's accumulator area (four rows of a panel). */
    static final int ACC = 4 * PW;
    /**
     * Floats in a tile: the accumulator area, then room for one packed block of {@code A} (the rows of a
     * row block that fall into blocks of four, {@code KC} columns each; see {@link #packA}).
     */
    static final int TILE = ACC + MC * KC;

    private Gemm() {
    }

    /**
     * {@code C[i, j] = alpha * sum_p A(i, p) B(p, j) + beta * C[i, j] + bias[j]} for rows
     * {@code [i0, i1)} and the columns of panels {@code [p0, p1)} that are below {@code nValid}.
     * With {@code beta == 0}, C is not read (NaN in C does not matter). {@code bias} may be null;
     * otherwise it must cover every column of the panels.
     */
    static void multiply(int i0, int i1, int k, float alpha, float[] a, int aOff, int aRs, int aCs, Panels b,
            int p0, int p1, float beta, float[] bias, float[] c, int cOff, int ldc, int nValid, float[] tile) {
        if (k == 0) {
            scaleOnly(i0, i1, b, p0, p1, beta, bias, c, cOff, ldc, nValid, tile);
            return;
        }
        for (int ib = i0; ib < i1; ib += MC) {
            int ie = Math.min(i1, ib + MC);
            int kc = b.kc;
            for (int k0 = 0; k0 < k; k0 += kc) {
                int kl = Math.min(kc, k - k0);
                float bt = k0 == 0 ? beta : 1f;
                float[] bs = k0 == 0 ? bias : null;
                int aK = aOff + k0 * aCs;
                int full = (ie - ib) / 4 * 4;
                // a packed A block pays for itself over several panels (a transposed A, whose packing reads
                // scattered lines, over four); else A is read in place
                boolean packed = full > 0 && p1 - p0 >= (aCs == 1 ? 3 : 4);
                if (packed) {
                    packA(full, kl, a, aK + ib * aRs, aRs, aCs, tile);
                }
                for (int p = p0; p < p1; p++) {
                    int col = b.col[p];
                    int cols = Math.min(b.vecs[p] * V, nValid - col);
                    if (cols <= 0) {
                        continue;
                    }
                    int ldb = b.ld[p];
                    int bOff = b.off[p] + k0 * ldb;
                    int vecs = b.vecs[p];
                    // blocks of four rows from the packed A; the rows left over below (two panels at a time)
                    for (int i = 0; i < full; i += 4) {
                        if (!packed) {
                            int ai = aK + (ib + i) * aRs;
                            if (vecs == 4) {
                                micro4x4s(kl, a, ai, aRs, aCs, b.data, bOff, ldb, tile);
                            } else {
                                for (int v = 0; v < vecs; v++) {
                                    micro4x1s(kl, a, ai, aRs, aCs, b.data, bOff + v * V, ldb, tile, v * V);
                                }
                            }
                            applyTile(tile, 0, 4, vecs, c, cOff + (ib + i) * ldc + col, ldc, cols, alpha, bt, bs, col);
                            continue;
                        }
                        int ap = ACC + i * kl;
                        switch (vecs) {
                            case 4 -> micro4x4(kl, tile, ap, b.data, bOff, ldb, tile);
                            case 3 -> micro4x3(kl, tile, ap, b.data, bOff, ldb, tile);
                            case 2 -> micro4x2(kl, tile, ap, b.data, bOff, ldb, tile);
                            default -> micro4x1(kl, tile, ap, b.data, bOff, ldb, tile);
                        }
                        applyTile(tile, 0, 4, vecs, c, cOff + (ib + i) * ldc + col, ldc, cols, alpha, bt, bs, col);
                    }
                    if (vecs < 4) {
                        for (int v = 0; v < vecs; v++) {
                            int cv = Math.min(V, cols - v * V);
                            if (cv <= 0) {
                                break;
                            }
                            for (int i = ib + full; i < ie; i++) {
                                micro1x1(kl, a, aK + i * aRs, aCs, b.data, bOff + v * V, ldb, tile);
                                applyTile(tile, 0, 1, 1, c, cOff + i * ldc + col + v * V, ldc, cv, alpha, bt, bs,
                                        col + v * V);
                            }
                        }
                    }
                }
                for (int i = ib + (ie - ib) / 4 * 4; i < ie; i++) {
                    leftoverRow(i, kl, k0, alpha, a, aK + i * aRs, aCs, b, p0, p1, bt, bs, c, cOff + i * ldc, nValid,
                            tile);
                }
            }
        }
    }

    /**
     * A row outside the blocks of four, over the four-vector panels: two panels at a time, eight
     * independent accumulators, so a matrix-vector product (batch-1 inference) is not bound by the FMA
     * latency of four chains.
     */
    private static void leftoverRow(int i, int kl, int k0, float alpha, float[] a, int ai, int aCs, Panels b, int p0,
            int p1, float bt, float[] bs, float[] c, int ci, int nValid, float[] tile) {
        for (int p = p0; p < p1; p++) {
            if (b.vecs[p] != 4) {
                continue;
            }
            int col = b.col[p];
            int cols = Math.min(PW, nValid - col);
            if (cols <= 0) {
                continue;
            }
            int bOff = b.off[p] + k0 * b.ld[p];
            if (p + 3 < p1 && b.vecs[p + 1] == 4 && b.vecs[p + 2] == 4 && b.vecs[p + 3] == 4
                    && nValid - b.col[p + 3] > 0 && b.ld[p + 1] == b.ld[p] && b.ld[p + 2] == b.ld[p]
                    && b.ld[p + 3] == b.ld[p]) {
                // four panels at a time: four streams of B in flight (a matrix-vector product is bound by
                // the rate at which B arrives from L2, not by the multiply-adds)
                micro1x16(kl, a, ai, aCs, b.data, bOff, b.ld[p], b.off[p + 1] + k0 * b.ld[p + 1],
                        b.off[p + 2] + k0 * b.ld[p + 2], b.off[p + 3] + k0 * b.ld[p + 3], tile);
                for (int q = 0; q < 4; q++) {
                    int cq = b.col[p + q];
                    applyTile(tile, q * PW, 1, 4, c, ci + cq, 0, Math.min(PW, nValid - cq), alpha, bt, bs, cq);
                }
                p += 3;
            } else if (p + 1 < p1 && b.vecs[p + 1] == 4 && nValid - b.col[p + 1] > 0) {
                int col2 = b.col[p + 1];
                micro1x8(kl, a, ai, aCs, b.data, bOff, b.ld[p], b.off[p + 1] + k0 * b.ld[p + 1], b.ld[p + 1], tile);
                applyTile(tile, 0, 1, 4, c, ci + col, 0, cols, alpha, bt, bs, col);
                applyTile(tile, PW, 1, 4, c, ci + col2, 0, Math.min(PW, nValid - col2), alpha, bt, bs, col2);
                p++;
            } else {
                micro1x4(kl, a, ai, aCs, b.data, bOff, b.ld[p], tile);
                applyTile(tile, 0, 1, 4, c, ci + col, 0, cols, alpha, bt, bs, col);
            }
        }
    }

    /** {@code k == 0}: the product is empty, so {@code C = beta * C + bias}. */
    private static void scaleOnly(int i0, int i1, Panels b, int p0, int p1, float beta, float[] bias, float[] c,
            int cOff, int ldc, int nValid, float[] tile) {
        java.util.Arrays.fill(tile, 0f);
        for (int p = p0; p < p1; p++) {
            int col = b.col[p];
            int cols = Math.min(b.vecs[p] * V, nValid - col);
            for (int v = 0; v < b.vecs[p] && v * V < cols; v++) {
                for (int i = i0; i < i1; i++) {
                    applyTile(tile, 0, 1, 1, c, cOff + i * ldc + col + v * V, ldc, Math.min(V, cols - v * V), 1f, beta,
                            bias, col + v * V);
                }
            }
        }
    }

    /**
     * {@code C = alpha * tile + beta * C (+ bias)} for {@code rows x vecs} vectors of the tile from
     * {@code t0}, of which only the first {@code cols} columns are stored.
     */
    static void applyTile(float[] tile, int t0, int rows, int vecs, float[] c, int ci, int ldc, int cols,
            float alpha, float beta, float[] bias, int biasCol) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vecs; v++) {
                int j = v * V;
                if (j >= cols) {
                    break;
                }
                int t = t0 + r * PW + j;
                FloatVector x = FloatVector.fromArray(S, tile, t);
                if (alpha != 1f) {
                    x = x.mul(va);
                }
                if (bias != null) {
                    x = x.add(FloatVector.fromArray(S, bias, biasCol + j));
                }
                int idx = ci + r * ldc + j;
                if (j + V <= cols) {
                    if (beta != 0f) {
                        x = FloatVector.fromArray(S, c, idx).fma(vb, x);
                    }
                    x.intoArray(c, idx);
                } else {
                    x.intoArray(tile, t);
                    for (int l = 0; l < cols - j; l++) {
                        // beta == 0 must not read C: 0 * NaN would be NaN
                        c[idx + l] = beta == 0f ? tile[t + l] : Math.fma(beta, c[idx + l], tile[t + l]);
                    }
                }
            }
        }
    }

    /**
     * Copies rows {@code [0, rows)} ({@code rows} a multiple of four) by {@code kl} columns of the strided
     * {@code A} into the tile after its accumulators, as blocks of four rows, each {@code kl} groups of the
     * four rows' elements at one {@code p}: the micro-kernels then read {@code A} from one contiguous,
     * L1-resident stream whatever its strides (a transposed {@code A}, {@code dG^T}, has its rows' elements
     * thousands of floats apart, which L1 cannot hold).
     */
    static void packA(int rows, int kl, float[] a, int ai, int aRs, int aCs, float[] tile) {
        if (aRs == 1 && aCs != 1) {
            // transposed A: the four rows of a block at one p are adjacent in A and in the packed block, so
            // the block is copied in pieces of four floats, all rows down each column of A before the next p.
            // Plain element copies, not a 128-bit FloatVector: a second vector species anywhere in the JVM
            // makes the type profiles of FloatVector's shared methods bimorphic, and C2 then boxes the
            // vectors of every kernel (measured: ~1 GB/s of garbage in a W5 step, JFR allocation samples).
            for (int p = 0; p < kl; p++) {
                int src = ai + p * aCs;
                int d = ACC + 4 * p;
                for (int i = 0; i < rows; i += 4) {
                    int t = d + i * kl;
                    tile[t] = a[src + i];
                    tile[t + 1] = a[src + i + 1];
                    tile[t + 2] = a[src + i + 2];
                    tile[t + 3] = a[src + i + 3];
                }
            }
            return;
        }
        for (int i = 0; i < rows; i += 4) {
            int dst = ACC + i * kl;
            int src = ai + i * aRs;
            for (int p = 0; p < kl; p++) {
                tile[dst] = a[src];
                tile[dst + 1] = a[src + aRs];
                tile[dst + 2] = a[src + 2 * aRs];
                tile[dst + 3] = a[src + 3 * aRs];
                dst += 4;
                src += aCs;
            }
        }
    }

    /**
     * Four rows by four vectors: 16 accumulators, 4 loads and 4 broadcasts per 16 FMAs; {@code A} packed
     * by {@link #packA} from {@code ap} (it lives in the tile itself, before which the results go).
     */
    static void micro4x4(int kl, float[] ta, int ap, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        int end = ap + 4 * kl;
        for (; ap < end; ap += 4) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * V);
            FloatVector x = FloatVector.broadcast(S, ta[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, ta[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, ta[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, ta[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
            bi += ldb;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, V);
        c02.intoArray(tile, 2 * V);
        c03.intoArray(tile, 3 * V);
        c10.intoArray(tile, PW);
        c11.intoArray(tile, PW + V);
        c12.intoArray(tile, PW + 2 * V);
        c13.intoArray(tile, PW + 3 * V);
        c20.intoArray(tile, 2 * PW);
        c21.intoArray(tile, 2 * PW + V);
        c22.intoArray(tile, 2 * PW + 2 * V);
        c23.intoArray(tile, 2 * PW + 3 * V);
        c30.intoArray(tile, 3 * PW);
        c31.intoArray(tile, 3 * PW + V);
        c32.intoArray(tile, 3 * PW + 2 * V);
        c33.intoArray(tile, 3 * PW + 3 * V);
    }

    /** Four rows by three vectors (a panel tail): 12 accumulators, packed {@code A} as {@link #micro4x4}. */
    static void micro4x3(int kl, float[] ta, int ap, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        int end = ap + 4 * kl;
        for (; ap < end; ap += 4) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * V);
            FloatVector x = FloatVector.broadcast(S, ta[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, ta[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, ta[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, ta[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            bi += ldb;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, V);
        c02.intoArray(tile, 2 * V);
        c10.intoArray(tile, PW);
        c11.intoArray(tile, PW + V);
        c12.intoArray(tile, PW + 2 * V);
        c20.intoArray(tile, 2 * PW);
        c21.intoArray(tile, 2 * PW + V);
        c22.intoArray(tile, 2 * PW + 2 * V);
        c30.intoArray(tile, 3 * PW);
        c31.intoArray(tile, 3 * PW + V);
        c32.intoArray(tile, 3 * PW + 2 * V);
    }

    /** Four rows by two vectors (a panel tail): 8 accumulators, packed {@code A} as {@link #micro4x4}. */
    static void micro4x2(int kl, float[] ta, int ap, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int end = ap + 4 * kl;
        for (; ap < end; ap += 4) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector x = FloatVector.broadcast(S, ta[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, ta[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, ta[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, ta[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            bi += ldb;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, V);
        c10.intoArray(tile, PW);
        c11.intoArray(tile, PW + V);
        c20.intoArray(tile, 2 * PW);
        c21.intoArray(tile, 2 * PW + V);
        c30.intoArray(tile, 3 * PW);
        c31.intoArray(tile, 3 * PW + V);
    }

    /** Four rows by one vector (a panel tail), packed {@code A} as {@link #micro4x4}. */
    static void micro4x1(int kl, float[] ta, int ap, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int end = ap + 4 * kl;
        for (; ap < end; ap += 4) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            c0 = b0.fma(FloatVector.broadcast(S, ta[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, ta[ap + 1]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, ta[ap + 2]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, ta[ap + 3]), c3);
            bi += ldb;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, PW);
        c2.intoArray(tile, 2 * PW);
        c3.intoArray(tile, 3 * PW);
    }

    /**
     * One row by four vectors (a matrix-vector product when {@code m == 1}). Each accumulator sums over
     * {@code p} in the same order as {@link #micro4x4}, so a row's result does not depend on whether it was
     * computed in a block of four or alone (which depends on how rows are split between threads).
     */
    static void micro1x4(int kl, float[] a, int ai, int aCs, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int p = 0; p < kl; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0 = FloatVector.fromArray(S, b, bi).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, bi + V).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, bi + 2 * V).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, bi + 3 * V).fma(x, c3);
            ai += aCs;
            bi += ldb;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, V);
        c2.intoArray(tile, 2 * V);
        c3.intoArray(tile, 3 * V);
    }

    /**
     * One row by eight vectors of two panels (bases {@code bi}, {@code bj}): eight independent
     * accumulators, each summed in {@link #micro4x4}'s order. Writes the second panel's four vectors at
     * {@code tile[PW..]}.
     */
    static void micro1x8(int kl, float[] a, int ai, int aCs, float[] b, int bi, int ldb, int bj, int ldb2,
            float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0; p < kl; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0 = FloatVector.fromArray(S, b, bi).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, bi + V).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, bi + 2 * V).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, bi + 3 * V).fma(x, c3);
            c4 = FloatVector.fromArray(S, b, bj).fma(x, c4);
            c5 = FloatVector.fromArray(S, b, bj + V).fma(x, c5);
            c6 = FloatVector.fromArray(S, b, bj + 2 * V).fma(x, c6);
            c7 = FloatVector.fromArray(S, b, bj + 3 * V).fma(x, c7);
            ai += aCs;
            bi += ldb;
            bj += ldb2;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, V);
        c2.intoArray(tile, 2 * V);
        c3.intoArray(tile, 3 * V);
        c4.intoArray(tile, PW);
        c5.intoArray(tile, PW + V);
        c6.intoArray(tile, PW + 2 * V);
        c7.intoArray(tile, PW + 3 * V);
    }

    /**
     * One row by sixteen vectors of four panels with the same row stride (bases {@code b0..b3}): sixteen
     * independent accumulators, each summed in {@link #micro4x4}'s order. Writes panel {@code q}'s four
     * vectors at {@code tile[q * PW..]} (the tile's accumulator area holds exactly four panels' rows).
     */
    static void micro1x16(int kl, float[] a, int ai, int aCs, float[] b, int b0, int ldb, int b1, int b2, int b3,
            float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        FloatVector c12 = c0;
        FloatVector c13 = c0;
        FloatVector c14 = c0;
        FloatVector c15 = c0;
        for (int p = 0; p < kl; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c0 = FloatVector.fromArray(S, b, b0).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, b0 + V).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, b0 + 2 * V).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, b0 + 3 * V).fma(x, c3);
            c4 = FloatVector.fromArray(S, b, b1).fma(x, c4);
            c5 = FloatVector.fromArray(S, b, b1 + V).fma(x, c5);
            c6 = FloatVector.fromArray(S, b, b1 + 2 * V).fma(x, c6);
            c7 = FloatVector.fromArray(S, b, b1 + 3 * V).fma(x, c7);
            c8 = FloatVector.fromArray(S, b, b2).fma(x, c8);
            c9 = FloatVector.fromArray(S, b, b2 + V).fma(x, c9);
            c10 = FloatVector.fromArray(S, b, b2 + 2 * V).fma(x, c10);
            c11 = FloatVector.fromArray(S, b, b2 + 3 * V).fma(x, c11);
            c12 = FloatVector.fromArray(S, b, b3).fma(x, c12);
            c13 = FloatVector.fromArray(S, b, b3 + V).fma(x, c13);
            c14 = FloatVector.fromArray(S, b, b3 + 2 * V).fma(x, c14);
            c15 = FloatVector.fromArray(S, b, b3 + 3 * V).fma(x, c15);
            ai += aCs;
            b0 += ldb;
            b1 += ldb;
            b2 += ldb;
            b3 += ldb;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, V);
        c2.intoArray(tile, 2 * V);
        c3.intoArray(tile, 3 * V);
        c4.intoArray(tile, PW);
        c5.intoArray(tile, PW + V);
        c6.intoArray(tile, PW + 2 * V);
        c7.intoArray(tile, PW + 3 * V);
        c8.intoArray(tile, 2 * PW);
        c9.intoArray(tile, 2 * PW + V);
        c10.intoArray(tile, 2 * PW + 2 * V);
        c11.intoArray(tile, 2 * PW + 3 * V);
        c12.intoArray(tile, 3 * PW);
        c13.intoArray(tile, 3 * PW + V);
        c14.intoArray(tile, 3 * PW + 2 * V);
        c15.intoArray(tile, 3 * PW + 3 * V);
    }

    /** Four rows by four vectors from {@code A} in place (strided): for products over a single panel. */
    static void micro4x4s(int kl, float[] a, int ai, int aRs, int aCs, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        int a0 = ai;
        int a1 = ai + aRs;
        int a2 = ai + 2 * aRs;
        int a3 = ai + 3 * aRs;
        for (int p = 0; p < kl; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * V);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[a3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
            a0 += aCs;
            a1 += aCs;
            a2 += aCs;
            a3 += aCs;
            bi += ldb;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, V);
        c02.intoArray(tile, 2 * V);
        c03.intoArray(tile, 3 * V);
        c10.intoArray(tile, PW);
        c11.intoArray(tile, PW + V);
        c12.intoArray(tile, PW + 2 * V);
        c13.intoArray(tile, PW + 3 * V);
        c20.intoArray(tile, 2 * PW);
        c21.intoArray(tile, 2 * PW + V);
        c22.intoArray(tile, 2 * PW + 2 * V);
        c23.intoArray(tile, 2 * PW + 3 * V);
        c30.intoArray(tile, 3 * PW);
        c31.intoArray(tile, 3 * PW + V);
        c32.intoArray(tile, 3 * PW + 2 * V);
        c33.intoArray(tile, 3 * PW + 3 * V);
    }

    /** Four rows by one vector from {@code A} in place, into the tile's column {@code t0}. */
    static void micro4x1s(int kl, float[] a, int ai, int aRs, int aCs, float[] b, int bi, int ldb, float[] tile,
            int t0) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int a0 = ai;
        int a1 = ai + aRs;
        int a2 = ai + 2 * aRs;
        int a3 = ai + 3 * aRs;
        for (int p = 0; p < kl; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            c0 = b0.fma(FloatVector.broadcast(S, a[a0]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[a1]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[a2]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[a3]), c3);
            a0 += aCs;
            a1 += aCs;
            a2 += aCs;
            a3 += aCs;
            bi += ldb;
        }
        c0.intoArray(tile, t0);
        c1.intoArray(tile, t0 + PW);
        c2.intoArray(tile, t0 + 2 * PW);
        c3.intoArray(tile, t0 + 3 * PW);
    }

    /** One row by one vector. */
    static void micro1x1(int kl, float[] a, int ai, int aCs, float[] b, int bi, int ldb, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        for (int p = 0; p < kl; p++) {
            c0 = FloatVector.fromArray(S, b, bi).fma(FloatVector.broadcast(S, a[ai]), c0);
            ai += aCs;
            bi += ldb;
        }
        c0.intoArray(tile, 0);
    }
}
