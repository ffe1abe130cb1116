package io.rnn4j.backend.cpu;

import static io.rnn4j.backend.cpu.Views.assertOutsideUntouched;
import static io.rnn4j.backend.cpu.Views.compact;
import static io.rnn4j.backend.cpu.Views.embedded;
import static io.rnn4j.backend.cpu.Views.filled;
import static io.rnn4j.backend.cpu.Views.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.spi.MatrixView;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    // softmax([1, 2, 3]) = [e^-2, e^-1, 1] / (e^-2 + e^-1 + 1)
    private static final float[] SOFTMAX_123 = {0.09003057f, 0.24472847f, 0.66524096f};
    private final CpuBackend backend = new CpuBackend();

    @Test
    void softmaxRowsNormalisesEachRowAndTheRowsSumToOne() {
        MatrixView x = embedded(1, 5, row(1, 2, 3), row(0, 0, 0), row(-4, 10, 2.5f));
        MatrixView y = filled(3, 3, 0f);
        backend.softmaxRows(x, y);
        assertThat(y.rows(0, 1).toArray()).containsExactly(SOFTMAX_123, within(1e-7f));
        assertThat(y.rows(1, 1).toArray()).containsExactly(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, within(1e-7f));
        for (int r = 0; r < 3; r++) {
            assertThat(backend.sum(y.rows(r, 1))).isCloseTo(1.0, within(1e-6));
        }
        assertOutsideUntouched(y);
    }

    @Test
    void softmaxRowsIsStableForLargeInputs() {
        MatrixView y = filled(2, 3, 0f);
        backend.softmaxRows(compact(row(1001, 1002, 1003), row(-1e30f, 0, 1e30f)), y);
        assertThat(y.rows(0, 1).toArray()).containsExactly(SOFTMAX_123, within(1e-7f));
        assertThat(y.rows(1, 1).toArray()).containsExactly(0f, 0f, 1f);
    }

    @Test
    void softmaxRowsWorksInPlace() {
        MatrixView x = compact(row(1, 2, 3));
        backend.softmaxRows(x, x);
        assertThat(x.toArray()).containsExactly(SOFTMAX_123, within(1e-7f));
    }

    @Test
    void dotSumsElementWiseProductsOverStridedViews() {
        MatrixView a = embedded(2, 4, row(1, 2), row(3, 4));
        MatrixView b = compact(row(5, 6), row(7, 8));
        assertThat(backend.dot(a, b)).isEqualTo(5 + 12 + 21 + 32);
        assertThat(backend.dot(a, a)).isEqualTo(1 + 4 + 9 + 16);
    }

    @Test
    void sumAddsEveryElementOfTheWindowOnly() {
        assertThat(backend.sum(embedded(3, 7, row(1, 2, 3), row(4, 5, 6)))).isEqualTo(21);
        assertThat(backend.sum(filled(0, 3, 1f))).isZero();
    }

    @Test
    void reductionsAccumulateInDouble() {
        MatrixView a = compact(row(1e8f, 1f, -1e8f));
        assertThat(backend.sum(a)).isEqualTo(1.0); // float accumulation gives 0
        assertThat(backend.dot(a, compact(row(1, 1, 1)))).isEqualTo(1.0);
        // a float product 3.1 * 3.1 is not 9.61, but its double product is exact
        assertThat(backend.dot(compact(row(3.1f)), compact(row(3.1f)))).isEqualTo((double) 3.1f * 3.1f);
    }

    @Test
    void reductionsRejectMismatchedShapes() {
        assertThatThrownBy(() -> backend.dot(filled(2, 2, 0), filled(1, 4, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dot: b is 1x4 but a is 2x2; they must have the same shape");
        assertThatThrownBy(() -> backend.softmaxRows(filled(2, 2, 0), filled(2, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("softmaxRows: y is 2x3 but x is 2x2; they must have the same shape");
    }

}
