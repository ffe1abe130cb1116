package io.rnn4j.data.internal;

import io.rnn4j.data.ColumnStats;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Differencing;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.Normalization;
import io.rnn4j.data.Series;
import io.rnn4j.data.SeriesFit;
import io.rnn4j.data.SeriesLayout;
import io.rnn4j.data.SeriesTransform;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.TimeSeriesSpec;
import io.rnn4j.data.ValueTransform;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code type: time_series}: sliding windows over a CSV file, transformed and differenced as the
 * spec asks, normalized on the training rows (or with a stored {@link SeriesFit}, refitting nothing).
 */
public final class TimeSeriesLoader {
    private TimeSeriesLoader() {
    }

    /**
     * The columns of one file: series columns (features and targets) and covariates in original units,
     * the series columns prepared (transformed, differenced; NaN before the differencing span), the
     * {@code time} column's cells as written and, with calendar features, their dates.
     */
    private record Table(Path file, Map<String, double[]> values, Map<String, double[]> prepared, List<String> times,
                         List<LocalDate> dates) implements SeriesLayout.Rows {
        int rows() {
            return values.values().iterator().next().length;
        }

        @Override
        public double prepared(String name, int row) {
            return prepared.get(name)[row];
        }

        @Override
        public double covariate(String name, int row) {
            return values.get(name)[row];
        }

        @Override
        public LocalDate date(int row) {
            return dates.get(row);
        }
    }

    /** Loads, fits the transforms and the normalization on the training part, and windows. */
    public static TimeSeriesDataset load(TimeSeriesSpec spec) {
        return load(spec, null);
    }

    /**
     * Loads and windows; with {@code fitted} (a trained model's transforms and normalization) nothing is
     * fitted, so every window is prepared exactly as when the model was trained.
     */
    public static TimeSeriesDataset load(TimeSeriesSpec spec, SeriesFit fitted) {
        return load(spec, fitted, -1);
    }

    /**
     * The first {@code rows} rows of the training file as a data set of their own, as if the file ended
     * there: transforms and normalization fitted anew on its training part, the validation fraction taken
     * from its end, no test split. What a model trained at a backtest origin ({@code backtest --refit}) sees:
     * nothing at or after row {@code rows}.
     *
     * @throws IllegalArgumentException if the validation or test split is a file of its own (the rows before
     *                                  an origin are then not one series)
     */
    public static TimeSeriesDataset loadUpTo(TimeSeriesSpec spec, int rows) {
        io.rnn4j.data.SplitSpec sp = spec.splits();
        if (sp.validation() instanceof io.rnn4j.data.Holdout.FromFile || sp.test() instanceof io.rnn4j.data.Holdout.FromFile) {
            throw new IllegalArgumentException("refitting at each origin needs the validation and test splits to be "
                    + "fractions of the training file (the rows before an origin are then one series); this experiment "
                    + "reads one of them from a file of its own");
        }
        TimeSeriesSpec upTo = new TimeSeriesSpec(new io.rnn4j.data.SplitSpec(sp.train(), sp.validation(),
                io.rnn4j.data.Holdout.none(), sp.seed()), spec.time(), spec.features(), spec.targets(), spec.lookback(),
                spec.horizon(), spec.stride(), spec.normalize(), spec.transform(), spec.boxCoxLambda(), spec.difference(),
                spec.pastCovariates(), spec.futureCovariates(), spec.calendar(), spec.holidays());
        return load(upTo, null, rows);
    }

    /**
     * One file read alone as the test split, prepared with a trained model's transforms, normalization and
     * holidays (all stored in its archive): the same windows, series and figures as {@link #load(TimeSeriesSpec,
     * SeriesFit)} gives for that file as the test split, with no other file read ({@code evaluate --data}
     * after the model was moved away from its training data).
     */
    public static TimeSeriesDataset loadTest(TimeSeriesSpec spec, SeriesFit fitted, Set<LocalDate> holidays, Path file) {
        List<String> series = union(spec.features(), spec.targets());
        List<String> covariates = union(spec.pastCovariates(), spec.futureCovariates());
        Differencing diff = spec.difference();
        Map<String, ValueTransform> transforms = new LinkedHashMap<>();
        for (String c : series) {
            ValueTransform t = fitted.transforms().get(c);
            if (t == null) {
                throw new IllegalArgumentException("the model stores no transform of column `" + c + "`");
            }
            transforms.put(c, t);
        }
        Normalization norm = fitted.normalization();
        SeriesLayout layout = new SeriesLayout(spec.features(), spec.targets(), spec.pastCovariates(),
                spec.futureCovariates(), spec.calendar(), holidays, transforms, diff, spec.lookback(), spec.horizon());
        Table t = prepare(raw(file, "test", spec, series, covariates), transforms, diff);
        List<Example> test = windows(t, spec, layout, norm, diff.span() + spec.lookback(), t.rows(), "row", true);
        Map<Split, Series> seriesBySplit = new EnumMap<>(Split.class);
        seriesBySplit.put(Split.TEST, targets(t, spec));
        DataSchema schema = new DataSchema(InputKind.FEATURES, layout.width(), TargetKind.VALUES,
                spec.horizon() * spec.targets().size(), layout.inputNames(), spec.targets(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(norm));
        return new TimeSeriesDataset(Dataset.of(spec.type(), List.of(), List.of(), test, schema), seriesBySplit, norm,
                layout, new LinkedHashMap<>(t.values), t.times());
    }

    private static TimeSeriesDataset load(TimeSeriesSpec spec, SeriesFit fitted, int rowLimit) {
        List<String> series = union(spec.features(), spec.targets());
        List<String> covariates = union(spec.pastCovariates(), spec.futureCovariates());
        Set<LocalDate> holidays = spec.holidays().map(TimeSeriesLoader::holidays).orElse(Set.of());
        Differencing diff = spec.difference();
        int span = diff.span();
        Raw train = raw(spec.splits().train(), "train", spec, series, covariates);
        if (rowLimit >= 0) {
            train = train.firstRows(rowLimit);
        }
        Path valPath = Parts.file(spec.splits().validation());
        Path testPath = Parts.file(spec.splits().test());
        int[] counts = Parts.counts(train.rows(), spec.splits(), "row");
        int trainRows = counts[0];
        int valEnd = trainRows + counts[1];
        if (span >= trainRows) {
            throw Problem.of(DataErrors.INVALID_OPTION, "differencing lag too large").file(train.file())
                    .found("`difference: " + diff + "` (" + span + " rows without a differenced value) and "
                            + plural(trainRows, "training row"))
                    .expected("lags adding up to fewer than the training rows; a training window needs the lags + lookback "
                            + "+ horizon = " + (span + spec.lookback() + spec.horizon()) + " rows")
                    .fix("lower `difference` (1 for first differences, the season length such as 12 for seasonal "
                            + "differences), or use a longer series.").error();
        }
        Map<String, ValueTransform> transforms = new LinkedHashMap<>();
        for (String c : series) {
            transforms.put(c, fitted != null && fitted.transforms().containsKey(c) ? fitted.transforms().get(c)
                    : ValueTransform.fit(spec.transform(), spec.boxCoxLambda(), Arrays.copyOf(train.values.get(c), trainRows)));
        }
        Table t0 = prepare(train, transforms, diff);
        Normalization norm;
        if (fitted != null) {
            norm = fitted.normalization();
        } else {
            List<ColumnStats> stats = new ArrayList<>();
            for (String c : series) {
                // the first `span` rows have no differenced value
                stats.add(ColumnStats.fit(c, spec.normalize(), Arrays.copyOfRange(t0.prepared.get(c), span, trainRows)));
            }
            for (String c : covariates) {
                stats.add(ColumnStats.fit(c, spec.normalize(), Arrays.copyOf(t0.values.get(c), trainRows)));
            }
            norm = new Normalization(stats);
        }
        SeriesLayout layout = new SeriesLayout(spec.features(), spec.targets(), spec.pastCovariates(),
                spec.futureCovariates(), spec.calendar(), holidays, transforms, diff, spec.lookback(), spec.horizon());

        Map<Split, Series> seriesBySplit = new EnumMap<>(Split.class);
        Series trainSeries = targets(t0, spec);
        seriesBySplit.put(Split.TRAIN, trainSeries);
        int first = span + spec.lookback();
        List<Example> trainWindows = windows(t0, spec, layout, norm, first, trainRows, "training row", true);
        List<Example> val;
        if (valPath != null) {
            Table t = prepare(raw(valPath, "validation", spec, series, covariates), transforms, diff);
            val = windows(t, spec, layout, norm, first, t.rows(), "row", true);
            seriesBySplit.put(Split.VALIDATION, targets(t, spec));
        } else {
            val = windows(t0, spec, layout, norm, Math.max(first, trainRows), valEnd, "validation row", counts[1] > 0);
            seriesBySplit.put(Split.VALIDATION, trainSeries);
        }
        List<Example> test;
        Table last = t0; // the file whose end forecasts continue: the one the test split's series comes from
        if (testPath != null) {
            Table t = prepare(raw(testPath, "test", spec, series, covariates), transforms, diff);
            test = windows(t, spec, layout, norm, first, t.rows(), "row", true);
            seriesBySplit.put(Split.TEST, targets(t, spec));
            last = t;
        } else {
            test = windows(t0, spec, layout, norm, Math.max(first, valEnd), t0.rows(), "test row", counts[2] > 0);
            seriesBySplit.put(Split.TEST, trainSeries);
        }
        DataSchema schema = new DataSchema(InputKind.FEATURES, layout.width(), TargetKind.VALUES,
                spec.horizon() * spec.targets().size(), layout.inputNames(), spec.targets(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(norm));
        Map<String, double[]> lastColumns = new LinkedHashMap<>(last.values);
        return new TimeSeriesDataset(Dataset.of(spec.type(), trainWindows, val, test, schema), seriesBySplit, norm, layout,
                lastColumns, last.times());
    }

    /** One file's columns in original units, before any transform. */
    private record Raw(Path file, Map<String, double[]> values, List<String> times, List<LocalDate> dates) {
        int rows() {
            return values.values().iterator().next().length;
        }

        /** The first {@code n} rows (all of them if there are fewer). */
        Raw firstRows(int n) {
            int m = Math.min(n, rows());
            Map<String, double[]> v = new LinkedHashMap<>();
            values.forEach((k, a) -> v.put(k, Arrays.copyOf(a, m)));
            return new Raw(file, v, times.subList(0, Math.min(m, times.size())), dates.subList(0, Math.min(m, dates.size())));
        }
    }

    private static Raw raw(Path file, String option, TimeSeriesSpec spec, List<String> series, List<String> covariates) {
        CsvTable t = CsvTable.read(file, option);
        if (t.rows() == 0) {
            throw Problem.of(DataErrors.EMPTY, "no rows").file(file).found("a header row and no data rows")
                    .expected("one row per time step").fix("check that `" + option + "` names the right file.").error();
        }
        List<String> times = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        if (spec.time().isPresent()) {
            int timeColumn = t.column(spec.time().get(), "time");
            for (int r = 0; r < t.rows(); r++) {
                String cell = t.cell(r, timeColumn).strip();
                times.add(cell);
                if (!spec.calendar().isEmpty()) {
                    LocalDate d = Dates.parse(cell);
                    if (d == null) {
                        throw Problem.of(DataErrors.BAD_NUMBER, "not a date").file(file).line(t.line(r))
                                .column(timeColumn + 1, spec.time().get()).found(Problem.quote(cell))
                                .expected("a date such as 2016-08-28 or a month such as 2016-08 (calendar features are built "
                                        + "from the `time` column)")
                                .fix("write the dates as YYYY-MM-DD, or remove `calendar`.").error();
                    }
                    dates.add(d);
                }
            }
            TimeColumn.check(file, spec.time().get(), timeColumn, times, t::line);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        SeriesTransform transform = spec.transform();
        for (String c : union(series, covariates)) {
            boolean isSeries = series.contains(c);
            String key = spec.targets().contains(c) ? "targets" : spec.features().contains(c) ? "features"
                    : spec.pastCovariates().contains(c) ? "past_covariates" : "future_covariates";
            int col = t.column(c, key);
            double[] v = new double[t.rows()];
            for (int r = 0; r < t.rows(); r++) {
                v[r] = t.number(r, col, key);
                if (isSeries && !transform.accepts(v[r])) {
                    throw Problem.of(DataErrors.BAD_NUMBER, "value not allowed by `transform: " + transform.id() + "`")
                            .file(file).line(t.line(r)).column(col + 1, c)
                            .found(Problem.quote(t.cell(r, col).strip()) + ", which is not " + transform.domain())
                            .expected("values " + transform.domain() + " in every `features` and `targets` column under "
                                    + "`transform: " + transform.id() + "`")
                            .fix(fixFor(transform)).error();
                }
            }
            values.put(c, v);
        }
        return new Raw(file, values, List.copyOf(times), List.copyOf(dates));
    }

    private static String fixFor(SeriesTransform t) {
        return switch (t) {
            case LOG, BOX_COX -> "use `transform: log1p` (defined at 0) or `sqrt` for counts with zeros, `transform: none` for "
                    + "values that can be negative, or correct the cell.";
            case SQRT, LOG1P -> "use `transform: none` for values that can be negative, or correct the cell.";
            case NONE -> "correct the cell.";
        };
    }

    /** The transform of each series column, then the differencing. */
    private static Table prepare(Raw raw, Map<String, ValueTransform> transforms, Differencing diff) {
        Map<String, double[]> prepared = new LinkedHashMap<>();
        transforms.forEach((c, tr) -> {
            double[] v = raw.values().get(c);
            double[] u = new double[v.length];
            for (int r = 0; r < v.length; r++) {
                u[r] = tr.apply(v[r]);
            }
            prepared.put(c, diff.apply(u));
        });
        return new Table(raw.file(), raw.values(), prepared, raw.times(), raw.dates());
    }

    /** Dates from a holidays CSV: its {@code date} column, or its first. */
    private static Set<LocalDate> holidays(Path file) {
        CsvTable t = CsvTable.read(file, "holidays");
        int col = t.header().contains("date") ? t.header().indexOf("date") : 0;
        Set<LocalDate> out = new HashSet<>();
        for (int r = 0; r < t.rows(); r++) {
            String cell = t.cell(r, col).strip();
            LocalDate d = Dates.parse(cell);
            if (d == null) {
                throw Problem.of(DataErrors.BAD_NUMBER, "not a date").file(file).line(t.line(r))
                        .column(col + 1, t.header().get(col)).found(Problem.quote(cell))
                        .expected("one date per row such as 2016-07-04 (in a `date` column, or the first)")
                        .fix("correct the cell, or delete the row.").error();
            }
            out.add(d);
        }
        return out;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static Series targets(Table t, TimeSeriesSpec spec) {
        float[][] cols = new float[spec.targets().size()][];
        for (int k = 0; k < cols.length; k++) {
            double[] d = t.values.get(spec.targets().get(k));
            cols[k] = new float[d.length];
            for (int r = 0; r < d.length; r++) {
                cols[k][r] = (float) d[r];
            }
        }
        return new Series(spec.targets(), cols, t.times());
    }

    /**
     * Windows whose first target row {@code t0} runs from {@code firstTarget} by {@code stride} while
     * {@code t0 + horizon <= end}; inputs as {@link SeriesLayout#input} lays them out. {@code firstTarget}
     * is at least the differencing span + lookback, so every row used has a differenced value.
     */
    private static List<Example> windows(Table t, TimeSeriesSpec spec, SeriesLayout layout, Normalization norm,
                                         int firstTarget, int end, String part, boolean required) {
        if (!required) {
            return List.of();
        }
        int lookback = spec.lookback();
        int horizon = spec.horizon();
        int span = spec.difference().span();
        List<String> targets = spec.targets();
        List<Example> out = new ArrayList<>();
        for (int t0 = firstTarget; t0 + horizon <= end; t0 += spec.stride()) {
            float[] x = layout.input(t, t0, norm);
            float[] y = new float[horizon * targets.size()];
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < targets.size(); k++) {
                    y[h * targets.size() + k] = norm.apply(targets.get(k), t.prepared(targets.get(k), t0 + h));
                }
            }
            out.add(new Example(new Input.Features(x, layout.steps(), layout.width()), new Target.Values(y), t0));
        }
        if (out.isEmpty()) {
            boolean holdout = firstTarget > span + lookback; // a fraction part: its inputs may reach back before it
            int have = holdout ? end - firstTarget : end;
            int need = holdout ? horizon : span + lookback + horizon;
            throw Problem.of(DataErrors.TOO_SHORT, "series too short").file(t.file())
                    .found(plural(Math.max(0, have), part))
                    .expected("at least " + plural(need, part) + (holdout ? " (horizon " + horizon + ")"
                            : " (" + (span > 0 ? "difference " + spec.difference() + " + " : "") + "lookback " + lookback
                            + " + horizon " + horizon + ")") + " for one window")
                    .fix("lower " + (span > 0 ? "`difference`, " : "") + "`lookback` or `horizon`, change the "
                            + "`validation`/`test` fractions, or use a longer series.").error();
        }
        return out;
    }
}
