package io.rnn4j.data;

import java.util.Arrays;
import java.util.List;

/**
 * Chained differencing at one or more lags, {@code difference: [1, 12]}: the series is differenced
 * at the first lag, the result at the second, and so on ({@code (1 - B^12)(1 - B) u}, the "airline"
 * differencing of monthly data). The order does not change the result; {@link #span()} rows at the
 * start have no differenced value.
 *
 * <p>{@link #invert} undoes it exactly for a forecast: given the (transformed) series up to the row
 * before the forecast and the forecast's differenced values, it rebuilds every stage from the last one
 * back, each value as the stage below plus its own value one lag earlier, taken from the history before
 * the forecast and from the already rebuilt forecast after it.
 *
 * @param lags the lags in order, each at least 1; empty for no differencing
 */
public record Differencing(List<Integer> lags) {

    /** Validates and copies. */
    public Differencing {
        lags = List.copyOf(lags);
        for (int l : lags) {
            if (l < 1) {
                throw new IllegalArgumentException("a differencing lag is at least 1, got " + lags);
            }
        }
    }

    /** No differencing. */
    public static Differencing none() {
        return new Differencing(List.of());
    }

    /** Differencing at {@code lags}, in order. */
    public static Differencing of(int... lags) {
        return new Differencing(Arrays.stream(lags).boxed().toList());
    }

    /** Whether there is any lag. */
    public boolean isEmpty() {
        return lags.isEmpty();
    }

    /** Rows at the start without a differenced value: the sum of the lags. */
    public int span() {
        return lags.stream().mapToInt(Integer::intValue).sum();
    }

    /** The differenced series: NaN in the first {@link #span()} rows. */
    public double[] apply(double[] u) {
        double[] s = u.clone();
        int start = 0;
        for (int lag : lags) {
            double[] d = new double[s.length];
            for (int r = 0; r < s.length; r++) {
                d[r] = r < start + lag ? Double.NaN : s[r] - s[r - lag];
            }
            s = d;
            start += lag;
        }
        return s;
    }

    /**
     * The series values at rows {@code t0 .. t0 + diffs.length - 1} whose differenced values are
     * {@code diffs}, given the series {@code history} (read at rows {@code t0 - span() .. t0 - 1} only;
     * later rows, if any, are ignored).
     *
     * @throws IllegalArgumentException if {@code t0 < span()} or {@code history} ends before {@code t0}
     */
    public double[] invert(double[] history, int t0, double[] diffs) {
        int span = span();
        if (t0 < span || history.length < t0) {
            throw new IllegalArgumentException("a forecast from row " + t0 + " needs the " + span + " rows before it; "
                    + "the history has " + history.length + " rows");
        }
        if (lags.isEmpty()) {
            return diffs.clone();
        }
        int h = diffs.length;
        // stages[k] over rows t0 - span .. t0 + h - 1: stage 0 the series, stage k differenced k times
        int base = t0 - span;
        int len = span + h;
        double[][] stages = new double[lags.size() + 1][len];
        for (int r = 0; r < span; r++) {
            stages[0][r] = history[base + r];
        }
        int start = 0;
        for (int k = 0; k < lags.size(); k++) {
            int lag = lags.get(k);
            start += lag;
            for (int r = 0; r < span; r++) {
                stages[k + 1][r] = r < start ? Double.NaN : stages[k][r] - stages[k][r - lag];
            }
        }
        for (int r = span; r < len; r++) {
            stages[lags.size()][r] = diffs[r - span];
            for (int k = lags.size() - 1; k >= 0; k--) {
                stages[k][r] = stages[k + 1][r] + stages[k][r - lags.get(k)];
            }
        }
        return Arrays.copyOfRange(stages[0], span, len);
    }

    /** {@code [1, 12]}, or {@code 0} for none, as YAML would write it. */
    @Override
    public String toString() {
        return lags.isEmpty() ? "0" : lags.size() == 1 ? lags.get(0).toString() : lags.toString();
    }
}
