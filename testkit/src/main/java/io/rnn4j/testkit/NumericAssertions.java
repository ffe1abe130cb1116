package io.rnn4j.testkit;

import static org.assertj.core.api.Assertions.fail;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.MatrixView;
import java.util.Arrays;
import java.util.Locale;

/**
 * Element-wise comparisons of float results, with failure messages that say how many elements differ,
 * where the worst one is (as a multi-index of the tensor's shape) and by how much, so that a failing
 * conformance check can be diagnosed from its message alone.
 */
final class NumericAssertions {
    private NumericAssertions() {
    }

    /**
     * An absolute-plus-relative tolerance: {@code |actual - expected| <= abs + rel * |expected|}. NaN
     * matches only NaN and an infinity only the same infinity.
     */
    record Tolerance(double abs, double rel) {
        /** The same bound {@code t} for both parts. */
        static Tolerance of(double t) {
            return new Tolerance(t, t);
        }

        /** Both parts multiplied by {@code factor}. */
        Tolerance scaled(double factor) {
            return new Tolerance(abs * factor, rel * factor);
        }

        boolean accepts(double actual, double expected) {
            if (Double.isNaN(actual) || Double.isNaN(expected)) {
                return Double.isNaN(actual) && Double.isNaN(expected);
            }
            if (Double.isInfinite(actual) || Double.isInfinite(expected)) {
                return actual == expected;
            }
            return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "|actual - expected| <= %.1e + %.1e*|expected|", abs, rel);
        }
    }

    /** Exact equality, except that any NaN equals any NaN and {@code -0 == +0}. */
    static final Tolerance EXACT = new Tolerance(0, 0);

    static void assertClose(String what, Tensor actual, Tensor expected, Tolerance tol) {
        if (!actual.shape().equals(expected.shape())) {
            fail(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        assertClose(what, actual.toArray(), expected.toArray(), actual.shape().dims(), tol);
    }

    static void assertClose(String what, MatrixView actual, MatrixView expected, Tolerance tol) {
        if (!actual.sameShape(expected)) {
            fail(what + ": " + actual.rows() + "x" + actual.cols() + ", expected " + expected.rows() + "x"
                    + expected.cols());
        }
        assertClose(what, actual.toArray(), expected.toArray(), new int[] {actual.rows(), actual.cols()}, tol);
    }

    /** Compares two arrays holding a tensor of shape {@code dims} (row-major). */
    static void assertClose(String what, float[] actual, float[] expected, int[] dims, Tolerance tol) {
        if (actual.length != expected.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        int bad = 0;
        int worst = -1;
        double worstExcess = -1;
        for (int i = 0; i < actual.length; i++) {
            if (!tol.accepts(actual[i], expected[i])) {
                bad++;
                double excess = excess(actual[i], expected[i], tol);
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worst = i;
                }
            }
        }
        if (bad > 0) {
            fail(String.format(Locale.ROOT,
                    "%s: %d of %d elements differ beyond %s; worst at %s (shape %s): actual %s, expected %s, "
                            + "difference %s",
                    what, bad, actual.length, tol == EXACT ? "exact equality" : tol.toString(), index(worst, dims),
                    Arrays.toString(dims), str(actual[worst]), str(expected[worst]),
                    str(Math.abs((double) actual[worst] - expected[worst]))));
        }
    }

    /** Compares two scalars. */
    static void assertClose(String what, double actual, double expected, Tolerance tol) {
        if (!tol.accepts(actual, expected)) {
            fail(String.format(Locale.ROOT, "%s: actual %s, expected %s (difference %s) beyond %s", what, str(actual),
                    str(expected), str(Math.abs(actual - expected)), tol));
        }
    }

    /** Every element is zero ({@code +0} or {@code -0}). */
    static void assertAllZero(String what, float[] values, int[] dims) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f) {
                fail(what + ": element " + index(i, dims) + " of shape " + Arrays.toString(dims) + " is "
                        + str(values[i]) + ", expected exactly 0");
            }
        }
    }

    private static double excess(double a, double e, Tolerance tol) {
        if (Double.isNaN(a) || Double.isNaN(e) || Double.isInfinite(a) || Double.isInfinite(e)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(a - e) - (tol.abs() + tol.rel() * Math.abs(e));
    }

    /** The multi-index of flat index {@code i} in a row-major tensor of shape {@code dims}. */
    static String index(int i, int[] dims) {
        int[] idx = new int[dims.length];
        int rest = i;
        for (int d = dims.length - 1; d >= 0; d--) {
            int n = Math.max(dims[d], 1);
            idx[d] = rest % n;
            rest /= n;
        }
        return Arrays.toString(idx);
    }

    static String str(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? Double.toString(v) : String.format(Locale.ROOT, "%.9g", v);
    }
}
