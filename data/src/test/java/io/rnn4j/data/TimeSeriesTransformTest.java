package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transform} and {@code difference} of time-series data, and turning forecasts back into original units. */
class TimeSeriesTransformTest {
    @TempDir
    Path dir;

    /** Row {@code r} of a positive series with a trend and a multiplicative season of 4 rows. */
    private static double level(int r) {
        return (20 + 1.5 * r) * (1 + 0.3 * Math.sin(2 * Math.PI * r / 4)) + 0.25 * (r % 3);
    }

    /** {@code rows} rows of {@code t, a, b}: a is {@link #level}, b is 3 + a / 2 (rounded to 1e-4 so the CSV is exact). */
    private Path series(String name, int rows, int offset) {
        List<String> lines = new ArrayList<>();
        lines.add("t,a,b");
        for (int r = 0; r < rows; r++) {
            double a = level(r + offset);
            lines.add(String.format(Locale.ROOT, "%d,%.4f,%.4f", r, a, 3 + a / 2));
        }
        return Files2.write(dir, name, lines.toArray(String[]::new));
    }

    private static TimeSeriesSpec spec(SplitSpec splits, List<String> targets, int lookback, int horizon,
                                       NormalizeMethod n, SeriesTransform transform, int difference) {
        return new TimeSeriesSpec(splits, Optional.of("t"), List.of("a", "b"), targets, lookback, horizon, 1, n, transform,
                difference);
    }

    private static float[] values(Example e) {
        return ((Target.Values) e.target()).values();
    }

    /** Every window's true target, inverted, is the series' values at its rows within 1e-4 relative. */
    private static void assertRoundTrip(TimeSeriesDataset d) {
        for (Split split : Split.values()) {
            Series s = d.series(split);
            int k = s.targets().size();
            for (Example e : d.split(split)) {
                float[] back = d.toOriginalUnits(e, values(e));
                float[] backExplicit = d.toOriginalUnits(split, e, values(e));
                float[] raw = d.originalTargets(split, e);
                assertThat(back).hasSize(d.horizon() * k).containsExactly(backExplicit);
                for (int i = 0; i < back.length; i++) {
                    float want = s.value(i % k, e.origin() + i / k);
                    assertThat(raw[i]).isEqualTo(want);
                    assertThat(back[i]).as("%s window at row %d, value %d", split, e.origin(), i)
                            .isCloseTo(want, within(1e-4f * Math.abs(want)));
                }
            }
        }
    }

    @Test
    void logThenSeasonalDifferenceThenZscoreInvertsBackToTheRawValues() {
        // horizon 6 > lag 4: steps 4 and 5 are un-differenced onto the reconstructed steps 0 and 1
        SplitSpec splits = new SplitSpec(series("s.csv", 60, 0), Holdout.fraction(0.2), Holdout.fraction(0.2), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, List.of("a", "b"), 5, 6, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 4));
        assertThat(d.transform()).isEqualTo(SeriesTransform.LOG);
        assertThat(d.difference()).isEqualTo(4);
        assertThat(d.validation()).isNotEmpty();
        assertThat(d.test()).isNotEmpty();
        assertRoundTrip(d);
    }

    @Test
    void firstDifferencesAndMinMaxWithoutTransformInvertToo() {
        SplitSpec splits = new SplitSpec(series("s.csv", 50, 0), Holdout.fraction(0.2), Holdout.fraction(0.2), 0);
        assertRoundTrip(Datasets.load(spec(splits, List.of("b"), 3, 4, NormalizeMethod.MINMAX, SeriesTransform.NONE, 1)));
        assertRoundTrip(Datasets.load(spec(splits, List.of("a"), 3, 4, NormalizeMethod.NONE, SeriesTransform.LOG, 0)));
    }

    @Test
    void separateValidationAndTestFilesAreInvertedWithTheirOwnSeries() {
        SplitSpec splits = new SplitSpec(series("train.csv", 40, 0), Holdout.file(series("val.csv", 16, 40)),
                Holdout.file(series("test.csv", 16, 56)), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, List.of("a"), 4, 3, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 4));
        // each file loses its own first 4 rows: first target at row 4 + 4, windows while t0 + 3 <= 16
        assertThat(d.test()).extracting(Example::origin).containsExactly(8, 9, 10, 11, 12, 13);
        assertThat(d.series(Split.TEST).value(0, 8)).isEqualTo((float) Double.parseDouble(String.format(Locale.ROOT, "%.4f", level(64))));
        assertRoundTrip(d);
    }

    @Test
    void valuesAreTransformedThenDifferencedThenNormalizedOnTheTrainingRows() {
        Path f = Files2.write(dir, "s.csv", "t,a", "0,1", "1,2", "2,4", "3,8", "4,32", "5,64", "6,256", "7,512");
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(f), Optional.empty(), List.of(), List.of("a"),
                2, 1, 1, NormalizeMethod.NONE, SeriesTransform.LOG, 1));
        double ln2 = Math.log(2);
        // differences of logs: rows 1..7 are ln 2, ln 2, ln 2, 2 ln 2, ln 2, 2 ln 2, ln 2; row 0 has none
        assertThat(d.train()).extracting(Example::origin).containsExactly(3, 4, 5, 6, 7);
        assertThat(((Input.Features) d.train().get(0).input()).values()).containsExactly((float) ln2, (float) ln2);
        assertThat(values(d.train().get(1))[0]).isCloseTo((float) (2 * ln2), within(1e-6f));
        // a forecast of 3 ln 2 for row 7 means 8 times row 6
        assertThat(d.toOriginalUnits(d.train().get(4), new float[] {(float) (3 * ln2)})[0]).isCloseTo(2048f, within(1e-2f));
    }

    @Test
    void stepsBeyondTheLagBuildOnTheReconstructedForecast() {
        Path f = Files2.write(dir, "s.csv", "t,a", "0,10", "1,20", "2,30", "3,40", "4,50", "5,60", "6,70", "7,80");
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(f), Optional.empty(), List.of(), List.of("a"),
                2, 3, 1, NormalizeMethod.NONE, SeriesTransform.NONE, 2));
        Example w = d.train().get(0);
        assertThat(w.origin()).isEqualTo(4);
        // rows 2 and 3 are known (30, 40); step 2 adds onto the forecast of step 0
        assertThat(d.toOriginalUnits(w, new float[] {1, 2, 3})).containsExactly(31f, 42f, 34f);
        assertThat(d.originalTargets(w)).containsExactly(50f, 60f, 70f);
    }

    @Test
    void windowsNearTheStartLoseTheFirstLagRows() {
        // 30 training rows, 5 validation and 5 test rows; lookback 6, horizon 3
        SplitSpec splits = new SplitSpec(series("s.csv", 40, 0), Holdout.fraction(0.125), Holdout.fraction(0.125), 0);
        TimeSeriesDataset plain = Datasets.load(spec(splits, List.of("a"), 6, 3, NormalizeMethod.ZSCORE, SeriesTransform.NONE, 0));
        TimeSeriesDataset diff = Datasets.load(spec(splits, List.of("a"), 6, 3, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 4));
        // training windows: 30 - lookback - horizon + 1 = 22 without differencing, 4 fewer at lag 4,
        // the first target row moving from 6 to 4 + 6
        assertThat(plain.train()).hasSize(22);
        assertThat(plain.train().get(0).origin()).isEqualTo(6);
        assertThat(diff.train()).hasSize(22 - 4);
        assertThat(diff.train().get(0).origin()).isEqualTo(10);
        assertThat(diff.train().get(diff.train().size() - 1).origin()).isEqualTo(27);
        // validation and test windows lie far enough from the start to keep every window
        assertThat(diff.validation()).extracting(Example::origin).containsExactly(30, 31, 32);
        assertThat(diff.test()).extracting(Example::origin).containsExactlyElementsOf(
                plain.test().stream().map(Example::origin).toList());
    }

    @Test
    void theLogOfANonPositiveValueNamesFileLineColumnAndValue() {
        Path f = Files2.write(dir, "air.csv", "month,passengers,rain", "1949-01,112,3", "1949-02,118,0", "1949-03,132,1");
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(new TimeSeriesSpec(
                SplitSpec.trainOnly(f), Optional.of("month"), List.of("passengers", "rain"), List.of("passengers"), 1, 1, 1,
                NormalizeMethod.ZSCORE, SeriesTransform.LOG, 0)));
        assertThat(e.id()).isEqualTo(DataErrors.BAD_NUMBER);
        assertThat(e).hasMessage("RNN4J-DATA-004: value not allowed by `transform: log` in " + f + ", line 3, column 3 (rain): "
                + "found \"0\", which is not greater than 0 (its logarithm is undefined); expected values greater than 0 in "
                + "every `features` and `targets` column. Fix: use `transform: none`, correct the cell, or shift the column "
                + "so that every value is positive (for counts with zeros, add 1 to every value).");
        Path g = Files2.write(dir, "neg.csv", "month,passengers", "1949-01,112", "1949-02,-5");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(g),
                Optional.of("month"), List.of(), List.of("passengers"), 1, 1, 1, NormalizeMethod.NONE, SeriesTransform.LOG, 0))))
                .hasMessageStartingWith("RNN4J-DATA-004: value not allowed by `transform: log` in " + g
                        + ", line 3, column 2 (passengers): found \"-5\", which is not greater than 0");
    }

    @Test
    void aDifferencingLagOfAtLeastTheTrainingRowsIsReported() {
        Path f = series("s.csv", 20, 0);
        SplitSpec splits = new SplitSpec(f, Holdout.fraction(0.2), Holdout.none(), 0);
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                spec(splits, List.of("a"), 3, 2, NormalizeMethod.ZSCORE, SeriesTransform.NONE, 16)));
        assertThat(e.id()).isEqualTo(DataErrors.INVALID_OPTION);
        assertThat(e).hasMessage("RNN4J-DATA-014: differencing lag too large in " + f + ": found `difference: 16` and 16 "
                + "training rows; expected a lag smaller than the number of training rows; a training window needs lag + "
                + "lookback + horizon = 21 rows. Fix: lower `difference` (1 for first differences, the season length such as "
                + "12 for seasonal differences), or use a longer series.");
        // a smaller lag that still leaves no training window is a series too short, counting the lag
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                spec(splits, List.of("a"), 3, 2, NormalizeMethod.ZSCORE, SeriesTransform.NONE, 12))))
                .hasMessage("RNN4J-DATA-012: series too short in " + f + ": found 16 training rows; expected at least 17 "
                        + "training rows (difference 12 + lookback 3 + horizon 2) for one window. Fix: lower `difference`, "
                        + "`lookback` or `horizon`, change the `validation`/`test` fractions, or use a longer series.");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> spec(splits, List.of("a"), 3, 2, NormalizeMethod.NONE,
                SeriesTransform.NONE, -1)))
                .hasMessage("RNN4J-DATA-014: invalid option `data.difference`: found -1; expected a lag of at least 0 rows (0: no "
                        + "differencing, 1: first differences, 12: seasonal differences of monthly data). Fix: change "
                        + "`data.difference` in the experiment file.");
    }

    @Test
    void theWindowlessInversionWorksWithoutDifferencingAndOtherwiseSaysWhatToUse() {
        SplitSpec splits = SplitSpec.trainOnly(series("s.csv", 20, 0));
        TimeSeriesDataset logOnly = Datasets.load(spec(splits, List.of("a"), 3, 1, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 0));
        Example w = logOnly.train().get(5);
        assertThat(logOnly.toOriginalUnits(values(w))).containsExactly(logOnly.toOriginalUnits(w, values(w)));
        TimeSeriesDataset diff = Datasets.load(spec(splits, List.of("a"), 3, 1, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 1));
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> diff.toOriginalUnits(new float[] {0.5f})))
                .hasMessage("this data set differences its series at lag 1 (`difference: 1`), so a forecast can only be turned "
                        + "back into original units together with the values before its window: use "
                        + "toOriginalUnits(Example window, float[] forecast)");
    }

    @Test
    void aWindowFromElsewhereNeedsItsSplitWhenTheSplitsHaveTheirOwnFiles() {
        SplitSpec splits = new SplitSpec(series("train.csv", 20, 0), Holdout.file(series("val.csv", 10, 20)), Holdout.none(), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, List.of("a"), 3, 1, NormalizeMethod.ZSCORE, SeriesTransform.NONE, 1));
        Example stranger = new Example(new Input.Features(new float[] {0, 0, 0, 0, 0, 0}, 3, 2), new Target.Values(new float[] {9}), 5);
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> d.toOriginalUnits(stranger, new float[] {0})))
                .hasMessageContaining("use toOriginalUnits(Split, Example, float[])");
        assertThat(d.toOriginalUnits(Split.VALIDATION, stranger, new float[] {0})).hasSize(1);
    }
}
