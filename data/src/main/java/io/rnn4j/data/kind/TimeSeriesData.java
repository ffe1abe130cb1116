package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.OneOrMany;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.data.CalendarFeature;
import io.rnn4j.data.Differencing;
import io.rnn4j.data.NormalizeMethod;
import io.rnn4j.data.SeriesTransform;
import java.util.List;

/**
 * {@code type: time_series}: a CSV of rows in time order cut into sliding windows.
 *
 * @param train      the CSV file
 * @param validation the last fraction of rows (or a file) for validation
 * @param test       the last fraction of rows (or a file) for testing
 * @param time       a date/time column, ignored for features
 * @param features   input columns (default: the targets)
 * @param targets    columns to forecast
 * @param lookback   input steps per window
 * @param horizon    steps forecast per window
 * @param stride     rows between window starts
 * @param normalize  per-column normalisation fitted on the training rows
 * @param season     season length for the seasonal-naive baseline (0: one step)
 * @param transform  none, log, log1p, sqrt or box_cox, applied to every feature and target column first
 * @param difference differencing lags applied after the transform and before normalisation, chained
 *                   ({@code 12} or {@code [1, 12]}; empty or 0: none)
 * @param boxCoxLambda     Box-Cox's lambda; null to fit it on the training part
 * @param pastCovariates   input columns known only up to the forecast origin (normalised only)
 * @param futureCovariates input columns known for the forecast's rows too (normalised only)
 * @param calendar         calendar features built from the time column's dates
 * @param holidays         a CSV of holiday dates for the {@code holiday} calendar feature
 */
@Variant("time_series")
@Doc("A CSV of rows in time order, cut into sliding windows (lookback in, horizon out).")
public record TimeSeriesData(
        @Doc("The CSV file.") @Required String train,
        @Doc("Validation: the last fraction of the rows, or a file.") @Default("0.15") SplitSource validation,
        @Doc("Test: the last fraction of the rows, or a file.") @Default("0.15") SplitSource test,
        @Doc("A date or time column (months such as 1949-01, dates, date-times or numbers): one row per time step in time order, checked (a repeated time, a step back, a missing month or a change of format is an error); calendar features are built from it.") String time,
        @Doc("Input columns; empty uses the targets.") @Default("[]") List<String> features,
        @Doc("Columns to forecast.") @Required List<String> targets,
        @Doc("Input steps per window.") @Range(min = 1) int lookback,
        @Doc("Steps forecast per window.") @Default("1") @Range(min = 1) int horizon,
        @Doc("Rows between window starts.") @Default("1") @Range(min = 1) int stride,
        @Doc("Per-column normalisation fitted on the training rows: none, zscore or minmax.") @Default("zscore") NormalizeMethod normalize,
        @Doc("Season length of the seasonal-naive baseline (12 for monthly data); 1 repeats the last value.") @Default("1") @Range(min = 1) int season,
        @Doc("Transform of every feature and target column before differencing and normalisation: none; log (values "
                + "> 0) for multiplicative seasonality and exponential growth; log1p, log(1 + x), for counts with zeros; "
                + "sqrt (values >= 0); box_cox (values > 0) with box_cox_lambda, or a lambda fitted by maximum likelihood "
                + "on the training part. Forecasts are turned back into original units.") @Default("none") SeriesTransform transform,
        @Doc("Differencing lags applied after the transform and before normalisation, chained: 1 for first differences "
                + "(removes a trend), the season length such as 12 for seasonal differences, [1, 12] for both; 0 or [] for "
                + "none. The model predicts differenced values, which are un-differenced with the known past; the first "
                + "rows (the sum of the lags) give no window.") @OneOrMany @Default("[]") List<Integer> difference,
        @Doc("Box-Cox's lambda with transform: box_cox; by default fitted by maximum likelihood on the training part.")
        Double boxCoxLambda,
        @Doc("Input columns known only up to the forecast origin (such as another measured series); normalised, "
                + "not transformed or differenced.") @Default("[]") List<String> pastCovariates,
        @Doc("Input columns known for the forecast's rows too (weather forecasts, planned events); normalised, not "
                + "transformed. generate --horizon reads their future values from --covariates FILE.")
        @Default("[]") List<String> futureCovariates,
        @Doc("Calendar features built from the time column's dates (future-known inputs): day_of_week, month and "
                + "day_of_year as sine and cosine, holiday (1 on a date of the holidays file).")
        @Default("[]") List<CalendarFeature> calendar,
        @Doc("A CSV of holiday dates (a date column, or the first) for the holiday calendar feature.") String holidays)
        implements DataSpec {

    /** The chained differencing of {@code difference}: none for {@code []} or {@code [0]}. */
    public static Differencing lags(List<Integer> difference) {
        return difference.equals(List.of(0)) ? Differencing.none() : new Differencing(difference);
    }
}
