package io.rnn4j.testkit;

import static org.assertj.core.api.Assertions.fail;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.spi.MatrixView;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The operands of one primitive call: named views, each in its own buffer, drawn from a seeded
 * generator so that the same call can be made on two backends with identical inputs. After the call
 * it checks that nothing but the output windows was written: inputs are unchanged, and in the strided
 * layout the elements around every window (filled with {@link #OUTSIDE}) are untouched.
 */
final class PrimitiveCall {
    /** How the views of a call sit in their buffers. */
    enum Layout {
        /** Each view is a whole, compact array (offset 0, stride = cols). */
        COMPACT("compact views"),
        /**
         * Each view is a window at offset 3 with stride {@code cols + 2} in a larger buffer, surrounded
         * by {@link #OUTSIDE}.
         */
        STRIDED("strided views");

        private final String label;

        Layout(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The value around each strided window: a NaN with a recognisable payload, so a backend that reads
     * outside a view produces NaN, and one that writes there is caught bit for bit.
     */
    static final float OUTSIDE = Float.intBitsToFloat(0x7fc00bad);

    private final RandomSource rng;
    private final Layout layout;
    private final Map<String, MatrixView> views = new LinkedHashMap<>();
    private final Set<String> outputs = new LinkedHashSet<>();
    private final Map<float[], float[]> before = new IdentityHashMap<>();
    private double scalar = Double.NaN;

    PrimitiveCall(RandomSource rng, Layout layout) {
        this.rng = rng;
        this.layout = layout;
    }

    RandomSource rng() {
        return rng;
    }

    /** A read-only operand with values uniform in {@code [lo, hi)}. */
    MatrixView input(String name, int rows, int cols, float lo, float hi) {
        return add(name, rows, cols, TestData.uniform(rng, rows * cols, lo, hi), false);
    }

    /** A read-only operand with the given row-major values. */
    MatrixView input(String name, int rows, int cols, float[] values) {
        return add(name, rows, cols, values, false);
    }

    /** A written operand whose previous values are uniform in {@code [lo, hi)} (accumulation, in place). */
    MatrixView output(String name, int rows, int cols, float lo, float hi) {
        return add(name, rows, cols, TestData.uniform(rng, rows * cols, lo, hi), true);
    }

    /** A written operand whose previous values are all {@code value} (NaN: must be overwritten, not read). */
    MatrixView output(String name, int rows, int cols, float value) {
        float[] v = new float[rows * cols];
        Arrays.fill(v, value);
        return add(name, rows, cols, v, true);
    }

    /** A written operand with the given previous values. */
    MatrixView output(String name, int rows, int cols, float[] values) {
        return add(name, rows, cols, values, true);
    }

    private MatrixView add(String name, int rows, int cols, float[] values, boolean output) {
        if (views.containsKey(name)) {
            throw new IllegalArgumentException("operand " + name + " declared twice");
        }
        MatrixView v;
        if (layout == Layout.COMPACT) {
            v = MatrixView.of(values.clone(), rows, cols);
        } else {
            int offset = 3;
            int stride = cols + 2;
            float[] data = new float[offset + Math.max(rows - 1, 0) * stride + cols + 2];
            Arrays.fill(data, OUTSIDE);
            v = new MatrixView(data, offset, rows, cols, stride);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v.set(r, c, values[r * cols + c]);
                }
            }
        }
        views.put(name, v);
        if (output) {
            outputs.add(name);
        }
        return v;
    }

    /** Makes the call. */
    void run(Runnable op) {
        snapshot();
        op.run();
    }

    /** Makes a call that returns a scalar. */
    void runScalar(DoubleSupplier op) {
        snapshot();
        scalar = op.getAsDouble();
    }

    private void snapshot() {
        for (MatrixView v : views.values()) {
            before.put(v.data(), v.data().clone());
        }
    }

    /** The scalar result, NaN if none. */
    double scalar() {
        return scalar;
    }

    /** The operands by name, in declaration order. */
    Map<String, MatrixView> views() {
        return views;
    }

    /** Whether the call writes the operand. */
    boolean isOutput(String name) {
        return outputs.contains(name);
    }

    /** The operand's values before the call. */
    float[] before(String name) {
        MatrixView v = views.get(name);
        float[] data = before.get(v.data());
        return new MatrixView(data, v.offset(), v.rows(), v.cols(), v.stride()).toArray();
    }

    /**
     * Fails if the call wrote any element that is not in an output window: an input that changed, or an
     * element around a window.
     */
    void assertOnlyOutputsWritten(String op) {
        for (Map.Entry<String, MatrixView> e : views.entrySet()) {
            MatrixView v = e.getValue();
            float[] old = before.get(v.data());
            boolean[] window = new boolean[old.length];
            for (int r = 0; r < v.rows(); r++) {
                for (int c = 0; c < v.cols(); c++) {
                    window[v.index(r, c)] = true;
                }
            }
            boolean written = outputs.contains(e.getKey());
            for (int i = 0; i < old.length; i++) {
                if (Float.floatToRawIntBits(old[i]) == Float.floatToRawIntBits(v.data()[i])) {
                    continue;
                }
                if (window[i] && written) {
                    continue;
                }
                if (window[i]) {
                    int r = (i - v.offset()) / Math.max(v.stride(), 1);
                    fail(op + " modified its input '" + e.getKey() + "' " + v + " at element (" + r + ", "
                            + (i - v.offset() - r * v.stride()) + "): was " + old[i] + ", now " + v.data()[i]
                            + "; inputs must not be modified");
                }
                fail(op + " wrote buffer element " + i + " outside the window of '" + e.getKey() + "' " + v
                        + ": was " + (Float.isNaN(old[i]) ? "NaN (the fill around windows)" : old[i]) + ", now "
                        + v.data()[i] + "; a view's offset and stride must be honoured");
            }
        }
    }
}
