package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forecasting beyond the end of the data: the window at the end, turning its forecast into original
 * units (checked with a perfect oracle, the withheld true future), rolling forward, and step labels.
 */
class ForecastWindowTest {
    @TempDir
    Path dir;

    /** Row {@code r} of a positive series with a trend and a multiplicative season of 4 rows, as the CSV stores it. */
    private static double level(int r) {
        double a = (20 + 1.5 * r) * (1 + 0.3 * Math.sin(2 * Math.PI * r / 4)) + 0.25 * (r % 3);
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", a));
    }

    /** Column {@code b} at row {@code r}: another positive series, so that there are two targets. */
    private static double other(int r) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", 3 + level(r) / 2 + 0.1 * (r % 5)));
    }

    private static double raw(String column, int r) {
        return column.equals("a") ? level(r) : other(r);
    }

    /** Rows {@code from .. to-1} of {@code t, a, b}. */
    private Path series(String name, int from, int to) {
        List<String> lines = new ArrayList<>();
        lines.add("t,a,b");
        for (int r = from; r < to; r++) {
            lines.add(String.format(Locale.ROOT, "%d,%.4f,%.4f", r, level(r), other(r)));
        }
        return Files2.write(dir, name, lines.toArray(String[]::new));
    }

    private static TimeSeriesSpec spec(SplitSpec splits, List<String> features, List<String> targets, int lookback,
                                       int horizon, NormalizeMethod n, SeriesTransform transform, int difference) {
        return new TimeSeriesSpec(splits, Optional.of("t"), features, targets, lookback, horizon, 1, n, transform, difference);
    }

    /**
     * The forecast a perfect model would make for the window at row {@code t0}: the true values of rows
     * {@code t0 .. t0+horizon-1}, transformed, differenced (onto the true values, withheld ones
     * included) and normalized, step-major.
     */
    private static float[] oracle(TimeSeriesDataset d, int t0) {
        List<String> targets = d.targets();
        int k = targets.size();
        float[] z = new float[d.horizon() * k];
        for (int h = 0; h < d.horizon(); h++) {
            for (int j = 0; j < k; j++) {
                String c = targets.get(j);
                double u = d.transform().apply(raw(c, t0 + h));
                if (d.difference() > 0) {
                    u -= d.transform().apply(raw(c, t0 + h - d.difference()));
                }
                z[h * k + j] = d.normalization().apply(c, u);
            }
        }
        return z;
    }

    /** The withheld raw values of rows {@code t0 ..}, step-major. */
    private static float[] truth(TimeSeriesDataset d, int t0, int steps) {
        List<String> targets = d.targets();
        float[] out = new float[steps * targets.size()];
        for (int h = 0; h < steps; h++) {
            for (int j = 0; j < targets.size(); j++) {
                out[h * targets.size() + j] = (float) raw(targets.get(j), t0 + h);
            }
        }
        return out;
    }

    /** Built on the first {@code rows} rows only, the oracle's forecast at the end inverts to the withheld future. */
    private void assertOracleRecoversTheFuture(int rows, List<String> targets, int lookback, int horizon, NormalizeMethod n,
                                               SeriesTransform transform, int difference) {
        SplitSpec splits = new SplitSpec(series("prefix.csv", 0, rows), Holdout.fraction(0.15), Holdout.fraction(0.15), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, List.of("a", "b"), targets, lookback, horizon, n, transform, difference));
        Example w = d.forecastWindow();
        assertThat(w.origin()).isEqualTo(rows).isEqualTo(d.series(Split.TEST).rows());
        assertThat(w.input().steps()).isEqualTo(lookback);
        float[] forecast = d.forecastToOriginalUnits(oracle(d, rows));
        float[] want = truth(d, rows, horizon);
        assertThat(forecast).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            assertThat(forecast[i]).as("%s, difference %d: step %d target %d", transform, difference, i / targets.size(),
                    i % targets.size()).isCloseTo(want[i], within(1e-4f));
        }
        // the forecast window is the test split's series' next window, so toOriginalUnits agrees
        float[] viaSplit = d.toOriginalUnits(Split.TEST, w, oracle(d, rows));
        for (int i = 0; i < want.length; i++) {
            assertThat(viaSplit[i]).isCloseTo(want[i], within(1e-4f));
        }
    }

    @Test
    void aPerfectOracleInvertsToTheWithheldFutureWithLogAndSeasonalDifferencing() {
        // horizon 6 > lag 4: steps 4 and 5 are un-differenced onto the reconstructed steps 0 and 1
        assertOracleRecoversTheFuture(60, List.of("a", "b"), 5, 6, NormalizeMethod.ZSCORE, SeriesTransform.LOG, 4);
        assertOracleRecoversTheFuture(71, List.of("b"), 3, 9, NormalizeMethod.MINMAX, SeriesTransform.LOG, 1);
    }

    @Test
    void aPerfectOracleInvertsToTheWithheldFutureWithoutTransformOrDifferencing() {
        assertOracleRecoversTheFuture(50, List.of("a", "b"), 4, 3, NormalizeMethod.ZSCORE, SeriesTransform.NONE, 0);
        assertOracleRecoversTheFuture(50, List.of("a"), 4, 5, NormalizeMethod.MINMAX, SeriesTransform.NONE, 0);
        assertOracleRecoversTheFuture(50, List.of("a"), 4, 5, NormalizeMethod.NONE, SeriesTransform.NONE, 3);
        assertOracleRecoversTheFuture(50, List.of("a"), 4, 5, NormalizeMethod.MINMAX, SeriesTransform.LOG, 0);
    }

    @Test
    void airPassengersUpTo1959ForecastsTheTrue1960FromAnOracle() throws IOException {
        List<String> lines = Files.readAllLines(Files2.exampleData().resolve("air_passengers.csv"));
        assertThat(lines.get(lines.size() - 12)).startsWith("\"1960-01\"");
        Path prefix = Files.write(dir.resolve("air.csv"), lines.subList(0, lines.size() - 12));
        for (SeriesTransform transform : SeriesTransform.values()) {
          for (Differencing diff : List.of(Differencing.of(12), Differencing.of(1, 12))) {
            TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(new SplitSpec(prefix, Holdout.fraction(0.12),
                    Holdout.fraction(0.12), 0), Optional.of("month"), List.of(), List.of("passengers"), 24, 12, 1,
                    NormalizeMethod.MINMAX, transform, Double.NaN, diff, List.of(), List.of(), List.of(), Optional.empty()));
            assertThat(d.lastTime()).contains("1959-12");
            assertThat(d.futureLabels(12)).containsExactly("1960-01", "1960-02", "1960-03", "1960-04", "1960-05",
                    "1960-06", "1960-07", "1960-08", "1960-09", "1960-10", "1960-11", "1960-12");
            int t0 = d.forecastWindow().origin();
            assertThat(t0).isEqualTo(132);
            // the oracle: the true 1960 values, transformed and differenced as the data set does
            ValueTransform tr = d.transformOf("passengers");
            double[] u = new double[t0 + 12];
            for (int r = 0; r < u.length; r++) {
                u[r] = tr.apply(Double.parseDouble(lines.get(1 + r).split(",")[1]));
            }
            double[] du = diff.apply(u);
            float[] z = new float[12];
            for (int h = 0; h < 12; h++) {
                z[h] = d.normalization().apply("passengers", du[t0 + h]);
            }
            float[] forecast = d.forecastToOriginalUnits(z);
            for (int h = 0; h < 12; h++) {
                float want = Float.parseFloat(lines.get(1 + t0 + h).split(",")[1]);
                assertThat(forecast[h]).as("%s %s, 1960 month %d", transform, diff, h + 1).isCloseTo(want, within(2e-3f));
            }
          }
        }
    }

    @Test
    void theForecastWindowsInputsArePreparedExactlyLikeATrainingWindows() {
        // with a separate test file the normalization is fitted on the training file alone, so a data set whose test
        // file has `horizon` more rows has, as its last test window, the window at the end of the shorter one
        Path train = series("train.csv", 0, 40);
        SplitSpec shortSplits = new SplitSpec(train, Holdout.fraction(0.2), Holdout.file(series("short.csv", 40, 60)), 0);
        SplitSpec longSplits = new SplitSpec(train, Holdout.fraction(0.2), Holdout.file(series("long.csv", 40, 63)), 0);
        for (SeriesTransform transform : SeriesTransform.values()) {
            TimeSeriesDataset shorter = Datasets.load(spec(shortSplits, List.of("a", "b"), List.of("a"), 5, 3,
                    NormalizeMethod.ZSCORE, transform, 4));
            TimeSeriesDataset longer = Datasets.load(spec(longSplits, List.of("a", "b"), List.of("a"), 5, 3,
                    NormalizeMethod.ZSCORE, transform, 4));
            Example end = shorter.forecastWindow();
            Example known = longer.test().get(longer.test().size() - 1);
            assertThat(end.origin()).isEqualTo(known.origin()).isEqualTo(20);
            assertThat(((Input.Features) end.input()).values()).containsExactly(((Input.Features) known.input()).values());
            assertThat(((Target.Values) end.target()).values()).containsOnly(Float.NaN);
            assertThat(shorter.lastTime()).contains("59");
            // the window's own target, inverted with the shorter data set, is the longer file's values
            assertThat(shorter.forecastToOriginalUnits(((Target.Values) known.target()).values()))
                    .usingComparatorWithPrecision(1e-4f).containsExactly(longer.originalTargets(Split.TEST, known));
        }
    }

    @Test
    void rollingForwardOnTheTrueFutureIsTheWindowOfTheLongerData() {
        Path train = series("train.csv", 0, 40);
        SplitSpec shortSplits = new SplitSpec(train, Holdout.fraction(0.2), Holdout.file(series("short.csv", 40, 60)), 0);
        SplitSpec longSplits = new SplitSpec(train, Holdout.fraction(0.2), Holdout.file(series("long.csv", 40, 67)), 0);
        TimeSeriesDataset shorter = Datasets.load(spec(shortSplits, List.of(), List.of("a", "b"), 5, 3,
                NormalizeMethod.MINMAX, SeriesTransform.LOG, 4));
        TimeSeriesDataset longer = Datasets.load(spec(longSplits, List.of(), List.of("a", "b"), 5, 3,
                NormalizeMethod.MINMAX, SeriesTransform.LOG, 4));
        assertThat(shorter.canRollForward()).isTrue();
        float[] continuation = truth(shorter, 60, 4); // rows 60..63 of the series
        Example rolled = shorter.forecastWindow(continuation);
        Example known = longer.test().get(longer.test().size() - 1); // first target at row 64 (file row 24)
        assertThat(rolled.origin()).isEqualTo(24);
        assertThat(known.origin()).isEqualTo(24);
        float[] a = ((Input.Features) rolled.input()).values();
        float[] b = ((Input.Features) known.input()).values();
        assertThat(a).usingComparatorWithPrecision(1e-6f).containsExactly(b);
        // un-differenced onto the continuation: the oracle's forecast after it is the longer file's values
        float[] back = shorter.forecastToOriginalUnits(continuation, ((Target.Values) known.target()).values());
        assertThat(back).usingComparatorWithPrecision(1e-4f).containsExactly(longer.originalTargets(Split.TEST, known));
        assertThat(shorter.forecastWindow(new float[0]).origin()).isEqualTo(shorter.forecastWindow().origin());
    }

    @Test
    void featuresThatAreNotForecastCannotBeRolledForward() {
        SplitSpec splits = new SplitSpec(series("s.csv", 0, 40), Holdout.fraction(0.2), Holdout.fraction(0.2), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, List.of("a", "b"), List.of("a"), 4, 2, NormalizeMethod.ZSCORE,
                SeriesTransform.NONE, 0));
        assertThat(d.canRollForward()).isFalse();
        assertThat(d.forecastWindow().origin()).isEqualTo(40);
        assertThatThrownBy(() -> d.forecastWindow(new float[] {30f, 31f})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[b]").hasMessageContaining("not targets");
        assertThatThrownBy(() -> d.forecastWindow(new float[] {Float.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void futureStepsAreLabelledByContinuingTheTimeColumnOrNumbered() {
        assertThat(labels("month", "1960-11", "1960-12")).containsExactly("1961-01", "1961-02", "1961-03");
        assertThat(labels("quarter", "1960-07", "1960-10")).containsExactly("1961-01", "1961-04", "1961-07");
        assertThat(labels("date", "2016-08-27", "2016-08-28")).containsExactly("2016-08-29", "2016-08-30", "2016-08-31");
        assertThat(labels("week", "2016-08-21", "2016-08-28")).containsExactly("2016-09-04", "2016-09-11", "2016-09-18");
        assertThat(labels("monthEnd", "2016-07-15", "2016-08-15")).containsExactly("2016-09-15", "2016-10-15", "2016-11-15");
        assertThat(labels("year", "1958", "1960")).containsExactly("1962", "1964", "1966");
        assertThat(labels("text", "Mon", "Tue")).containsExactly("1", "2", "3");
        assertThat(labels("bad", "1960-12", "1960-13")).containsExactly("1", "2", "3");
        Path f = Files2.write(dir, "none.csv", "a", "1", "2", "3", "4", "5", "6");
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(f), Optional.empty(), List.of(),
                List.of("a"), 2, 1, 1, NormalizeMethod.NONE));
        assertThat(d.lastTime()).isEmpty();
        assertThat(d.futureLabels(3)).containsExactly("1", "2", "3");
        assertThat(d.futureLabels(0)).isEmpty();
    }

    private List<String> labels(String name, String previous, String last) {
        // four earlier rows with labels of their own (a time column holds no repeats), then the two the labels continue
        Path f = Files2.write(dir, name + ".csv", "t,a", "p1,1", "p2,2", "p3,3", "p4,4", previous + ",5", last + ",6");
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(f), Optional.of("t"), List.of(),
                List.of("a"), 2, 1, 1, NormalizeMethod.NONE));
        assertThat(d.lastTime()).contains(last);
        return d.futureLabels(3);
    }
}
