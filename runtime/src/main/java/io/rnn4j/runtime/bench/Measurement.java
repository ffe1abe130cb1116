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

    /** Rounds of one engine that differ by more than this factor had a slow mode in some of its processes. */
    public static final double SLOW_MODE_SPREAD = 1.5;

    /**
     * When another engine's rounds differ by more than {@link #SLOW_MODE_SPREAD} (PyTorch's W5 has a slow mode
     * in some fresh processes, about 7,000 instead of 42,000 tokens/s), the ratio of this to its fastest round:
     * a target must then be judged against that, not against a median that may be a slow round. NaN when the
     * rounds agree.
     */
    public double ratioToFastestIfSlowMode(java.util.List<Measurement> rounds) {
        double fastest = Double.MAX_VALUE;
        double slowest = 0;
        for (Measurement round : rounds) {
            double q = ratioTo(round);
            fastest = Math.min(fastest, q);
            slowest = Math.max(slowest, q);
        }
        return rounds.isEmpty() || slowest <= SLOW_MODE_SPREAD * fastest ? Double.NaN : fastest;
    }
}
