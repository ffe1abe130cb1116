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
import io.rnn4j.data.Split;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.TimeSeriesSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads {@code type: time_series}: sliding windows over a CSV file, normalized on the training rows. */
public final class TimeSeriesLoader {
    private TimeSeriesLoader() {
    }

    /** The numeric columns of one file: {@code values[c][row]} for {@code names.get(c)}. */
    private record Table(Path file, List<String> names, double[][] values) {
        int rows() {
            return values[0].length;
        }

        double[] column(String name) {
            return values[names.indexOf(name)];
        }
    }

    /** Loads, normalizes and windows. */
    public static TimeSeriesDataset load(TimeSeriesSpec spec) {
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(concat(spec.features(), spec.targets())));
        Table train = table(spec.splits().train(), "train", spec, columns);
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        int[] counts = Parts.counts(train.rows(), spec.splits(), "row");
        int trainRows = counts[0];
        int valEnd = trainRows + counts[1];

        List<ColumnStats> stats = new ArrayList<>();
        for (String c : columns) {
            stats.add(ColumnStats.fit(c, spec.normalize(), Arrays.copyOf(train.column(c), trainRows)));
        }
        Normalization norm = new Normalization(stats);

        Map<Split, Series> series = new EnumMap<>(Split.class);
        series.put(Split.TRAIN, series(train, spec));
        List<Example> trainWindows = windows(train, spec, norm, spec.lookback(), trainRows, "training row", true);
        List<Example> val;
        if (valPath != null) {
            Table t = table(valPath, "validation", spec, columns);
            val = windows(t, spec, norm, spec.lookback(), t.rows(), "row", true);
            series.put(Split.VALIDATION, series(t, spec));
        } else {
            val = windows(train, spec, norm, Math.max(spec.lookback(), trainRows), valEnd, "validation row", counts[1] > 0);
            series.put(Split.VALIDATION, series(train, spec));
        }
        List<Example> test;
        if (testPath != null) {
            Table t = table(testPath, "test", spec, columns);
            test = windows(t, spec, norm, spec.lookback(), t.rows(), "row", true);
            series.put(Split.TEST, series(t, spec));
        } else {
            test = windows(train, spec, norm, Math.max(spec.lookback(), valEnd), train.rows(), "test row", counts[2] > 0);
            series.put(Split.TEST, series(train, spec));
        }
        DataSchema schema = new DataSchema(InputKind.FEATURES, spec.features().size(), TargetKind.VALUES,
                spec.horizon() * spec.targets().size(), spec.features(), spec.targets(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(norm));
        return new TimeSeriesDataset(Dataset.of(spec.type(), trainWindows, val, test, schema), series, norm, spec.horizon());
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
        spec.time().ifPresent(time -> t.column(time, "time"));
        int[] idx = new int[columns.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = t.column(columns.get(c), spec.targets().contains(columns.get(c)) ? "targets" : "features");
        }
        double[][] v = new double[columns.size()][t.rows()];
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < idx.length; c++) {
                v[c][r] = t.number(r, idx[c], spec.targets().contains(columns.get(c)) ? "targets" : "features");
            }
        }
        if (t.rows() == 0) {
            throw Problem.of(DataErrors.EMPTY, "no rows").file(file).found("a header row and no data rows")
                    .expected("one row per time step").fix("check that `" + option + "` names the right file.").error();
        }
        return new Table(file, columns, v);
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
     * {@code t0 + horizon <= end}; inputs are the {@code lookback} rows before {@code t0}.
     */
    private static List<Example> windows(Table t, TimeSeriesSpec spec, Normalization norm, int firstTarget, int end,
                                         String part, boolean required) {
        if (!required) {
            return List.of();
        }
        int lookback = spec.lookback();
        int horizon = spec.horizon();
        List<String> features = spec.features();
        List<String> targets = spec.targets();
        List<Example> out = new ArrayList<>();
        for (int t0 = firstTarget; t0 + horizon <= end; t0 += spec.stride()) {
            float[] x = new float[lookback * features.size()];
            for (int s = 0; s < lookback; s++) {
                for (int f = 0; f < features.size(); f++) {
                    x[s * features.size() + f] = norm.apply(features.get(f), t.column(features.get(f))[t0 - lookback + s]);
                }
            }
            float[] y = new float[horizon * targets.size()];
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < targets.size(); k++) {
                    y[h * targets.size() + k] = norm.apply(targets.get(k), t.column(targets.get(k))[t0 + h]);
                }
            }
            out.add(new Example(new Input.Features(x, lookback, features.size()), new Target.Values(y), t0));
        }
        if (out.isEmpty()) {
            boolean holdout = firstTarget > lookback; // a fraction part: its inputs may reach back before it
            int have = holdout ? end - firstTarget : end;
            int need = holdout ? horizon : lookback + horizon;
            throw Problem.of(DataErrors.TOO_SHORT, "series too short").file(t.file())
                    .found(plural(Math.max(0, have), part))
                    .expected("at least " + plural(need, part) + (holdout ? " (horizon " + horizon + ")"
                            : " (lookback " + lookback + " + horizon " + horizon + ")") + " for one window")
                    .fix("lower `lookback` or `horizon`, change the `validation`/`test` fractions, or use a longer series.").error();
        }
        return out;
    }
}
