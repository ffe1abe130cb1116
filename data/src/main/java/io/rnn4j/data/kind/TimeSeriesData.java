package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.Variant;
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
 * @param transform  none or log, applied to every feature and target column before anything else
 * @param difference differencing lag applied after the transform and before normalisation (0: none)
 */
@Variant("time_series")
@Doc("A CSV of rows in time order, cut into sliding windows (lookback in, horizon out).")
public record TimeSeriesData(
        @Doc("The CSV file.") @Required String train,
        @Doc("Validation: the last fraction of the rows, or a file.") @Default("0.15") SplitSource validation,
        @Doc("Test: the last fraction of the rows, or a file.") @Default("0.15") SplitSource test,
        @Doc("A date/time column, checked and otherwise ignored.") String time,
        @Doc("Input columns; empty uses the targets.") @Default("[]") List<String> features,
        @Doc("Columns to forecast.") @Required List<String> targets,
        @Doc("Input steps per window.") @Range(min = 1) int lookback,
        @Doc("Steps forecast per window.") @Default("1") @Range(min = 1) int horizon,
        @Doc("Rows between window starts.") @Default("1") @Range(min = 1) int stride,
        @Doc("Per-column normalisation fitted on the training rows: none, zscore or minmax.") @Default("zscore") NormalizeMethod normalize,
        @Doc("Season length of the seasonal-naive baseline (12 for monthly data); 1 repeats the last value.") @Default("1") @Range(min = 1) int season,
        @Doc("Transform of every feature and target column before differencing and normalisation: none, or log (the "
                + "natural log; every value must be > 0) for multiplicative seasonality and exponential growth. Forecasts "
                + "are turned back into original units.") @Default("none") SeriesTransform transform,
        @Doc("Differencing lag applied after the transform and before normalisation: 0 for none, 1 for first "
                + "differences (removes a trend), the season length such as 12 for seasonal differences of monthly data. "
                + "The model predicts differenced values, which are un-differenced with the known past; the first "
                + "`difference` rows give no window.") @Default("0") @Range(min = 0) int difference)
        implements DataSpec {
}
