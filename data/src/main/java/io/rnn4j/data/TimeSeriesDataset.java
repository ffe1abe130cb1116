package io.rnn4j.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A windowed time series: the {@link Dataset} of normalized windows plus, for each split, the series
 * in original units that its windows came from, and the fitted {@link Normalization}.
 *
 * <p>Each example's input is {@code lookback x features} normalized values; its target is a
 * {@link Target.Values} of {@code horizon x targets} normalized values, step-major; its
 * {@link Example#origin()} is the row (in {@link #series(Split)}) of its first target.
 */
public final class TimeSeriesDataset implements Dataset {
    private final Dataset windows;
    private final Map<Split, Series> series;
    private final Normalization normalization;
    private final int horizon;

    /** Assembles a time-series data set. */
    public TimeSeriesDataset(Dataset windows, Map<Split, Series> series, Normalization normalization, int horizon) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.series = new EnumMap<>(series);
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.horizon = horizon;
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

    /** The fitted normalization (method {@code none} columns included). */
    public Normalization normalization() {
        return normalization;
    }

    /** Steps forecast by each window. */
    public int horizon() {
        return horizon;
    }

    /** The target names, in the order of a forecast's values. */
    public List<String> targets() {
        return schema().targetNames();
    }

    /** The series in original units that the windows of {@code split} index into. */
    public Series series(Split split) {
        Series s = series.get(split);
        if (s == null) {
            throw new IllegalArgumentException("this data set has no " + split.name().toLowerCase(java.util.Locale.ROOT) + " split");
        }
        return s;
    }

    /** A window's target (or a model's normalized forecast) in original units. */
    public float[] toOriginalUnits(float[] normalizedForecast) {
        return normalization.invert(targets(), normalizedForecast);
    }
}
