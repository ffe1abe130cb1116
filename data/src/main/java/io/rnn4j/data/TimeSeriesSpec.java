package io.rnn4j.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <p>Every column read (features and targets) goes through, in this order: the {@code transform}
 * ({@code log}: the natural log), differencing at lag {@code difference} ({@code u[r] - u[r-lag]};
 * 1 for first differences, 12 for seasonal differences of monthly data), then normalization. The
 * model then sees and predicts differenced, normalized values;
 * {@link TimeSeriesDataset#toOriginalUnits(Example, float[])} turns a window's forecast back into
 * original units. A differenced value needs the value {@code lag} rows earlier, so the first
 * {@code lag} rows of a file have none: the first window's inputs start at row {@code lag}, and its
 * first target is row {@code lag + lookback} (the training part has {@code lag} fewer windows with
 * stride 1).
 *
 * @param splits    {@code train}, {@code validation}, {@code test}
 * @param time      {@code time}: a date/time column, checked to exist and otherwise ignored; empty for none
 * @param features  {@code features}: input columns; empty to use the {@code targets}
 * @param targets   {@code targets}: the columns to forecast, at least one
 * @param lookback  {@code lookback}: input steps per window, at least 1
 * @param horizon   {@code horizon}: steps forecast per window, at least 1 (default 1)
 * @param stride    {@code stride}: rows between window starts, at least 1 (default 1)
 * @param normalize {@code normalize}: none, zscore (default) or minmax, per column
 * @param transform  {@code transform}: none (default), log, log1p, sqrt or box_cox, applied to every
 *                   feature and target column before anything else
 * @param boxCoxLambda {@code box_cox_lambda}: Box-Cox's lambda; NaN to fit it on the training part
 * @param difference {@code difference}: the differencing lags, none by default, such as [1] (first
 *                   differences), [12] (seasonal differences of monthly data) or [1, 12] (both, chained),
 *                   applied after the transform and before normalization
 * @param pastCovariates   {@code past_covariates}: input columns known only up to the forecast origin,
 *                         normalized but neither transformed nor differenced
 * @param futureCovariates {@code future_covariates}: input columns known for the forecast's rows too
 *                         (planned events, weather forecasts), normalized only
 * @param calendar   {@code calendar}: calendar features built from the {@code time} column's dates
 * @param holidays   {@code holidays}: a CSV of holiday dates (a {@code date} column, or the first) for the
 *                   {@code holiday} calendar feature
 */
public record TimeSeriesSpec(SplitSpec splits, Optional<String> time, List<String> features, List<String> targets,
                             int lookback, int horizon, int stride, NormalizeMethod normalize, SeriesTransform transform,
                             double boxCoxLambda, Differencing difference, List<String> pastCovariates,
                             List<String> futureCovariates, List<CalendarFeature> calendar, Optional<Path> holidays)
        implements DataSpec {

    /** Validates and copies. */
    public TimeSeriesSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(normalize, "normalize");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(difference, "difference");
        Objects.requireNonNull(holidays, "holidays");
        targets = List.copyOf(targets);
        features = features.isEmpty() ? targets : List.copyOf(features);
        pastCovariates = List.copyOf(pastCovariates);
        futureCovariates = List.copyOf(futureCovariates);
        calendar = List.copyOf(calendar);
        if (targets.isEmpty()) {
            throw DataErrors.invalidOption("targets", "an empty list", "at least one column to forecast, such as [passengers]");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw DataErrors.invalidOption("features", features, "distinct column names");
        }
        if (new HashSet<>(targets).size() != targets.size()) {
            throw DataErrors.invalidOption("targets", targets, "distinct column names");
        }
        Set<String> series = new HashSet<>(features);
        series.addAll(targets);
        Set<String> seen = new HashSet<>(series);
        for (String c : concat(pastCovariates, futureCovariates)) {
            if (!seen.add(c)) {
                throw DataErrors.invalidOption("past_covariates/future_covariates", c, "a column named once, and not also "
                        + "a feature or target (covariates are only normalized; features and targets are transformed "
                        + "and differenced)");
            }
        }
        if (time.isPresent() && seen.contains(time.get())) {
            throw DataErrors.invalidOption("time", time.get(), "a column that is not also a feature, target or covariate");
        }
        if (!calendar.isEmpty() && time.isEmpty()) {
            throw DataErrors.invalidOption("calendar", calendar, "calendar features with a `time` column of dates "
                    + "(YYYY-MM-DD or YYYY-MM) to build them from");
        }
        if (new HashSet<>(calendar).size() != calendar.size()) {
            throw DataErrors.invalidOption("calendar", calendar, "each calendar feature once");
        }
        if (calendar.contains(CalendarFeature.HOLIDAY) != holidays.isPresent()) {
            throw DataErrors.invalidOption(holidays.isPresent() ? "holidays" : "calendar",
                    holidays.isPresent() ? holidays.get().toString() : calendar.toString(),
                    "`holidays: FILE` together with `holiday` in `calendar` (the file lists the dates the feature marks)");
        }
        if (!Double.isNaN(boxCoxLambda) && transform != SeriesTransform.BOX_COX) {
            throw DataErrors.invalidOption("box_cox_lambda", boxCoxLambda, "no lambda unless `transform: box_cox`");
        }
        if (Double.isInfinite(boxCoxLambda)) {
            throw DataErrors.invalidOption("box_cox_lambda", boxCoxLambda, "a finite number, such as 0.5, or none to fit it");
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

    /**
     * A spec with one differencing lag ({@code difference}, 0 for none), a transform without a parameter
     * and no covariates.
     */
    public TimeSeriesSpec(SplitSpec splits, Optional<String> time, List<String> features, List<String> targets,
                          int lookback, int horizon, int stride, NormalizeMethod normalize, SeriesTransform transform,
                          int difference) {
        this(splits, time, features, targets, lookback, horizon, stride, normalize, transform, Double.NaN,
                lag(difference), List.of(), List.of(), List.of(), Optional.empty());
    }

    private static Differencing lag(int difference) {
        if (difference < 0) {
            throw DataErrors.invalidOption("difference", difference,
                    "a lag of at least 0 rows (0: no differencing, 1: first differences, 12: seasonal differences of monthly data)");
        }
        return difference == 0 ? Differencing.none() : Differencing.of(difference);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** A spec without transform or differencing. */
    public TimeSeriesSpec(SplitSpec splits, Optional<String> time, List<String> features, List<String> targets,
                          int lookback, int horizon, int stride, NormalizeMethod normalize) {
        this(splits, time, features, targets, lookback, horizon, stride, normalize, SeriesTransform.NONE, 0);
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
