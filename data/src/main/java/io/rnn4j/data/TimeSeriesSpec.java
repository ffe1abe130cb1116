package io.rnn4j.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code type: time_series}: a CSV file of rows in time order, cut into sliding windows.
 *
 * <p>A window starting at row {@code s} has inputs rows {@code s .. s+lookback-1} (the
 * {@code features} columns) and targets rows {@code s+lookback .. s+lookback+horizon-1} (the
 * {@code targets} columns, step-major: {@code horizon x targets} values); the next window starts
 * {@code stride} rows later. Fractions for validation and test are the <em>last</em> rows of the file,
 * never shuffled: a validation or test window has all its target rows in its part, while its input
 * rows may reach back into the part before (the past is known when forecasting). Normalization is
 * fitted on the training rows only.
 *
 * @param splits    {@code train}, {@code validation}, {@code test}
 * @param time      {@code time}: a date/time column, checked to exist and otherwise ignored; empty for none
 * @param features  {@code features}: input columns; empty to use the {@code targets}
 * @param targets   {@code targets}: the columns to forecast, at least one
 * @param lookback  {@code lookback}: input steps per window, at least 1
 * @param horizon   {@code horizon}: steps forecast per window, at least 1 (default 1)
 * @param stride    {@code stride}: rows between window starts, at least 1 (default 1)
 * @param normalize {@code normalize}: none, zscore (default) or minmax, per column
 */
public record TimeSeriesSpec(SplitSpec splits, Optional<String> time, List<String> features, List<String> targets,
                             int lookback, int horizon, int stride, NormalizeMethod normalize) implements DataSpec {

    /** Validates and copies. */
    public TimeSeriesSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(normalize, "normalize");
        targets = List.copyOf(targets);
        features = features.isEmpty() ? targets : List.copyOf(features);
        if (targets.isEmpty()) {
            throw DataErrors.invalidOption("targets", "an empty list", "at least one column to forecast, such as [passengers]");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw DataErrors.invalidOption("features", features, "distinct column names");
        }
        if (new HashSet<>(targets).size() != targets.size()) {
            throw DataErrors.invalidOption("targets", targets, "distinct column names");
        }
        if (time.isPresent() && (features.contains(time.get()) || targets.contains(time.get()))) {
            throw DataErrors.invalidOption("time", time.get(), "a column that is not also a feature or target");
        }
        if (lookback < 1) {
            throw DataErrors.invalidOption("lookback", lookback, "at least 1 step");
        }
        if (horizon < 1) {
            throw DataErrors.invalidOption("horizon", horizon, "at least 1 step");
        }
        if (stride < 1) {
            throw DataErrors.invalidOption("stride", stride, "at least 1 row");
        }
    }

    /** Univariate forecasting of {@code target} one step ahead, z-score normalized, stride 1. */
    public static TimeSeriesSpec univariate(SplitSpec splits, String time, String target, int lookback) {
        return new TimeSeriesSpec(splits, Optional.ofNullable(time), List.of(), List.of(target), lookback, 1, 1,
                NormalizeMethod.ZSCORE);
    }

    @Override
    public String type() {
        return "time_series";
    }
}
