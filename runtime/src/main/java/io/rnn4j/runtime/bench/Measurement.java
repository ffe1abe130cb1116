package io.rnn4j.runtime.bench;

import java.util.Arrays;

/**
 * Repeated timings of one workload on one engine.
 *
 * @param workload the workload
 * @param engine   what ran it ({@code rnn4j/vector}, {@code onnxruntime}, {@code pytorch 2.x})
 * @param values   the figure of each timed repetition, in the workload's unit
 */
public record Measurement(Workload workload, String engine, double[] values) {

    /** Copies. */
    public Measurement {
        values = values.clone();
    }

    /** The median of the repetitions. */
    public double median() {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The smallest figure. */
    public double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** The largest figure. */
    public double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** How many times better this is than {@code other} (>1: this is faster). */
    public double ratioTo(Measurement other) {
        return workload.higherIsBetter() ? median() / other.median() : other.median() / median();
    }
}
