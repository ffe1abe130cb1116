package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import io.rnn4j.core.loss.DistributionLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A forecaster judged on the windows of one split, every figure in original units: the point forecast's
 * RMSE, MAE, MASE and sMAPE, overall and by horizon step, next to the naive and seasonal-naive forecasts
 * from the same origins; for a probabilistic model the interval's coverage and mean width and the mean
 * pinball loss over its reported quantile levels; and what a plot on the time axis needs.
 *
 * @param split          the split
 * @param windows        windows scored
 * @param model          the model's point forecast, all horizon steps together (step 0)
 * @param naive          the naive (last value) forecast from the same origins
 * @param seasonal       the seasonal-naive forecast from the same origins
 * @param season         the season length of {@code seasonal} and of MASE
 * @param byStep         the model's errors by horizon step 1 .. horizon
 * @param naiveByStep    the naive forecast's errors by step
 * @param seasonalByStep the seasonal-naive forecast's errors by step
 * @param interval       the probabilistic figures, if the model forecasts a distribution or quantiles
 * @param plot           per target: the actual values and the one-step-ahead forecasts over the split's rows
 * @param byOrigin       each window's errors (all its horizon steps and targets), in the order scored
 */
public record ForecastEvaluation(Split split, int windows, HorizonErrors.Step model, HorizonErrors.Step naive,
        HorizonErrors.Step seasonal, int season, List<HorizonErrors.Step> byStep, List<HorizonErrors.Step> naiveByStep,
        List<HorizonErrors.Step> seasonalByStep, Optional<Interval> interval, List<Track> plot, List<Origin> byOrigin) {

    /**
     * The errors of the forecasts from one origin (a backtest's fold), over all its horizon steps and targets,
     * MASE with the evaluation's scale.
     *
     * @param row      the origin: the row of the window's first target in the split's series
     * @param time     that row's time value (or its number)
     * @param model    the model's errors
     * @param naive    the naive forecast's
     * @param seasonal the seasonal-naive forecast's
     */
    public record Origin(int row, String time, HorizonErrors.Step model, HorizonErrors.Step naive,
            HorizonErrors.Step seasonal) {
    }

    /**
     * The figures of a probabilistic forecast.
     *
     * @param level       the central interval's nominal coverage (0.8 for the 10 % and 90 % quantiles)
     * @param coverage    share of actual values inside the interval
     * @param width       the interval's mean width
     * @param meanPinball the mean pinball loss over {@code levels}
     * @param levels      the quantile levels reported
     */
    public record Interval(double level, double coverage, double width, double meanPinball, double[] levels) {
    }

    /**
     * One target over the rows of a split, for a plot on the time axis: the forecast of each row is the one
     * made one step before it (the window whose first target is that row).
     *
     * @param target the target's name
     * @param times  the rows' time values (or row numbers)
     * @param actual the actual values
     * @param point  the one-step-ahead forecasts
     * @param lower  the interval's lower bounds (empty for a point forecast)
     * @param upper  the interval's upper bounds (empty for a point forecast)
     */
    public record Track(String target, List<String> times, double[] actual, double[] point, double[] lower,
            double[] upper) {
    }

    /**
     * Scores {@code model} on {@code split} of {@code data}.
     *
     * @param model        the model's raw (normalized) output rows for a list of windows, in order
     * @param distribution how to read quantiles from the output, for a probabilistic model
     * @param season       the seasonal-naive baseline's season length (at least 1)
     * @param times        the time value of each row of the split's series, or empty to number the rows
     */
    public static ForecastEvaluation of(TimeSeriesDataset data, Split split, Function<List<Example>, List<float[]>> model,
            Optional<DistributionLoss> distribution, int season, List<String> times) {
        return of(data, split, data.split(split), model, distribution, season, times);
    }

    /**
     * Scores {@code model} on some {@code windows} of {@code split} (the origins of a {@link Backtest}); see
     * {@link #of(TimeSeriesDataset, Split, Function, Optional, int, List)}.
     */
    public static ForecastEvaluation of(TimeSeriesDataset data, Split split, List<Example> windows,
            Function<List<Example>, List<float[]>> model, Optional<DistributionLoss> distribution, int season,
            List<String> times) {
        return of(data, split, windows, model, (e, v) -> data.toOriginalUnits(split, e, v), distribution, season, times);
    }

    /**
     * How a model's normalized output for a window becomes original units: by default the data set's own
     * inverse ({@link TimeSeriesDataset#toOriginalUnits(Split, Example, float[])}); a backtest that refits
     * at each origin inverts each origin's forecast with the normalization fitted at that origin.
     */
    @FunctionalInterface
    public interface Inverse {
        /** {@code normalized} (a point forecast or a quantile, step-major) for {@code window} in original units. */
        float[] toOriginalUnits(Example window, float[] normalized);
    }

    /**
     * Scores {@code model} on some {@code windows} of {@code split}, its outputs inverted by {@code inverse};
     * see {@link #of(TimeSeriesDataset, Split, Function, Optional, int, List)}.
     */
    public static ForecastEvaluation of(TimeSeriesDataset data, Split split, List<Example> windows,
            Function<List<Example>, List<float[]>> model, Inverse inverse, Optional<DistributionLoss> distribution,
            int season, List<String> times) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("the " + split.name().toLowerCase(java.util.Locale.ROOT) + " split has no windows");
        }
        Series s = data.series(split);
        int horizon = data.horizon();
        int k = data.targets().size();
        List<float[]> out = model.apply(windows);
        HorizonErrors m = new HorizonErrors(horizon);
        HorizonErrors nv = new HorizonErrors(horizon);
        HorizonErrors sn = new HorizonErrors(horizon);
        double[] levels = distribution.map(DistributionLoss::reportedLevels).orElse(new double[0]);
        List<float[]> actualAll = new ArrayList<>();
        List<float[]> pointAll = new ArrayList<>();
        List<float[][]> quantAll = new ArrayList<>();
        int rows = s.rows();
        double[][] trackActual = new double[k][rows];
        double[][] trackPoint = new double[k][rows];
        double[][] trackLo = new double[k][levels.length > 0 ? rows : 0];
        double[][] trackHi = new double[k][levels.length > 0 ? rows : 0];
        for (double[] a : trackPoint) {
            Arrays.fill(a, Double.NaN);
        }
        for (int j = 0; j < k; j++) {
            Arrays.fill(trackLo[j], Double.NaN);
            Arrays.fill(trackHi[j], Double.NaN);
            for (int r = 0; r < rows; r++) {
                trackActual[j][r] = s.value(j, r);
            }
        }
        int firstOrigin = Integer.MAX_VALUE;
        List<HorizonErrors[]> perOrigin = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            Example e = windows.get(w);
            float[] raw = out.get(w);
            float[] point = inverse.toOriginalUnits(e, distribution.map(d -> pointOf(d, raw)).orElse(raw));
            float[] actual = data.originalTargets(split, e);
            float[] naiveForecast = baseline(s, e.origin(), horizon, 1);
            float[] seasonalForecast = baseline(s, e.origin(), horizon, Math.min(season, e.origin()));
            m.add(point, actual);
            nv.add(naiveForecast, actual);
            sn.add(seasonalForecast, actual);
            HorizonErrors[] one = {new HorizonErrors(horizon), new HorizonErrors(horizon), new HorizonErrors(horizon)};
            one[0].add(point, actual);
            one[1].add(naiveForecast, actual);
            one[2].add(seasonalForecast, actual);
            perOrigin.add(one);
            actualAll.add(actual);
            pointAll.add(point);
            float[][] q = new float[levels.length][];
            for (int l = 0; l < levels.length; l++) {
                q[l] = inverse.toOriginalUnits(e, stepMajor(distribution.get(), raw, levels[l], k));
            }
            quantAll.add(q);
            firstOrigin = Math.min(firstOrigin, e.origin());
            for (int j = 0; j < k; j++) {
                trackPoint[j][e.origin()] = point[j];
                if (levels.length > 0) {
                    trackLo[j][e.origin()] = q[0][j];
                    trackHi[j][e.origin()] = q[levels.length - 1][j];
                }
            }
        }
        double scale = maseScale(s, firstOrigin, season);
        Optional<Interval> interval = Optional.empty();
        if (levels.length > 0) {
            float[] actual = flatten(actualAll);
            float[][] q = new float[levels.length][];
            for (int l = 0; l < levels.length; l++) {
                List<float[]> one = new ArrayList<>();
                for (float[][] x : quantAll) {
                    one.add(x[l]);
                }
                q[l] = flatten(one);
            }
            interval = Optional.of(new Interval(levels[levels.length - 1] - levels[0],
                    ForecastMetrics.coverage(q[0], q[levels.length - 1], actual),
                    ForecastMetrics.meanWidth(q[0], q[levels.length - 1]), ForecastMetrics.meanPinball(levels, q, actual),
                    levels));
        }
        List<Track> tracks = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            List<String> t = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                t.add(times.size() == rows ? times.get(r) : Integer.toString(r));
            }
            int from = Math.max(0, firstOrigin - 2 * horizon);
            tracks.add(new Track(data.targets().get(j), List.copyOf(t.subList(from, rows)),
                    Arrays.copyOfRange(trackActual[j], from, rows), Arrays.copyOfRange(trackPoint[j], from, rows),
                    levels.length > 0 ? Arrays.copyOfRange(trackLo[j], from, rows) : new double[0],
                    levels.length > 0 ? Arrays.copyOfRange(trackHi[j], from, rows) : new double[0]));
        }
        List<HorizonErrors.Step> ms = m.steps(scale);
        List<HorizonErrors.Step> ns = nv.steps(scale);
        List<HorizonErrors.Step> ss = sn.steps(scale);
        List<Origin> byOrigin = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            int row = windows.get(w).origin();
            HorizonErrors[] one = perOrigin.get(w);
            byOrigin.add(new Origin(row, times.size() == rows ? times.get(row) : Integer.toString(row),
                    one[0].steps(scale).get(horizon), one[1].steps(scale).get(horizon), one[2].steps(scale).get(horizon)));
        }
        return new ForecastEvaluation(split, windows.size(), ms.get(horizon), ns.get(horizon), ss.get(horizon), season,
                ms.subList(0, horizon), ns.subList(0, horizon), ss.subList(0, horizon), interval, tracks,
                List.copyOf(byOrigin));
    }

    /**
     * The model's point forecasts of {@code windows} of {@code split} and the actual values, in original units,
     * one row per window: the very values {@link #of} scores, for the trainer's validation metrics.
     *
     * @param raw the model's raw (normalized) output row of each window, in order
     */
    public static float[][][] pointsAndActuals(TimeSeriesDataset data, Split split, List<Example> windows, List<float[]> raw,
            Optional<DistributionLoss> distribution) {
        float[][] points = new float[windows.size()][];
        float[][] actual = new float[windows.size()][];
        for (int w = 0; w < windows.size(); w++) {
            Example e = windows.get(w);
            float[] r = raw.get(w);
            points[w] = data.toOriginalUnits(split, e, distribution.map(d -> pointOf(d, r)).orElse(r));
            actual[w] = data.originalTargets(split, e);
        }
        return new float[][][] {points, actual};
    }

    /** The point forecast of a raw output row, step-major. */
    public static float[] pointOf(DistributionLoss d, float[] raw) {
        return d.point(io.rnn4j.core.Tensor.of(raw, 1, raw.length)).toArray();
    }

    /** The quantile {@code level} of a raw output row. */
    public static float[] stepMajor(DistributionLoss d, float[] raw, double level, int k) {
        return d.quantile(raw, level);
    }

    /** The seasonal-naive forecast (season 1: naive) from origin {@code t0}, step-major over the targets. */
    static float[] baseline(Series s, int t0, int horizon, int season) {
        int k = s.targets().size();
        float[] out = new float[horizon * k];
        for (int j = 0; j < k; j++) {
            float[] hist = Arrays.copyOf(s.column(j), t0);
            float[] f = new SeasonalNaive(Math.max(1, season)).forecast(hist, horizon);
            for (int h = 0; h < horizon; h++) {
                out[h * k + j] = f[h];
            }
        }
        return out;
    }

    /** The MASE scale from the rows before the first scored window (the in-sample history), all targets pooled. */
    static double maseScale(Series s, int firstOrigin, int season) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < s.targets().size(); j++) {
            float[] c = Arrays.copyOf(s.column(j), firstOrigin);
            if (c.length > season) {
                sum += ForecastMetrics.maseScale(c, season) * (c.length - season);
                n += c.length - season;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static float[] flatten(List<float[]> rows) {
        int n = rows.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int i = 0;
        for (float[] a : rows) {
            System.arraycopy(a, 0, out, i, a.length);
            i += a.length;
        }
        return out;
    }
}
