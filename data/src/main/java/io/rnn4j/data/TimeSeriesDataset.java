package io.rnn4j.data;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 */
public final class TimeSeriesDataset implements Dataset {
    private final Dataset windows;
    private final Map<Split, Series> series;
    private final Normalization normalization;
    private final int horizon;
    private final SeriesTransform transform;
    private final int difference;
    private final Map<Example, Split> splitOf = new IdentityHashMap<>();

    /** Assembles a time-series data set without transform or differencing. */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon) {
        this(windows, series, normalization, horizon, SeriesTransform.NONE, 0);
    }

    /**
     * Assembles a time-series data set whose values were transformed by {@code transform}, then
     * differenced at lag {@code difference} (0: not differenced), then normalized.
     */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon,
                             SeriesTransform transform, int difference) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.series = new EnumMap<>(series);
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.horizon = horizon;
        this.transform = Objects.requireNonNull(transform, "transform");
        if (difference < 0) {
            throw new IllegalArgumentException("a differencing lag is at least 0, got " + difference);
        }
        this.difference = difference;
        for (Split s : Split.values()) {
            for (Example e : windows.split(s)) {
                splitOf.put(e, s);
            }
        }
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
