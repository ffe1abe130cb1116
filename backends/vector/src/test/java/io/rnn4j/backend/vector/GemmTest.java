package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.MatrixView;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The register-blocked product on awkward shapes, against a double-precision product computed here:
 * sizes around the vector length and the 4-row x 4-vector block, every transpose combination, strided
 * views embedded in larger buffers (whose surroundings must stay untouched), alpha and beta.
 */
class GemmTest {
    private static final int V = Vec.V;
    private final VectorBackend be = new VectorBackend(BackendOptions.threads(1));

    static Stream<Arguments> shapes() {
        int[] ms = {1, 3, 4, 5, 9};
        int[] ks = {1, 2, 7, Gemm.KC + 3};
        // 16 V and more: four whole panels, which a row outside the blocks of four takes in one pass
        int[] ns = {1, V - 1, V, V + 1, 4 * V, 4 * V + 3, 5 * V + 1, 16 * V, 21 * V + 3};
        Stream.Builder<Arguments> s = Stream.builder();
        int i = 0;
        for (int m : ms) {
            for (int k : ks) {
                for (int n : ns) {
                    boolean ta = (i & 1) != 0;
                    boolean tb = (i & 2) != 0;
                    s.add(Arguments.of(m, k, n, ta, tb));
                    i++;
                }
            }
        }
        s.add(Arguments.of(Gemm.MC + 5, 3, 2 * V, false, false)); // more rows than one row block
        s.add(Arguments.of(2, 0, V + 1, false, false)); // empty inner dimension: C = beta C
        return s.build();
    }

    @ParameterizedTest(name = "{0}x{1} . {1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void multipliesStridedViewsOfAwkwardShapes(int m, int k, int n, boolean transA, boolean transB) {
        SplittableRandom rnd = new SplittableRandom(m * 1000L + k * 10L + n);
        MatrixView a = embedded(rnd, transA ? k : m, transA ? m : k, 3);
        MatrixView b = embedded(rnd, transB ? n : k, transB ? k : n, 5);
        MatrixView c = embedded(rnd, m, n, 2);
        float[] before = c.data().clone();
        float alpha = 1.5f;
        float beta = -0.5f;

        be.gemm(transA, transB, alpha, a, b, beta, c);

        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double x = (transA ? a.get(p, i) : a.get(i, p)) * (double) (transB ? b.get(j, p) : b.get(p, j));
                    s += x;
                    mag += Math.abs(x);
                }
                double prev = before[c.index(i, j)];
                double expected = alpha * s + beta * prev;
                double tol = 1e-6 * (alpha * mag + Math.abs(beta * prev)) + 1e-6;
                assertThat((double) c.get(i, j)).as("C[%d, %d]", i, j).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(tol));
            }
        }
        assertOutsideUntouched(c, before);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (int n : new int[] {1, V + 3, 4 * V}) {
            MatrixView a = MatrixView.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            float[] bd = new float[3 * n];
            for (int i = 0; i < bd.length; i++) {
                bd[i] = i % 7;
            }
            MatrixView b = MatrixView.of(bd, 3, n);
            float[] cd = new float[2 * n];
            java.util.Arrays.fill(cd, Float.NaN);
            be.gemm(false, false, 1f, a, b, 0f, MatrixView.of(cd, 2, n));
            assertThat(cd).doesNotContain(Float.NaN);
            assertThat(cd[0]).isEqualTo(1 * bd[0] + 2 * bd[n] + 3 * bd[2 * n]);
        }
    }

    @Test
    void aLargeProductSharedBetweenTwoThreadsGivesTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(9);
        MatrixView a = embedded(rnd, 300, 130, 1); // used transposed: 130 x 300
        MatrixView b = embedded(rnd, 300, 200, 3);
        MatrixView c1 = embedded(rnd, 130, 200, 0);
        MatrixView c2 = MatrixView.of(c1.toArray(), 130, 200);
        try (VectorBackend two = new VectorBackend(new BackendOptions(2, java.util.Map.of()))) {
            be.gemm(true, false, 0.5f, a, b, 2f, c1);
            two.gemm(true, false, 0.5f, a, b, 2f, c2);
        }
        assertThat(c2.toArray()).containsExactly(c1.toArray());
    }

    @Test
    void oneByOne() {
        MatrixView c = MatrixView.of(new float[] {10f}, 1, 1);
        be.gemm(true, true, 2f, MatrixView.of(new float[] {3f}, 1, 1), MatrixView.of(new float[] {4f}, 1, 1), 1f, c);
        assertThat(c.get(0, 0)).isEqualTo(34f);
    }

    @Test
    void refusesMismatchedShapesAndOverlap() {
        MatrixView a = MatrixView.of(new float[6], 2, 3);
        assertThatThrownBy(() -> be.gemm(false, false, 1f, a, MatrixView.of(new float[8], 4, 2), 0f,
                MatrixView.of(new float[4], 2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inner dimensions");
        float[] shared = new float[12];
        assertThatThrownBy(() -> be.gemm(false, false, 1f, new MatrixView(shared, 0, 2, 2, 2),
                new MatrixView(shared, 4, 2, 2, 2), 0f, new MatrixView(shared, 2, 2, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
    }

    /** A {@code rows x cols} view with row stride {@code cols + pad} at offset {@code pad}, all filled. */
    private static MatrixView embedded(SplittableRandom rnd, int rows, int cols, int pad) {
        int stride = cols + pad;
        float[] d = new float[pad + rows * stride + pad];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return new MatrixView(d, pad, rows, cols, stride);
    }

    private static void assertOutsideUntouched(MatrixView c, float[] before) {
        boolean[] inside = new boolean[before.length];
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < c.cols(); j++) {
                inside[c.index(i, j)] = true;
            }
        }
        for (int i = 0; i < before.length; i++) {
            if (!inside[i]) {
                assertThat(c.data()[i]).as("element %d outside the view", i).isEqualTo(before[i]);
            }
        }
    }
}
