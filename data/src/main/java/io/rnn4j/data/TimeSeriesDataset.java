package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A windowed time series: the {@link Dataset} of normalized windows plus, for each split, the series
 * in original units that its windows came from, the fitted {@link Normalization}, and the transform
 * and differencing lag applied before normalization.
 *
 * <p>Each example's input is {@code lookback x features} normalized values; its target is a
 * {@link Target.Values} of {@code horizon x targets} normalized values, step-major; its
 * {@link Example#origin()} is the row (in {@link #series(Split)}) of its first target. With a
 * {@link #transform()} or a {@link #difference() differencing lag} these values are those of the
 * transformed, differenced series; {@link #toOriginalUnits(Example, float[])} turns a window's
 * forecast back into original units.
 *
 * <p>{@link #forecastWindow()} is the window that forecasts beyond the end of the data (the end of the
 * file the test split's series comes from), {@link #forecastToOriginalUnits(float[])} turns its
 * forecast into original units, and {@link #forecastWindow(float[])} continues further by treating
 * earlier forecasts as data ({@link #canRollForward() when the inputs are all forecast}).
 */
public final class TimeSeriesDataset implements Dataset {
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,15}");

    private final Dataset windows;
    private final Map<Split, Series> series;
    private final Normalization normalization;
    private final int horizon;
    private final SeriesTransform transform;
    private final int difference;
    private final Map<Example, Split> splitOf = new IdentityHashMap<>();
    private final int lookback;
    /** Features and targets of the file whose end forecasts continue, in original units; empty if unknown. */
    private final Map<String, double[]> end;
    private final int endRows;
    private final List<String> endTimes;

    /** Assembles a time-series data set without transform or differencing. */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon) {
        this(windows, series, normalization, horizon, SeriesTransform.NONE, 0);
    }

    /**
     * Assembles a time-series data set whose values were transformed by {@code transform}, then
     * differenced at lag {@code difference} (0: not differenced), then normalized. The end of the data
     * is the test split's series; {@link #forecastWindow()} works only if every feature is a target
     * (the series holds only the targets), and no time column is known.
     */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon,
                             SeriesTransform transform, int difference) {
        this(windows, series, normalization, horizon, transform, difference, lookbackOf(windows),
                targetsOf(series.get(Split.TEST)), List.of());
    }

    /**
     * Assembles a time-series data set whose values were transformed by {@code transform}, then
     * differenced at lag {@code difference} (0: not differenced), then normalized, with the end of the
     * data that forecasts beyond it start from.
     *
     * @param lookback   input steps per window
     * @param endColumns every feature and target column, in original units, of the file the test
     *                   split's series comes from (the latest data), by column name
     * @param endTimes   that file's {@code time} column as written, one per row; empty without one
     */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon,
                             SeriesTransform transform, int difference, int lookback, Map<String, double[]> endColumns,
                             List<String> endTimes) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.series = new EnumMap<>(series);
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.horizon = horizon;
        this.transform = Objects.requireNonNull(transform, "transform");
        if (difference < 0) {
            throw new IllegalArgumentException("a differencing lag is at least 0, got " + difference);
        }
        this.difference = difference;
        if (lookback < 1) {
            throw new IllegalArgumentException("a lookback is at least 1 step, got " + lookback);
        }
        this.lookback = lookback;
        this.end = new LinkedHashMap<>();
        int rows = -1;
        for (Map.Entry<String, double[]> c : endColumns.entrySet()) {
            if (rows >= 0 && c.getValue().length != rows) {
                throw new IllegalArgumentException("the columns of the end of the data differ in length");
            }
            rows = c.getValue().length;
            end.put(c.getKey(), c.getValue().clone());
        }
        this.endRows = Math.max(rows, 0);
        this.endTimes = List.copyOf(endTimes);
        if (!this.endTimes.isEmpty() && this.endTimes.size() != endRows) {
            throw new IllegalArgumentException(this.endTimes.size() + " time values for " + endRows + " rows");
        }
        for (Split s : Split.values()) {
            for (Example e : windows.split(s)) {
                splitOf.put(e, s);
            }
        }
    }

    private static int lookbackOf(Dataset windows) {
        return windows.train().isEmpty() ? 1 : windows.train().get(0).input().steps();
    }

    private static Map<String, double[]> targetsOf(Series s) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (s != null) {
            for (int k = 0; k < s.targets().size(); k++) {
                float[] f = s.column(k);
                double[] d = new double[f.length];
                for (int r = 0; r < f.length; r++) {
                    d[r] = f[r];
                }
                out.put(s.targets().get(k), d);
            }
        }
        return out;
    }

    @Override
    public String type() {
        return windows.type();
    }

    @Override
    public List<Example> train() {
        return windows.train();
    }

    @Override
    public List<Example> validation() {
        return windows.validation();
    }

    @Override
    public List<Example> test() {
        return windows.test();
    }

    @Override
    public DataSchema schema() {
        return windows.schema();
    }

    /** The fitted normalization (method {@code none} columns included), of the transformed, differenced values. */
    public Normalization normalization() {
        return normalization;
    }

    /** Steps forecast by each window. */
    public int horizon() {
        return horizon;
    }

    /** The transform applied to every column before differencing. */
    public SeriesTransform transform() {
        return transform;
    }

    /** The differencing lag; 0 if the series are not differenced. */
    public int difference() {
        return difference;
    }

    /** Input steps per window. */
    public int lookback() {
        return lookback;
    }

    /** The target names, in the order of a forecast's values. */
    public List<String> targets() {
        return schema().targetNames();
    }

    /** The series in original units that the windows of {@code split} index into. */
    public Series series(Split split) {
        Series s = series.get(split);
        if (s == null) {
            throw new IllegalArgumentException("this data set has no " + split.name().toLowerCase(Locale.ROOT) + " split");
        }
        return s;
    }

    /**
     * A window's target (or a model's normalized forecast) in original units, for a data set that is
     * not differenced: de-normalizes, then undoes the transform.
     *
     * @throws IllegalStateException if the series are differenced: undoing differencing needs the
     *                               window's past values, see {@link #toOriginalUnits(Example, float[])}
     */
    public float[] toOriginalUnits(float[] normalizedForecast) {
        if (difference > 0) {
            throw new IllegalStateException("this data set differences its series at lag " + difference + " (`difference: "
                    + difference + "`), so a forecast can only be turned back into original units together with the values "
                    + "before its window: use toOriginalUnits(Example window, float[] forecast)");
        }
        checkLength(normalizedForecast);
        float[] out = new float[normalizedForecast.length];
        List<String> targets = targets();
        for (int i = 0; i < out.length; i++) {
            ColumnStats c = normalization.column(targets.get(i % targets.size()));
            out[i] = (float) transform.invert(c.invert(normalizedForecast[i]));
        }
        return out;
    }

    /**
     * A model's normalized forecast for {@code window} (one of this data set's windows), in original
     * units; see {@link #toOriginalUnits(Split, Example, float[])}.
     *
     * @throws IllegalArgumentException if {@code window} is not one of this data set's windows and the
     *                                  splits do not share one series (name the split then)
     */
    public float[] toOriginalUnits(Example window, float[] normalizedForecast) {
        return toOriginalUnits(splitOf(window), window, normalizedForecast);
    }

    /**
     * A model's normalized forecast for {@code window} of {@code split}, in original units. For each
     * target and horizon step {@code h} (0-based, first target row {@code t0 = window.origin()}):
     * de-normalize to the differenced value {@code d}; un-difference,
     * {@code u[t0+h] = d + u[t0+h-lag]}, where {@code u[t0+h-lag]} is the transformed known value of the
     * split's series for {@code h < lag} and the already reconstructed forecast for {@code h >= lag};
     * then undo the transform ({@code exp} for {@code log}). The window's own target turns back into
     * exactly the series' values (up to rounding).
     */
    public float[] toOriginalUnits(Split split, Example window, float[] normalizedForecast) {
        checkLength(normalizedForecast);
        Series s = series(split);
        List<String> targets = targets();
        int k = targets.size();
        int t0 = window.origin();
        int steps = normalizedForecast.length / k;
        if (t0 - difference < 0 || t0 > s.rows()) {
            throw new IllegalArgumentException("a window whose first target is row " + t0 + " does not fit the "
                    + split.name().toLowerCase(Locale.ROOT) + " series of " + s.rows() + " rows with differencing lag "
                    + difference);
        }
        double[] u = new double[normalizedForecast.length];
        float[] out = new float[normalizedForecast.length];
        for (int h = 0; h < steps; h++) {
            for (int j = 0; j < k; j++) {
                int i = h * k + j;
                double d = normalization.column(targets.get(j)).invert(normalizedForecast[i]);
                if (difference == 0) {
                    u[i] = d;
                } else {
                    int back = h - difference;
                    u[i] = d + (back >= 0 ? u[back * k + j] : transform.apply(s.value(j, t0 + back)));
                }
                out[i] = (float) transform.invert(u[i]);
            }
        }
        return out;
    }

    /**
     * The actual target values of {@code window} of {@code split} in original units, read from the
     * split's series (rows {@code origin .. origin + horizon - 1}, step-major like a forecast).
     */
    public float[] originalTargets(Split split, Example window) {
        Series s = series(split);
        int k = s.targets().size();
        int t0 = window.origin();
        if (t0 < 0 || t0 + horizon > s.rows()) {
            throw new IllegalArgumentException("a window whose first target is row " + t0 + " and horizon " + horizon
                    + " does not fit the " + split.name().toLowerCase(Locale.ROOT) + " series of " + s.rows() + " rows");
        }
        float[] out = new float[horizon * k];
        for (int h = 0; h < horizon; h++) {
            for (int j = 0; j < k; j++) {
                out[h * k + j] = s.value(j, t0 + h);
            }
        }
        return out;
    }

    /** The actual target values of {@code window} (one of this data set's windows) in original units. */
    public float[] originalTargets(Example window) {
        return originalTargets(splitOf(window), window);
    }

    /**
     * The {@code time} column's value in the last row of the data (the end of the file the test split's
     * series comes from), as written; empty if the data set has no {@code time} column.
     */
    public Optional<String> lastTime() {
        return endTimes.isEmpty() ? Optional.empty() : Optional.of(endTimes.get(endTimes.size() - 1));
    }

    /**
     * Whether forecasts can be rolled forward, i.e. {@link #forecastWindow(float[])} accepts earlier
     * forecasts as data: true when every feature column is also a target column, so that a forecast
     * supplies every input of the following rows.
     */
    public boolean canRollForward() {
        return targets().containsAll(schema().featureNames());
    }

    /**
     * The window that forecasts beyond the end of the data: its inputs are the last {@link #lookback()}
     * rows of the file the test split's series comes from (its training file unless the test split is a
     * file of its own), transformed, differenced and normalized exactly like every training window's;
     * its {@link Example#origin() origin} is the row after the last one ({@code series(Split.TEST).rows()}).
     * Its target is unknown (NaN). Run the model on it and turn the forecast into original units with
     * {@link #forecastToOriginalUnits(float[])} (or, equivalently, {@code toOriginalUnits(Split.TEST,
     * window, forecast)}).
     *
     * @throws IllegalStateException if the data set was assembled without the end of its data, or the
     *                               data has fewer than {@code difference + lookback} rows
     */
    public Example forecastWindow() {
        return forecastWindow(new float[0]);
    }

    /**
     * The window that forecasts beyond the end of the data followed by {@code continuation}: values in
     * original units for the rows after the last one, step-major like a forecast ({@code steps x targets},
     * typically the forecasts made so far, see {@link #forecastToOriginalUnits(float[], float[])}). Its
     * inputs are the last {@link #lookback()} rows of the data so extended, prepared like a training
     * window's; its origin is the row after the continuation. An empty continuation gives
     * {@link #forecastWindow()}.
     *
     * @throws IllegalStateException    if {@code continuation} is not empty and not every feature is a target
     *                                  (see {@link #canRollForward()}), or as for {@link #forecastWindow()}
     * @throws IllegalArgumentException if {@code continuation} is not whole steps, has a non-finite value,
     *                                  or a value that is not positive under {@code transform: log}
     */
    public Example forecastWindow(float[] continuation) {
        int steps = checkContinuation(continuation);
        List<String> features = schema().featureNames();
        if (steps > 0 && !canRollForward()) {
            List<String> missing = features.stream().filter(f -> !targets().contains(f)).toList();
            throw new IllegalStateException("cannot roll the forecast forward: the features " + missing
                    + " are inputs but not targets, so their values after the end of the data are unknown");
        }
        int n = endRows + steps;
        if (n - lookback - difference < 0) {
            throw new IllegalStateException("the data has " + n + " rows, fewer than the " + (difference + lookback)
                    + " (difference " + difference + " + lookback " + lookback + ") a window's inputs need");
        }
        float[] x = new float[lookback * features.size()];
        for (int s = 0; s < lookback; s++) {
            int r = n - lookback + s;
            for (int f = 0; f < features.size(); f++) {
                String name = features.get(f);
                double u = transform.apply(value(name, r, continuation));
                if (difference > 0) {
                    u -= transform.apply(value(name, r - difference, continuation));
                }
                x[s * features.size() + f] = normalization.apply(name, u);
            }
        }
        float[] unknown = new float[horizon * targets().size()];
        Arrays.fill(unknown, Float.NaN);
        return new Example(new Input.Features(x, lookback, features.size()), new Target.Values(unknown), n);
    }

    /**
     * A model's normalized forecast for {@link #forecastWindow()}, in original units: de-normalize,
     * un-difference onto the last {@code difference} rows of the data (steps beyond the lag onto the
     * forecast's own reconstructed steps), undo the transform; see
     * {@link #toOriginalUnits(Split, Example, float[])}.
     *
     * @throws IllegalStateException as for {@link #forecastWindow()}
     */
    public float[] forecastToOriginalUnits(float[] normalizedForecast) {
        return forecastToOriginalUnits(new float[0], normalizedForecast);
    }

    /**
     * A model's normalized forecast for {@link #forecastWindow(float[]) forecastWindow(continuation)},
     * in original units, un-differenced onto the data extended by {@code continuation} (its values
     * stand for the rows after the last one).
     *
     * @throws IllegalArgumentException if either array is not whole steps of the targets, or as for
     *                                  {@link #forecastWindow(float[])}
     * @throws IllegalStateException    as for {@link #forecastWindow()}
     */
    public float[] forecastToOriginalUnits(float[] continuation, float[] normalizedForecast) {
        int steps = checkContinuation(continuation);
        checkLength(normalizedForecast);
        List<String> targets = targets();
        int k = targets.size();
        int t0 = endRows + steps;
        if (t0 - difference < 0) {
            throw new IllegalStateException("the data has " + t0 + " rows, fewer than the differencing lag " + difference);
        }
        double[] u = new double[normalizedForecast.length];
        float[] out = new float[normalizedForecast.length];
        for (int h = 0; h < normalizedForecast.length / k; h++) {
            for (int j = 0; j < k; j++) {
                int i = h * k + j;
                double d = normalization.column(targets.get(j)).invert(normalizedForecast[i]);
                if (difference == 0) {
                    u[i] = d;
                } else {
                    int back = h - difference;
                    u[i] = d + (back >= 0 ? u[back * k + j]
                            : transform.apply(value(targets.get(j), t0 + back, continuation)));
                }
                out[i] = (float) transform.invert(u[i]);
            }
        }
        return out;
    }

    /**
     * The end of the data that forecasts continue, in original units: the last {@code rows} rows (or all
     * there are) of every feature and target column by name, and of the time column (empty without one).
     *
     * @param rows how many rows to keep
     * @return the columns and the time values
     */
    public Map.Entry<Map<String, double[]>, List<String>> endOfData(int rows) {
        int from = Math.max(0, endRows - rows);
        Map<String, double[]> cols = new LinkedHashMap<>();
        end.forEach((k, v) -> cols.put(k, Arrays.copyOfRange(v, from, endRows)));
        return Map.entry(cols, endTimes.isEmpty() ? List.of() : List.copyOf(endTimes.subList(from, endRows)));
    }

    /**
     * Labels for {@code steps} steps after the end of the data, continuing the {@code time} column
     * when its last value has a recognized format: {@code YYYY-MM} (months; the step is the distance
     * between the last two rows if they are both in this format, else one month), {@code YYYY-MM-DD}
     * (the distance between the last two rows in whole months if they fall on the same day of the
     * month, else in days; one day if unknown) and integers such as years (the difference between the
     * last two rows, else 1). Otherwise, and without a time column, the steps are numbered
     * {@code "1" .. steps}.
     */
    public List<String> futureLabels(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps is at least 0, got " + steps);
        }
        List<String> out = new ArrayList<>(steps);
        Optional<String> last = lastTime();
        String previous = endTimes.size() >= 2 ? endTimes.get(endTimes.size() - 2) : null;
        try {
            if (last.isPresent() && YEAR_MONTH.matcher(last.get()).matches()) {
                YearMonth ym = YearMonth.parse(last.get());
                long step = previous != null && YEAR_MONTH.matcher(previous).matches()
                        ? ChronoUnit.MONTHS.between(YearMonth.parse(previous), ym) : 1;
                step = step > 0 ? step : 1;
                for (int h = 1; h <= steps; h++) {
                    out.add(ym.plusMonths(step * h).toString());
                }
                return out;
            }
            if (last.isPresent() && DATE.matcher(last.get()).matches()) {
                LocalDate d = LocalDate.parse(last.get());
                LocalDate p = previous != null && DATE.matcher(previous).matches() ? LocalDate.parse(previous) : null;
                long months = p != null && p.getDayOfMonth() == d.getDayOfMonth() ? ChronoUnit.MONTHS.between(p, d) : 0;
                long days = p != null ? ChronoUnit.DAYS.between(p, d) : 1;
                for (int h = 1; h <= steps; h++) {
                    out.add((months > 0 ? d.plusMonths(months * h) : d.plusDays((days > 0 ? days : 1) * h)).toString());
                }
                return out;
            }
        } catch (DateTimeParseException e) {
            out.clear(); // such as month 13: not a date after all; number the steps
        }
        if (last.isPresent() && INTEGER.matcher(last.get()).matches()) {
            long t = Long.parseLong(last.get());
            long step = previous != null && INTEGER.matcher(previous).matches() ? t - Long.parseLong(previous) : 1;
            step = step > 0 ? step : 1;
            for (int h = 1; h <= steps; h++) {
                out.add(Long.toString(t + step * h));
            }
            return out;
        }
        for (int h = 1; h <= steps; h++) {
            out.add(Integer.toString(h));
        }
        return out;
    }

    /** Column {@code name} at {@code row} of the data extended by {@code continuation}, in original units. */
    private double value(String name, int row, float[] continuation) {
        if (row < endRows) {
            return end.get(name)[row];
        }
        return continuation[(row - endRows) * targets().size() + targets().indexOf(name)];
    }

    /** Checks a continuation and the end of the data; the continuation's number of steps. */
    private int checkContinuation(float[] continuation) {
        if (!end.keySet().containsAll(schema().featureNames()) || !end.keySet().containsAll(targets())) {
            throw new IllegalStateException("this data set was assembled without the end of its data (every feature and "
                    + "target column of its latest file), so it cannot forecast beyond it");
        }
        checkLength(continuation);
        for (int i = 0; i < continuation.length; i++) {
            float v = continuation[i];
            if (!Float.isFinite(v) || (transform == SeriesTransform.LOG && !(v > 0))) {
                throw new IllegalArgumentException("continuation value " + i + " is " + v + "; expected a finite number"
                        + (transform == SeriesTransform.LOG ? " greater than 0 (`transform: log`)" : ""));
            }
        }
        return continuation.length / targets().size();
    }

    /** The split {@code window} belongs to: by identity, then by equality, then any split if all share one series. */
    private Split splitOf(Example window) {
        Split s = splitOf.get(window);
        if (s != null) {
            return s;
        }
        for (Split candidate : Split.values()) {
            if (windows.split(candidate).contains(window)) {
                return candidate;
            }
        }
        if (series.get(Split.TRAIN) != null && series.values().stream().allMatch(x -> x == series.get(Split.TRAIN))) {
            return Split.TRAIN;
        }
        throw new IllegalArgumentException("the window whose first target is row " + window.origin() + " is not one of this "
                + "data set's windows, and its splits come from different files: use toOriginalUnits(Split, Example, float[]) "
                + "to say which split's series it belongs to");
    }

    private void checkLength(float[] forecast) {
        int k = targets().size();
        if (forecast.length % k != 0) {
            throw new IllegalArgumentException("a forecast of " + forecast.length + " values is not a whole number of steps of "
                    + k + (k == 1 ? " target" : " targets"));
        }
    }
}
