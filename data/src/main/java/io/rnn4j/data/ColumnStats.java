package io.rnn4j.data;

import java.util.Objects;

/**
 * The fitted scaling of one numeric column: {@code normalized = (x - center) / scale}.
 *
 * @param column the column's name
 * @param method how {@code center} and {@code scale} were fitted
 * @param center the mean (z-score), the minimum (min-max) or 0 (none)
 * @param scale  the standard deviation (z-score), the range (min-max) or 1 (none); never 0
 */
public record ColumnStats(String column, NormalizeMethod method, double center, double scale) {

    /** Validates. */
    public ColumnStats {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(method, "method");
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("column " + column + ": scale must be finite and > 0 and center finite, got center="
                    + center + ", scale=" + scale);
        }
    }

    /** Fits the statistics of {@code values} (the training part of the column). */
    public static ColumnStats fit(String column, NormalizeMethod method, double[] values) {
        if (method == NormalizeMethod.NONE || values.length == 0) {
            return new ColumnStats(column, method, 0, 1);
        }
        if (method == NormalizeMethod.MINMAX) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new ColumnStats(column, method, min, max > min ? max - min : 1);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sq / values.length);
        return new ColumnStats(column, method, mean, std > 0 ? std : 1);
    }

    /** The normalized value of {@code x}. */
    public double apply(double x) {
        return (x - center) / scale;
    }

    /** The original value of a normalized {@code z}. */
    public double invert(double z) {
        return z * scale + center;
    }
}
