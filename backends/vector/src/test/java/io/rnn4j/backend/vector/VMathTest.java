package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.S;
import static io.rnn4j.backend.vector.Vec.V;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The lane-wise transcendentals against {@code java.lang.Math} in double precision, over the ranges the gates
 * see, at the accuracy the class documentation states.
 */
class VMathTest {

    /** Largest error in ulps of the float result (and the largest absolute error) over {@code xs}. */
    private static double[] worst(float[] xs, UnaryOperator<FloatVector> f, DoubleUnaryOperator exact) {
        float[] y = new float[xs.length];
        for (int i = 0; i < xs.length; i += V) {
            f.apply(FloatVector.fromArray(S, xs, i)).intoArray(y, i);
        }
        double ulps = 0;
        double abs = 0;
        for (int i = 0; i < xs.length; i++) {
            double e = exact.applyAsDouble(xs[i]);
            double err = Math.abs(y[i] - e);
            abs = Math.max(abs, err);
            ulps = Math.max(ulps, err / Math.ulp((float) e));
        }
        return new double[] {ulps, abs};
    }

    private static float[] uniform(int n, double half, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((2 * r.nextDouble() - 1) * half);
        }
        return x;
    }

    @Test
    void tanhIsWithinThreeUlpAndTwoTenMillionthsOverTheGateRange() {
        // both sides of the 0.625 switch between the polynomial and 2 / (1 + e^-2x) - 1, and the saturated tails
        for (double half : new double[] {0.7, 1.5, 12}) {
            double[] w = worst(uniform(1 << 18, half, 7), VMath::tanh, Math::tanh);
            assertThat(w[0]).as("ulps over [-%s, %s]", half, half).isLessThanOrEqualTo(3.5);
            assertThat(w[1]).as("absolute error over [-%s, %s]", half, half).isLessThanOrEqualTo(2e-7);
        }
    }

    @Test
    void expIsWithinTwoUlpInTheNormalRange() {
        double[] w = worst(uniform(1 << 18, 80, 11), VMath::exp, Math::exp);
        assertThat(w[0]).isLessThanOrEqualTo(2.0);
    }

    @Test
    void sigmoidIsWithinTwoTenMillionthsAbsolute() {
        double[] w = worst(uniform(1 << 18, 20, 13), VMath::sigmoid, x -> 1 / (1 + Math.exp(-x)));
        assertThat(w[1]).isLessThanOrEqualTo(2e-7);
    }

    @Test
    void extremesAndNaN() {
        float[] x = new float[V];
        float[] special = {0f, -0f, 1e-30f, -1e-30f, 100f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] t = new float[V];
        VMath.tanh(FloatVector.fromArray(S, x, 0)).intoArray(t, 0);
        assertThat(t[0]).isEqualTo(0f);
        assertThat(t[2]).isEqualTo(1e-30f); // the polynomial keeps tiny values exact
        assertThat(t[3]).isEqualTo(-1e-30f);
        assertThat(t[4]).isEqualTo(1f);
        assertThat(t[5]).isEqualTo(-1f);
        assertThat(t[6]).isEqualTo(1f);
        assertThat(t[7]).isEqualTo(-1f);
        assertThat(t[8]).isNaN();
        float[] e = new float[V];
        VMath.exp(FloatVector.fromArray(S, x, 0)).intoArray(e, 0);
        assertThat(e[6]).isFinite(); // clamped at 88: never infinity
        assertThat(e[7]).isGreaterThanOrEqualTo(0f);
        assertThat(e[8]).isNaN();
    }
}
