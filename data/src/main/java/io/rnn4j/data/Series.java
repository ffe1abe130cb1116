package io.rnn4j.data;

import java.util.List;

/**
 * The target columns of a time-series file in original units, which the windows of a split index
 * into (an {@link Example#origin()} is the row of the window's first target). Used by baselines such
 * as {@link SeasonalNaive}.
 */
public final class Series {
    private final List<String> targets;
    private final float[][] columns;
    private final List<String> times;

    /** The series of {@code targets}; {@code columns[k][row]} is target {@code k} at {@code row}. */
    public Series(List<String> targets, float[][] columns) {
        this(targets, columns, List.of());
    }

    /** The series of {@code targets} with the {@code time} column's value of each row (empty if none). */
    public Series(List<String> targets, float[][] columns, List<String> times) {
        this.times = List.copyOf(times);
        if (targets.size() != columns.length) {
            throw new IllegalArgumentException(targets.size() + " target names for " + columns.length + " columns");
        }
        this.targets = List.copyOf(targets);
        this.columns = new float[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            this.columns[k] = columns[k].clone();
            if (columns[k].length != columns[0].length) {
                throw new IllegalArgumentException("target columns differ in length");
            }
        }
    }

    /** The {@code time} column's value of each row as written; empty without a time column. */
    public List<String> times() {
        return times;
    }

    /** The target names. */
    public List<String> targets() {
        return targets;
    }

    /** Number of rows. */
    public int rows() {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    /** Target {@code k} at {@code row}, in original units. */
    public float value(int k, int row) {
        return columns[k][row];
    }

    /** A copy of target {@code k}'s column. */
    public float[] column(int k) {
        return columns[k].clone();
    }
}
