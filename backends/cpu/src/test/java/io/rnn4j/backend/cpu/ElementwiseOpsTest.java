package io.rnn4j.backend.cpu;

import static io.rnn4j.backend.cpu.Views.assertOutsideUntouched;
import static io.rnn4j.backend.cpu.Views.compact;
import static io.rnn4j.backend.cpu.Views.embedded;
import static io.rnn4j.backend.cpu.Views.filled;
import static io.rnn4j.backend.cpu.Views.row;
import static io.rnn4j.backend.cpu.Views.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.MatrixView;
import org.junit.jupiter.api.Test;

class ElementwiseOpsTest {
    private final CpuBackend backend = new CpuBackend();

    @Test
    void activationsMatchTheirDefinitions() {
        MatrixView x = embedded(1, 5, row(-1f, 0f, 0.5f), row(1f, 2f, -3f));
        MatrixView y = filled(2, 3, 0f);

        backend.activation(Activation.SIGMOID, x, y);
        // 1/(1+e), 1/2, 1/(1+e^-0.5); 1/(1+e^-1), 1/(1+e^-2), 1/(1+e^3)
        assertThat(y.toArray()).containsExactly(new float[] {0.26894142f, 0.5f, 0.62245933f, 0.73105858f,
                0.88079708f, 0.047425873f}, within(1e-7f));

        backend.activation(Activation.TANH, x, y);
        assertThat(y.toArray()).containsExactly(new float[] {-0.76159416f, 0f, 0.46211716f, 0.76159416f,
                0.96402758f, -0.99505475f}, within(1e-7f));

        backend.activation(Activation.RELU, x, y);
        assertThat(rows(y)).isDeepEqualTo(new float[][] {row(0, 0, 0.5f), row(1, 2, 0)});

        backend.activation(Activation.IDENTITY, x, y);
        assertThat(rows(y)).isDeepEqualTo(rows(x));
        assertOutsideUntouched(y);
    }

    @Test
    void sigmoidSaturatesWithoutOverflowForLargeInputs() {
        MatrixView y = filled(1, 4, 0f);
        backend.activation(Activation.SIGMOID, compact(row(100f, -100f, 1000f, -1000f)), y);
        assertThat(y.get(0, 0)).isEqualTo(1f);
        assertThat(y.get(0, 1)).isBetween(0f, 1e-40f); // e^-100 ≈ 3.7e-44, a subnormal float
        assertThat(y.get(0, 2)).isEqualTo(1f);
        assertThat(y.get(0, 3)).isEqualTo(0f);
    }

    @Test
    void reluPropagatesNaN() {
        MatrixView y = filled(1, 1, 0f);
        backend.activation(Activation.RELU, compact(row(Float.NaN)), y);
        assertThat(y.get(0, 0)).isNaN();
    }

    @Test
    void activationWorksInPlace() {
        MatrixView x = embedded(2, 4, row(-2f, 3f));
        backend.activation(Activation.RELU, x, x);
        assertThat(rows(x)).isDeepEqualTo(new float[][] {row(0f, 3f)});
        assertOutsideUntouched(x);
    }

    @Test
    void activationMayReadOneGateAndWriteAnotherOfTheSameBuffer() {
        MatrixView gates = compact(row(-1f, 2f, 9f, 9f), row(3f, -4f, 9f, 9f));
        backend.activation(Activation.RELU, gates.cols(0, 2), gates.cols(2, 2));
        assertThat(rows(gates)).isDeepEqualTo(new float[][] {row(-1, 2, 0, 2), row(3, -4, 3, 0)});
    }

    @Test
    void activationBackwardMultipliesByTheDerivativeFromTheOutput() {
        MatrixView dy = compact(row(2f, 2f, 2f));
        MatrixView dx = filled(1, 3, 0f);

        backend.activationBackward(Activation.SIGMOID, compact(row(0.5f, 0.25f, 1f)), dy, dx, false);
        assertThat(rows(dx)).isDeepEqualTo(new float[][] {row(2 * 0.25f, 2 * 0.1875f, 0f)}); // y(1-y)

        backend.activationBackward(Activation.TANH, compact(row(0.5f, -0.5f, 0f)), dy, dx, false);
        assertThat(rows(dx)).isDeepEqualTo(new float[][] {row(1.5f, 1.5f, 2f)}); // 1-y²

        backend.activationBackward(Activation.RELU, compact(row(3f, 0f, 0.5f)), dy, dx, true); // += 2, 0, 2
        assertThat(rows(dx)).isDeepEqualTo(new float[][] {row(3.5f, 1.5f, 4f)});

        backend.activationBackward(Activation.IDENTITY, compact(row(7f, 7f, 7f)), dy, dx, false);
        assertThat(rows(dx)).isDeepEqualTo(new float[][] {row(2f, 2f, 2f)});
        assertOutsideUntouched(dx);
    }

    @Test
    void activationBackwardWorksInPlaceOnTheGradient() {
        MatrixView g = compact(row(4f, 4f));
        backend.activationBackward(Activation.TANH, compact(row(0.5f, 1f)), g, g, false);
        assertThat(rows(g)).isDeepEqualTo(new float[][] {row(3f, 0f)});
    }

    @Test
    void mulMultipliesOrAccumulates() {
        MatrixView a = embedded(1, 4, row(1, 2), row(3, 4));
        MatrixView b = compact(row(5, 6), row(7, 8));
        MatrixView c = filled(2, 2, 1f);
        backend.mul(a, b, c, false);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(5, 12), row(21, 32)});
        backend.mul(a, b, c, true);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(10, 24), row(42, 64)});
        assertOutsideUntouched(c);
    }

    @Test
    void mulWorksInPlaceOnEitherInput() {
        MatrixView a = compact(row(1, 2));
        backend.mul(a, compact(row(3, 4)), a, false);
        assertThat(rows(a)).isDeepEqualTo(new float[][] {row(3, 8)});
        MatrixView b = compact(row(5, 6));
        backend.mul(compact(row(2, 2)), b, b, true); // b += 2b
        assertThat(rows(b)).isDeepEqualTo(new float[][] {row(15, 18)});
    }

    @Test
    void axpbyCombinesLinearlyAndWorksInPlace() {
        MatrixView a = compact(row(1, 2), row(3, 4));
        MatrixView b = embedded(3, 6, row(10, 20), row(30, 40));
        MatrixView c = filled(2, 2, Float.NaN);
        backend.axpby(2f, a, -0.5f, b, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(-3, -6), row(-9, -12)});
        assertOutsideUntouched(c);

        backend.axpby(1f, a, 0.1f, b, b); // b = a + 0.1 b
        assertThat(rows(b)).isDeepEqualTo(new float[][] {row(2, 4), row(6, 8)});
        assertOutsideUntouched(b);
    }

    @Test
    void fillSetsOnlyTheWindow() {
        MatrixView x = filled(2, 3, 1f);
        backend.fill(x, 0.25f);
        assertThat(rows(x)).isDeepEqualTo(new float[][] {row(0.25f, 0.25f, 0.25f), row(0.25f, 0.25f, 0.25f)});
        assertOutsideUntouched(x);
    }

    @Test
    void copyCopiesBetweenDifferentStridesAndOntoItself() {
        MatrixView src = embedded(1, 5, row(1, 2), row(3, 4));
        MatrixView dst = filled(2, 2, 0f);
        backend.copy(src, dst);
        assertThat(rows(dst)).isDeepEqualTo(new float[][] {row(1, 2), row(3, 4)});
        assertOutsideUntouched(dst);
        backend.copy(dst, dst);
        assertThat(rows(dst)).isDeepEqualTo(new float[][] {row(1, 2), row(3, 4)});
    }

    @Test
    void addRowVectorAddsTheVectorSliceToEveryRow() {
        MatrixView c = embedded(2, 4, row(1, 1), row(2, 2));
        backend.addRowVector(new float[] {99, 10, 20, 99}, 1, c);
        assertThat(rows(c)).isDeepEqualTo(new float[][] {row(11, 21), row(12, 22)});
        assertOutsideUntouched(c);
    }

    @Test
    void sumRowsSumsColumnsIntoTheVectorSliceOrAccumulates() {
        float[] out = {-1, 5, 5, -1};
        MatrixView a = embedded(1, 3, row(1, 2), row(3, 4), row(5, 6));
        backend.sumRows(a, out, 1, false);
        assertThat(out).containsExactly(-1, 9, 12, -1);
        backend.sumRows(a, out, 1, true);
        assertThat(out).containsExactly(-1, 18, 24, -1);
    }

    @Test
    void sumRowsAccumulatesInDouble() {
        float[] out = new float[1];
        backend.sumRows(compact(row(1e8f), row(1f), row(-1e8f)), out, 0, false);
        assertThat(out[0]).isEqualTo(1f); // float accumulation gives 0
    }

    @Test
    void rejectsMismatchedShapesNamingTheOperation() {
        assertThatThrownBy(() -> backend.mul(filled(2, 3, 0), filled(3, 2, 0), filled(2, 3, 0), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mul: b is 3x2 but a is 2x3; they must have the same shape");
        assertThatThrownBy(() -> backend.activation(Activation.TANH, filled(2, 3, 0), filled(2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("activation tanh: y is 2x2 but x is 2x3; they must have the same shape");
        assertThatThrownBy(() -> backend.axpby(1, filled(1, 2, 0), 1, filled(1, 2, 0), filled(2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("axpby: c is 2x2 but a is 1x2");
        assertThatThrownBy(() -> backend.copy(filled(1, 2, 0), filled(1, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("copy: dst is 1x3 but src is 1x2");
        assertThatThrownBy(() -> backend.activationBackward(Activation.RELU, filled(1, 2, 0), filled(1, 2, 0),
                filled(2, 1, 0), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("activationBackward relu: dx is 2x1 but y is 1x2");
    }

    @Test
    void rejectsVectorSlicesThatRunPastTheArray() {
        assertThatThrownBy(() -> backend.addRowVector(new float[4], 2, filled(2, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("addRowVector: needs v[2 .. 5) (3 = columns of c, 2x3) but v has length 4");
        assertThatThrownBy(() -> backend.sumRows(filled(2, 3, 0), new float[3], -1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sumRows: needs out[-1 .. 2) (3 = columns of a, 2x3) but out has length 3");
    }

    @Test
    void rejectsAnOutputThatPartiallyOverlapsAnInput() {
        float[] buffer = {1, 2, 3, 4, 5};
        MatrixView src = new MatrixView(buffer, 0, 1, 4, 4);
        MatrixView dst = new MatrixView(buffer, 1, 1, 4, 4);
        assertThatThrownBy(() -> backend.copy(src, dst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copy: output dst MatrixView[1x4 @1 stride 4] partially overlaps input src"
                        + " MatrixView[1x4 @0 stride 4]; an output must be the same window as an input or"
                        + " disjoint from it");
        assertThat(buffer).containsExactly(1, 2, 3, 4, 5);
    }
}
