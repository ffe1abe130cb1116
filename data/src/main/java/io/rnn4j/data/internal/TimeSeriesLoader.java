package io.rnn4j.data.internal;

import io.rnn4j.data.ColumnStats;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.Normalization;
import io.rnn4j.data.Series;
import io.rnn4j.data.SeriesTransform;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.TimeSeriesSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@code type: time_series}: sliding windows over a CSV file, transformed and differenced as the
 * spec asks, normalized on the training rows.
 */
public final class TimeSeriesLoader {
    private TimeSeriesLoader() {
    }

    /**
     * The numeric columns of one file: {@code values[c][row]} for {@code names.get(c)} in original
     * units, and {@code prepared[c][row]} the same after the transform and differencing (NaN in the
     * first {@code lag} rows, which have no differenced value); {@code times} the cells of the
     * {@code time} column as written (empty without one).
     */
    private record Table(Path file, List<String> names, double[][] values, double[][] prepared, List<String> times) {
        int rows() {
            return values[0].length;
        }

        double[] column(String name) {
            return values[names.indexOf(name)];
        }

        double[] prepared(String name) {
            return prepared[names.indexOf(name)];
        }
    }

    /** Loads, transforms, differences, normalizes and windows. */
    public static TimeSeriesDataset load(TimeSeriesSpec spec) {
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(concat(spec.features(), spec.targets())));
        int lag = spec.difference();
        Table train = table(spec.splits().train(), "train", spec, columns);
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        int[] counts = Parts.counts(train.rows(), spec.splits(), "row");
        int trainRows = counts[0];
        int valEnd = trainRows + counts[1];
        if (lag >= trainRows) {
            throw Problem.of(DataErrors.INVALID_OPTION, "differencing lag too large").file(train.file())
                    .found("`difference: " + lag + "` and " + plural(trainRows, "training row"))
                    .expected("a lag smaller than the number of training rows; a training window needs lag + lookback + horizon = "
                            + (lag + spec.lookback() + spec.horizon()) + " rows")
                    .fix("lower `difference` (1 for first differences, the season length such as 12 for seasonal "
                            + "differences), or use a longer series.").error();
        }

        List<ColumnStats> stats = new ArrayList<>();
        for (String c : columns) {
            // the first `lag` rows have no differenced value
            stats.add(ColumnStats.fit(c, spec.normalize(), Arrays.copyOfRange(train.prepared(c), lag, trainRows)));
        }
        Normalization norm = new Normalization(stats);

        Map<Split, Series> series = new EnumMap<>(Split.class);
        Series trainSeries = series(train, spec);
        series.put(Split.TRAIN, trainSeries);
        int first = lag + spec.lookback();
        List<Example> trainWindows = windows(train, spec, norm, first, trainRows, "training row", true);
        List<Example> val;
        if (valPath != null) {
            Table t = table(valPath, "validation", spec, columns);
            val = windows(t, spec, norm, first, t.rows(), "row", true);
            series.put(Split.VALIDATION, series(t, spec));
        } else {
            val = windows(train, spec, norm, Math.max(first, trainRows), valEnd, "validation row", counts[1] > 0);
            series.put(Split.VALIDATION, trainSeries);
        }
        List<Example> test;
        Table last = train; // the file whose end forecasts continue: the one the test split's series comes from
        if (testPath != null) {
            Table t = table(testPath, "test", spec, columns);
            test = windows(t, spec, norm, first, t.rows(), "row", true);
            series.put(Split.TEST, series(t, spec));
            last = t;
        } else {
            test = windows(train, spec, norm, Math.max(first, valEnd), train.rows(), "test row", counts[2] > 0);
            series.put(Split.TEST, trainSeries);
        }
        DataSchema schema = new DataSchema(InputKind.FEATURES, spec.features().size(), TargetKind.VALUES,
                spec.horizon() * spec.targets().size(), spec.features(), spec.targets(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(norm));
        Map<String, double[]> lastColumns = new LinkedHashMap<>();
        for (String c : columns) {
            lastColumns.put(c, last.column(c));
        }
        return new TimeSeriesDataset(Dataset.of(spec.type(), trainWindows, val, test, schema), series, norm, spec.horizon(),
                spec.transform(), lag, spec.lookback(), lastColumns, last.times());
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static Table table(Path file, String option, TimeSeriesSpec spec, List<String> columns) {
        CsvTable t = CsvTable.read(file, option);
        List<String> times = new ArrayList<>();
        if (spec.time().isPresent()) {
            int timeColumn = t.column(spec.time().get(), "time");
            for (int r = 0; r < t.rows(); r++) {
                times.add(t.cell(r, timeColumn).strip());
            }
        }
        int[] idx = new int[columns.size()];
        String[] keys = new String[columns.size()];
        for (int c = 0; c < idx.length; c++) {
            keys[c] = spec.targets().contains(columns.get(c)) ? "targets" : "features";
            idx[c] = t.column(columns.get(c), keys[c]);
        }
        SeriesTransform transform = spec.transform();
        double[][] v = new double[columns.size()][t.rows()];
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < idx.length; c++) {
                v[c][r] = t.number(r, idx[c], keys[c]);
                if (transform == SeriesTransform.LOG && !(v[c][r] > 0)) {
                    throw Problem.of(DataErrors.BAD_NUMBER, "value not allowed by `transform: log`").file(file)
                            .line(t.line(r)).column(idx[c] + 1, columns.get(c))
                            .found(Problem.quote(t.cell(r, idx[c]).strip()) + ", which is not greater than 0 (its logarithm is undefined)")
                            .expected("values greater than 0 in every `features` and `targets` column")
                            .fix("use `transform: none`, correct the cell, or shift the column so that every value is positive "
                                    + "(for counts with zeros, add 1 to every value).").error();
                }
            }
        }
        if (t.rows() == 0) {
            throw Problem.of(DataErrors.EMPTY, "no rows").file(file).found("a header row and no data rows")
                    .expected("one row per time step").fix("check that `" + option + "` names the right file.").error();
        }
        return new Table(file, columns, v, prepare(v, transform, spec.difference()), List.copyOf(times));
    }

    /** The transform, then differencing at {@code lag} (0: none); NaN where no differenced value exists. */
    private static double[][] prepare(double[][] values, SeriesTransform transform, int lag) {
        double[][] out = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            double[] u = new double[values[c].length];
            for (int r = 0; r < u.length; r++) {
                u[r] = transform.apply(values[c][r]);
            }
            if (lag == 0) {
                out[c] = u;
                continue;
            }
            double[] d = new double[u.length];
            for (int r = 0; r < u.length; r++) {
                d[r] = r < lag ? Double.NaN : u[r] - u[r - lag];
            }
            out[c] = d;
        }
        return out;
    }

    private static Series series(Table t, TimeSeriesSpec spec) {
        float[][] cols = new float[spec.targets().size()][];
        for (int k = 0; k < cols.length; k++) {
            double[] d = t.column(spec.targets().get(k));
            cols[k] = new float[d.length];
            for (int r = 0; r < d.length; r++) {
                cols[k][r] = (float) d[r];
            }
        }
        return new Series(spec.targets(), cols);
    }

    /**
     * Windows whose first target row {@code t0} runs from {@code firstTarget} by {@code stride} while
     * {@code t0 + horizon <= end}; inputs are the {@code lookback} rows before {@code t0}. All values
     * are the prepared (transformed, differenced) ones, normalized; {@code firstTarget} is at least
     * {@code lag + lookback}, so every row used has a differenced value.
     */
    private static List<Example> windows(Table t, TimeSeriesSpec spec, Normalization norm, int firstTarget, int end,
                                         String part, boolean required) {
        if (!required) {
            return List.of();
        }
        int lookback = spec.lookback();
        int horizon = spec.horizon();
        int lag = spec.difference();
        List<String> features = spec.features();
        List<String> targets = spec.targets();
        List<Example> out = new ArrayList<>();
        for (int t0 = firstTarget; t0 + horizon <= end; t0 += spec.stride()) {
            float[] x = new float[lookback * features.size()];
            for (int s = 0; s < lookback; s++) {
                for (int f = 0; f < features.size(); f++) {
                    x[s * features.size() + f] = norm.apply(features.get(f), t.prepared(features.get(f))[t0 - lookback + s]);
                }
            }
            float[] y = new float[horizon * targets.size()];
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < targets.size(); k++) {
                    y[h * targets.size() + k] = norm.apply(targets.get(k), t.prepared(targets.get(k))[t0 + h]);
                }
            }
            out.add(new Example(new Input.Features(x, lookback, features.size()), new Target.Values(y), t0));
        }
        if (out.isEmpty()) {
            boolean holdout = firstTarget > lag + lookback; // a fraction part: its inputs may reach back before it
            int have = holdout ? end - firstTarget : end;
            int need = holdout ? horizon : lag + lookback + horizon;
            throw Problem.of(DataErrors.TOO_SHORT, "series too short").file(t.file())
                    .found(plural(Math.max(0, have), part))
                    .expected("at least " + plural(need, part) + (holdout ? " (horizon " + horizon + ")"
                            : " (" + (lag > 0 ? "difference " + lag + " + " : "") + "lookback " + lookback + " + horizon "
                            + horizon + ")") + " for one window")
                    .fix("lower " + (lag > 0 ? "`difference`, " : "") + "`lookback` or `horizon`, change the "
                            + "`validation`/`test` fractions, or use a longer series.").error();
        }
        return out;
    }
}
