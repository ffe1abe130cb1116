package io.rnn4j.backend.vector;

import java.util.Arrays;

/**
 * The right-hand operand {@code B} ({@code k x n}) of a {@link Gemm} product, cut into column panels
 * of at most {@link Gemm#PW} columns ({@code 4} vectors): panel {@code p} covers columns
 * {@code [col[p], col[p] + vecs[p] * V)} and holds element {@code (r, j)} at
 * {@code data[off[p] + r * ld[p] + (j - col[p])]}.
 *
 * <p>Two ways to fill it: {@link #pack} copies a matrix into contiguous panels ({@code ld = width}),
 * with optional row and column maps (the fused kernels use them to reorder gate rows so that each
 * panel holds whole hidden units) and zero padding to a whole number of vectors; {@link #direct}
 * describes an existing row-major buffer whose width is already a whole number of vectors, without
 * copying. Panels never straddle a {@code split} column, so that threads can own whole panels.
 *
 * <p>Instances are reused: arrays only grow, so refilling one for the same shape allocates nothing.
 */
final class Panels {
    float[] data = new float[0];
    /** Rows. */
    int k;
    /** Columns including padding (a multiple of {@link Vec#V}). */
    int nPad;
    /** Number of panels. */
    int count;
    int[] col = new int[0];
    int[] vecs = new int[0];
    int[] off = new int[0];
    int[] ld = new int[0];

    /**
     * Rows of a panel per block of the product. A direct panel whose rows lie {@code ld} apart, with
     * {@code ld} a multiple of 128 floats, maps its rows onto half of L1's sets or fewer, so its block
     * must be smaller to stay in L1 (measured: {@code dG^T H} with {@code H} 128 wide ran at 120
     * instead of 200 GFLOP/s with full blocks).
     */
    int kc = Gemm.KC;

    /** Panel index at which each split segment starts, {@code segStart[segments] == count}. */
    int[] segStart = new int[0];

    private void layout(int kRows, int paddedCols, int[] splits, boolean packed, int baseOff, int rowStride) {
        this.k = kRows;
        this.nPad = paddedCols;
        int max = paddedCols / Gemm.PW + splits.length + 1;
        if (col.length < max) {
            col = new int[max];
            vecs = new int[max];
            off = new int[max];
            ld = new int[max];
        }
        if (segStart.length < splits.length) {
            segStart = new int[splits.length];
        }
        int p = 0;
        int packedOff = 0;
        for (int s = 0; s + 1 < splits.length; s++) {
            segStart[s] = p;
            for (int c = splits[s]; c < splits[s + 1]; c += Gemm.PW) {
                int w = Math.min(Gemm.PW, splits[s + 1] - c);
                col[p] = c;
                vecs[p] = w / Vec.V;
                if (packed) {
                    off[p] = packedOff;
                    ld[p] = w;
                    packedOff += kRows * w;
                } else {
                    off[p] = baseOff + c;
                    ld[p] = rowStride;
                }
                p++;
            }
        }
        segStart[splits.length - 1] = p;
        count = p;
    }

    /** Splits {@code {0, nPad}}: one segment. */
    static int[] whole(int nPad) {
        return new int[] {0, nPad};
    }

    /**
     * Describes {@code b[off + r * ld + j]}, {@code r < k}, {@code j < nPad}, as panels without copying;
     * every element of that window must be readable.
     */
    void direct(float[] b, int offset, int rowStride, int kRows, int paddedCols, int[] splits) {
        this.data = b;
        layout(kRows, paddedCols, splits, false, offset, rowStride);
        kc = rowStride > Gemm.PW ? Gemm.KC / 2 : Gemm.KC;
    }

    private final int[] sideSplits = new int[3];

    /**
     * Packs two row-major operands with the same rows side by side, {@code B = [X | H]}: columns
     * {@code [0, w1)} from {@code x[r * w1 + j]}, columns {@code [w1, w1 + w2)} from {@code h[r * w2 + j - w1]};
     * both widths whole numbers of vectors. Panels do not straddle the seam.
     */
    void packSideBySide(int kRows, float[] x, int w1, float[] h, int w2) {
        sideSplits[0] = 0;
        sideSplits[1] = w1;
        sideSplits[2] = w1 + w2;
        layout(kRows, w1 + w2, sideSplits, true, 0, 0);
        kc = Gemm.KC;
        int size = kRows * (w1 + w2);
        if (data.length < size) {
            data = new float[size];
        }
        for (int p = 0; p < count; p++) {
            int w = ld[p];
            int c0 = col[p];
            boolean first = c0 < w1;
            float[] src = first ? x : h;
            int rs = first ? w1 : w2;
            int so = first ? c0 : c0 - w1;
            int dst = off[p];
            for (int r = 0; r < kRows; r++) {
                System.arraycopy(src, so + r * rs, data, dst + r * w, w);
            }
        }
    }

    /**
     * Packs {@code B(r, j) = src[off + rowMap(r) * rs + colMap(j) * cs]} for {@code r < kRows},
     * {@code j < paddedCols}: a map may be {@code null} (identity); a map entry of {@code -1}, or a column
     * {@code j >= nCols} when {@code colMap} is null, gives zero.
     */
    void pack(int kRows, int nCols, int paddedCols, int[] splits, float[] src, int offset, int rs, int cs,
            int[] rowMap, int[] colMap) {
        layout(kRows, paddedCols, splits, true, 0, 0);
        kc = Gemm.KC;
        int size = kRows * paddedCols;
        if (data.length < size) {
            data = new float[size];
        }
        float[] d = data;
        for (int p = 0; p < count; p++) {
            int w = ld[p];
            int c0 = col[p];
            int o = off[p];
            if (colMap == null && cs == 1) {
                // rows of the source are rows of the panel: contiguous copies
                for (int r = 0; r < kRows; r++) {
                    int row = rowMap == null ? r : rowMap[r];
                    int dst = o + r * w;
                    int n = row < 0 ? 0 : Math.max(0, Math.min(w, nCols - c0));
                    if (n > 0) {
                        System.arraycopy(src, offset + row * rs + c0, d, dst, n);
                    }
                    Arrays.fill(d, dst + n, dst + w, 0f);
                }
            } else {
                // a transposed source: walk each panel column down a contiguous source line, so the reads
                // stream and the writes (stride w) stay within the panel's few KiB of L1
                for (int j = 0; j < w; j++) {
                    int c = colMap == null ? (c0 + j < nCols ? c0 + j : -1) : colMap[c0 + j];
                    int dst = o + j;
                    if (c < 0) {
                        for (int r = 0; r < kRows; r++) {
                            d[dst + r * w] = 0f;
                        }
                    } else if (rowMap == null) {
                        int base = offset + c * cs;
                        for (int r = 0; r < kRows; r++) {
                            d[dst + r * w] = src[base + r * rs];
                        }
                    } else {
                        int base = offset + c * cs;
                        for (int r = 0; r < kRows; r++) {
                            int row = rowMap[r];
                            d[dst + r * w] = row < 0 ? 0f : src[base + row * rs];
                        }
                    }
                }
            }
        }
    }
}
