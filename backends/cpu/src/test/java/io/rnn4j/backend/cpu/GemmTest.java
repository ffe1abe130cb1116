package io.rnn4j.backend.cpu;

import static io.rnn4j.backend.cpu.Views.assertOutsideUntouched;
import static io.rnn4j.backend.cpu.Views.compact;
import static io.rnn4j.backend.cpu.Views.embedded;
import static io.rnn4j.backend.cpu.Views.filled;
import static io.rnn4j.backend.cpu.Views.row;
import static io.rnn4j.backend.cpu.Views.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.spi.MatrixView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
    private final CpuBackend backend = new CpuBackend();

    // A = [[1,2,3],[4,5,6]], B = [[7,8],[9,10],[11,12]]
    // A·B = [[1*7+2*9+3*11, 1*8+2*10+3*12], [4*7+5*9+6*11, 4*8+5*10+6*12]] = [[58, 64], [139, 154]]
    private static final float[][] A = {row(1, 2, 3), row(4, 5, 6)};
    private static final float[][] A_T = {row(1, 4), row(2, 5), row(3, 6)};
    private static final float[][] B = {row(7, 8), row(9, 10), row(11, 12)};
    private static final float[][] B_T = {row(7, 9, 11), row(8, 10, 12)};
    private static final float[][] PRODUCT = {row(58, 64), row(139, 154)};

    @Test
    void multipliesCompactMatrices() {
        MatrixView c = compact(row(0, 0), row(0, 0));
        backend.gemm(false, false, 1f, compact(A), compact(B), 0f, c);
        assertThat(rows(c)).isDeepEqualTo(PRODUCT);
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void multipliesStridedViewsInEveryTransposeCombinationWithoutTouchingTheirSurroundings(boolean transA,
            boolean transB) {
        MatrixView a = embedded(3, 5, transA ? A_T : A);
        MatrixView b = embedded(1, 4, transB ? B_T : B);
        MatrixView c = embedded(2, 4, row(1, 2), row(3, 4));

        backend.gemm(transA, transB, 2f, a, b, 0.5f, c);

        // 2 * A·B + 0.5 * [[1,2],[3,4]]
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(116.5f, 129f), row(279.5f, 310f)});
        assertOutsideUntouched(c);
        assertThat(rows(a)).isDeepEqualTo(transA ? A_T : A);
        assertThat(rows(b)).isDeepEqualTo(transB ? B_T : B);
        assertOutsideUntouched(a);
        assertOutsideUntouched(b);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        MatrixView c = filled(2, 2, Float.NaN);
        backend.gemm(false, false, 1f, compact(A), compact(B), 0f, c);
        assertThat(rows(c)).isDeepEqualTo(PRODUCT);
    }

    @Test
    void betaOneAccumulatesIntoC() {
        MatrixView c = compact(row(1, 1), row(1, 1));
        backend.gemm(false, false, 1f, compact(A), compact(B), 1f, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(59, 65), row(140, 155)});
    }

    @Test
    void multipliesOneGateBlockOfAWiderBuffer() {
        // x [1x2] times the second gate's columns of W [2x4] = [[w00 w01 | w02 w03], ...]
        MatrixView w = compact(row(1, 2, 3, 4), row(5, 6, 7, 8));
        MatrixView gates = compact(row(-1, -1, -1, -1));
        backend.gemm(false, false, 1f, compact(row(1, 10)), w.cols(2, 2), 0f, gates.cols(2, 2));
        assertThat(rows(gates)).isDeepEqualTo(new float[][] {row(-1, -1, 3 + 70, 4 + 80)});
    }

    @Test
    void accumulatesInDouble() {
        // In float, 1e8 + 1 rounds back to 1e8 and the result would be 0.
        MatrixView c = compact(row(0));
        backend.gemm(false, false, 1f, compact(row(1e8f, 1f, -1e8f)), compact(row(1), row(1), row(1)), 0f, c);
        assertThat(c.get(0, 0)).isEqualTo(1f);
    }

    @Test
    void emptyInnerDimensionGivesBetaTimesC() {
        MatrixView c = compact(row(3, 4));
        backend.gemm(false, false, 1f, MatrixView.of(new float[0], 1, 0), MatrixView.of(new float[0], 0, 2), 2f, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(6, 8)});
    }

    @Test
    void rejectsMismatchedInnerDimensions() {
        assertThatThrownBy(() -> backend.gemm(false, false, 1f, compact(A), compact(row(1, 2), row(3, 4)), 0f,
                filled(2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: op(A) is 2x3 but op(B) is 2x2; the inner dimensions must agree"
                        + " (A 2x3, B 2x2, C 2x2)");
    }

    @Test
    void rejectsAnOutputOfTheWrongShape() {
        assertThatThrownBy(() -> backend.gemm(true, false, 1f, compact(A_T), compact(B), 0f, filled(2, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm: op(A)·op(B) is 2x2 but C is 2x3 (A 3x2 transposed, B 3x2, C 2x3)");
    }

    @Test
    void rejectsAnOutputThatOverlapsAnInput() {
        MatrixView square = compact(row(1, 2), row(3, 4));
        assertThatThrownBy(() -> backend.gemm(false, false, 1f, square, compact(row(1, 0), row(0, 1)), 0f, square))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gemm: output C")
                .hasMessageContaining("overlaps input A");
    }
}
