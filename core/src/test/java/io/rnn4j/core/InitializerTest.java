package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InitializerTest {

    /** Element (r, c) of gate block g of a {@code [blocks*rows, cols]} matrix. */
    private static double at(Tensor t, int blocks, int g, int r, int c) {
        return t.get(g * (t.dim(0) / blocks) + r, c);
    }

    /** Asserts that the rows of each block are orthonormal: Q Qᵀ = I. */
    private static void assertOrthonormalRows(Tensor t, int blocks) {
        int rows = t.dim(0) / blocks;
        for (int g = 0; g < blocks; g++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < rows; j++) {
                    double dot = 0;
                    for (int c = 0; c < t.dim(1); c++) {
                        dot += at(t, blocks, g, i, c) * at(t, blocks, g, j, c);
                    }
                    assertThat(dot).as("block %d, (Q Qᵀ)[%d, %d]", g, i, j).isCloseTo(i == j ? 1 : 0, within(1e-5));
                }
            }
        }
    }

    /** Asserts that the columns of each block are orthonormal: Qᵀ Q = I. */
    private static void assertOrthonormalColumns(Tensor t, int blocks) {
        int rows = t.dim(0) / blocks;
        for (int g = 0; g < blocks; g++) {
            for (int i = 0; i < t.dim(1); i++) {
                for (int j = 0; j < t.dim(1); j++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += at(t, blocks, g, r, i) * at(t, blocks, g, r, j);
                    }
                    assertThat(dot).as("block %d, (Qᵀ Q)[%d, %d]", g, i, j).isCloseTo(i == j ? 1 : 0, within(1e-5));
                }
            }
        }
    }

    @Test
    void orthogonalMakesEverySquareGateBlockOrthogonal() {
        Tensor w = Tensor.zeros(4 * 8, 8); // an LSTM W_hh with hidden 8
        Initializer.ORTHOGONAL.fill(w, 4, 8, new RandomSource(1));
        assertOrthonormalRows(w, 4);
        assertOrthonormalColumns(w, 4);
        assertThat(w.get(0, 0)).as("gate blocks differ").isNotEqualTo(w.get(8, 0));
    }

    @Test
    void orthogonalGivesOrthonormalRowsForWideAndOrthonormalColumnsForTallBlocks() {
        Tensor wide = Tensor.zeros(2 * 3, 5);
        Initializer.ORTHOGONAL.fill(wide, 2, 3, new RandomSource(2));
        assertOrthonormalRows(wide, 2);
        Tensor tall = Tensor.zeros(3 * 5, 2);
        Initializer.ORTHOGONAL.fill(tall, 3, 5, new RandomSource(3));
        assertOrthonormalColumns(tall, 3);
    }

    @Test
    void orthogonalRejectsAVector() {
        assertThatThrownBy(() -> Initializer.ORTHOGONAL.fill(Tensor.zeros(4), 1, 4, new RandomSource(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orthogonal initialisation needs a matrix, got shape [4]");
    }

    @Test
    void glorotUniformStaysWithinTheBoundOfOneGateBlock() {
        Tensor w = Tensor.zeros(3 * 4, 6); // a GRU W_ih, hidden 4, input 6: each block is [4, 6]
        Initializer.GLOROT_UNIFORM.fill(w, 3, 4, new RandomSource(5));
        double bound = Math.sqrt(6.0 / (4 + 6));
        double maxAbs = 0;
        for (float v : w.toArray()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertThat(maxAbs).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
    }

    @Test
    void glorotUniformIsDeterminedByTheSeed() {
        Tensor a = Tensor.zeros(8, 3);
        Tensor b = Tensor.zeros(8, 3);
        Tensor c = Tensor.zeros(8, 3);
        Initializer.GLOROT_UNIFORM.fill(a, 1, 8, new RandomSource(11));
        Initializer.GLOROT_UNIFORM.fill(b, 1, 8, new RandomSource(11));
        Initializer.GLOROT_UNIFORM.fill(c, 1, 8, new RandomSource(12));
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(a.toArray()).isNotEqualTo(c.toArray());
    }

    @Test
    void zerosOverwritesEveryValue() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Initializer.ZEROS.fill(t, 1, 2, new RandomSource(1));
        assertThat(t.toArray()).containsOnly(0f);
    }

    @Test
    void uniformFanInStaysWithinOneOverSqrtHidden() {
        Tensor bias = Tensor.zeros(4 * 16);
        Initializer.UNIFORM_FAN_IN.fill(bias, 4, 16, new RandomSource(6));
        double maxAbs = 0;
        for (float v : bias.toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.25f); // 1 / sqrt(16)
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertThat(maxAbs).isGreaterThan(0.2);
    }

    @Test
    void initializersWriteOnlyTheirWindowOfAFlatBuffer() {
        float[] flat = new float[10];
        Tensor w = new Tensor(flat, 3, Shape.of(2, 2));
        Initializer.UNIFORM_FAN_IN.fill(w, 1, 1, new RandomSource(7));
        assertThat(flat).startsWith(0, 0, 0).endsWith(0, 0, 0);
        assertThat(w.toArray()).doesNotContain(0f);
    }
}
