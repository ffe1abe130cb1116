package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gemm}'s micro-kernels called directly, on the edge cases of their blocking: rows around the
 * 4-row block and the row block {@link Gemm#MC}, {@code k} not a multiple of the vector length and
 * across {@code KC} blocks, panels of one to four vectors with column tails, {@code A} plain, with a row
 * stride wider than {@code k}, and transposed (the packed copy of {@code A}), packed and direct
 * {@code B}, {@code beta} 0 (C not read: NaN there must not matter), 1 and other, a bias, and sub-ranges
 * of rows and panels (as two threads call it). Each result is checked against a double-precision product
 * computed here and, bit for bit, against {@link GemmBaseline}, the kernel before the packed-A change:
 * every element must still be summed in the same order, so that one thread and two give the same bits.
 */
class GemmKernelTest {
    private static final int V = Vec.V;

    static Stream<Arguments> cases() {
        int[] ms = {1, 3, 4, 7, 16, Gemm.MC + 6};
        // the row block boundary (MC + 6 rows) is checked on fewer k, to keep the class to seconds
        int[] ks = {1, V - 1, V + 3, Gemm.KC, Gemm.KC + 5, 2 * Gemm.KC + V + 1};
        // 17 V + 5: four whole panels and more, taken four at a time by a row outside the blocks of four
        int[] ns = {1, V + 1, 2 * V, 3 * V - 2, 4 * V, 5 * V + 3, 6 * V, 7 * V + 1, 17 * V + 5};
        Stream.Builder<Arguments> s = Stream.builder();
        int i = 0;
        for (int m : ms) {
            for (int k : ks) {
                for (int n : ns) {
                    if (m > Gemm.MC && (k == Gemm.KC || k > 2 * Gemm.KC || n % 2 == 0)) {
                        continue;
                    }
                    s.add(Arguments.of(m, k, n, i % 3, (i / 3) % 2 == 1, i % 4));
                    i++;
                }
            }
        }
        return s.build();
    }

    /**
     * @param aLayout 0: A row-major with stride k; 1: row stride k + 5; 2: transposed (column-major)
     * @param direct  B described in place (direct panels) rather than packed
     * @param betaKind 0: beta 0 with NaN in C; 1: beta 1; 2: beta -0.5 and a bias; 3: alpha 0.75, beta 0
     */
    @ParameterizedTest(name = "{0}x{1} . {1}x{2}, A layout {3}, direct B {4}, beta kind {5}")
    @MethodSource("cases")
    void sameBitsAsTheOldKernelAndCloseToDoublePrecision(int m, int k, int n, int aLayout, boolean direct,
            int betaKind) {
        SplittableRandom r = new SplittableRandom(m * 7919L + k * 104729L + n * 31L + aLayout);
        int aRs;
        int aCs;
        int aOff = 3;
        float[] a;
        switch (aLayout) {
            case 0 -> {
                aRs = k;
                aCs = 1;
            }
            case 1 -> {
                aRs = k + 5;
                aCs = 1;
            }
            default -> {
                aRs = 1;
                aCs = m + 2;
            }
        }
        a = random(r, aOff + Math.max(m * aRs + k * aCs, 1) + 8);
        int nPad = Vec.roundUp(n);
        int ldb = direct ? nPad + 2 * V : nPad;
        float[] bSrc = random(r, k * ldb + 1);
        Panels p = new Panels();
        if (direct) {
            p.direct(bSrc, 1, ldb, k, nPad, Panels.whole(nPad));
        } else {
            p.pack(k, n, nPad, Panels.whole(nPad), bSrc, 1, ldb, 1, null, null);
        }
        float alpha = betaKind == 3 ? 0.75f : 1f;
        float beta = switch (betaKind) {
            case 1 -> 1f;
            case 2 -> -0.5f;
            default -> 0f;
        };
        float[] bias = betaKind == 2 ? random(r, nPad) : null;
        int ldc = n + 3;
        float[] c0 = random(r, m * ldc + 4);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c0[2 + i * ldc + j] = Float.NaN;
                }
            }
        }
        float[] cNew = c0.clone();
        float[] cOld = c0.clone();
        // two calls over sub-ranges of rows and panels, as two threads make them
        int rowCut = Math.min(m, (m / 2 + 3) & ~3);
        int panelCut = p.count / 2;
        for (int[] range : new int[][] {{0, rowCut, 0, panelCut}, {0, rowCut, panelCut, p.count},
            {rowCut, m, 0, p.count}}) {
            if (range[0] < range[1] && range[2] < range[3]) {
                Gemm.multiply(range[0], range[1], k, alpha, a, aOff, aRs, aCs, p, range[2], range[3], beta, bias, cNew,
                        2, ldc, n, new float[Gemm.TILE]);
                GemmBaseline.multiply(range[0], range[1], k, alpha, a, aOff, aRs, aCs, p, range[2], range[3], beta,
                        bias, cOld, 2, ldc, n, new float[GemmBaseline.TILE]);
            }
        }
        for (int x = 0; x < cNew.length; x++) {
            assertThat(Float.floatToIntBits(cNew[x])).as("element %d: new %s, old %s", x, cNew[x], cOld[x])
                    .isEqualTo(Float.floatToIntBits(cOld[x]));
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int q = 0; q < k; q++) {
                    double t = (double) a[aOff + i * aRs + q * aCs] * bSrc[1 + q * ldb + j];
                    s += t;
                    mag += Math.abs(t);
                }
                double want = alpha * s + (beta == 0f ? 0 : beta * c0[2 + i * ldc + j])
                        + (bias == null ? 0 : bias[j]);
                assertThat((double) cNew[2 + i * ldc + j]).as("C(%d, %d)", i, j)
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * (mag + 1) + 1e-6));
            }
        }
        // outside the m x n window nothing changed
        for (int x = 0; x < c0.length; x++) {
            int rel = x - 2;
            boolean inside = rel >= 0 && rel < m * ldc && rel % ldc < n;
            if (!inside) {
                assertThat(Float.floatToIntBits(cNew[x])).as("untouched element %d", x)
                        .isEqualTo(Float.floatToIntBits(c0[x]));
            }
        }
    }

    static Stream<Arguments> sideBySide() {
        return Stream.of(Arguments.of(4, 3, V, V), Arguments.of(9, Gemm.KC + 7, 4 * V, 8 * V),
                Arguments.of(13, 2 * V + 1, 4 * V, 4 * V), Arguments.of(37, 300, 5 * V, 3 * V));
    }

    /**
     * {@code dG^T [X | H]} as one product on the operands packed side by side ({@link Panels#packSideBySide},
     * the fused weight gradients) equals, element for element in double precision, the two products
     * {@code dG^T X} and {@code dG^T H}; the seam between X and H never falls inside a panel.
     */
    @ParameterizedTest(name = "m {0}, k {1}, X {2} wide, H {3} wide")
    @MethodSource("sideBySide")
    void productOnOperandsPackedSideBySide(int m, int k, int w1, int w2) {
        SplittableRandom r = new SplittableRandom(m * 31L + k + w1 * 7L + w2);
        float[] dG = random(r, k * m);
        float[] x = random(r, k * w1);
        float[] h = random(r, k * w2);
        Panels p = new Panels();
        p.packSideBySide(k, x, w1, h, w2);
        for (int q = p.segStart[0]; q < p.count; q++) {
            assertThat(p.col[q] < w1).as("panel %d inside one operand", q)
                    .isEqualTo(p.col[q] + p.vecs[q] * V <= w1);
        }
        int ld = w1 + w2;
        float[] c = new float[m * ld];
        Gemm.multiply(0, m, k, 1f, dG, 0, 1, m, p, 0, p.count, 0f, null, c, 0, ld, ld, new float[Gemm.TILE]);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < ld; j++) {
                double s = 0;
                double mag = 0;
                for (int q = 0; q < k; q++) {
                    double t = dG[q * m + i] * (double) (j < w1 ? x[q * w1 + j] : h[q * w2 + j - w1]);
                    s += t;
                    mag += Math.abs(t);
                }
                assertThat((double) c[i * ld + j]).as("C(%d, %d)", i, j)
                        .isCloseTo(s, org.assertj.core.data.Offset.offset(1e-5 * (mag + 1)));
            }
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
