package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.loss.GaussianNllLoss;
import io.rnn4j.core.loss.PinballLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forecast figures in original units, against oracles and the baselines computed on their own. */
class ForecastEvaluationTest {
    @TempDir
    Path dir;

    private TimeSeriesDataset data(Differencing diff, SeriesTransform t) {
        List<String> lines = new ArrayList<>(List.of("t,y"));
        for (int r = 0; r < 120; r++) {
            lines.add(r + "," + (100 + 20 * Math.sin(2 * Math.PI * r / 12) + r + (r * 7919 % 13)));
        }
        Path f = Files2.write(dir, "s.csv", lines.toArray(String[]::new));
        return Datasets.load(new TimeSeriesSpec(new SplitSpec(f, Holdout.fraction(0.2), Holdout.fraction(0.2), 0),
                Optional.of("t"), List.of(), List.of("y"), 12, 4, 1, NormalizeMethod.ZSCORE, t, Double.NaN, diff, List.of(),
                List.of(), List.of(), Optional.empty()));
    }

    /** The windows' true normalized targets: what a perfect model outputs. */
    private static List<float[]> oracle(List<Example> windows) {
        List<float[]> out = new ArrayList<>();
        for (Example e : windows) {
            out.add(((Target.Values) e.target()).values().clone());
        }
        return out;
    }

    @Test
    void aPerfectPointModelHasNoErrorAndTheBaselinesAreTheSeasonalNaiveOnes() {
        TimeSeriesDataset d = data(Differencing.of(1, 12), SeriesTransform.BOX_COX);
        ForecastEvaluation e = ForecastEvaluation.of(d, Split.TEST, ForecastEvaluationTest::oracle, Optional.empty(), 12,
                List.of());
        assertThat(e.model().rmse()).isLessThan(2e-3);
        assertThat(e.byStep()).hasSize(4);
        ForecastErrors seasonal = new SeasonalNaive(12).evaluate(d, Split.TEST);
        assertThat(e.seasonal().rmse()).isCloseTo(seasonal.rmse(), within(1e-4));
        assertThat(e.seasonal().mae()).isCloseTo(seasonal.mae(), within(1e-4));
        ForecastErrors naive = new SeasonalNaive(1).evaluate(d, Split.TEST);
        assertThat(e.naive().mae()).isCloseTo(naive.mae(), within(1e-4));
        assertThat(e.interval()).isEmpty();
        // MASE of the seasonal-naive forecast is its MAE over the in-sample seasonal-naive MAE
        float[] hist = java.util.Arrays.copyOf(d.series(Split.TEST).column(0), d.test().get(0).origin());
        assertThat(e.seasonal().mase()).isCloseTo(seasonal.mae() / ForecastMetrics.maseScale(hist, 12), within(1e-6));
        assertThat(e.plot()).hasSize(1);
        ForecastEvaluation.Track t = e.plot().get(0);
        int last = t.actual().length - 1;
        assertThat(t.point()[last - 3]).isCloseTo(t.actual()[last - 3], within(2e-3)); // a test window's first target
    }

    @Test
    void aGaussianAroundTheTruthCoversItAndQuantilesAreInvertedLikeTheMean() {
        TimeSeriesDataset d = data(Differencing.none(), SeriesTransform.LOG);
        // mean = the truth, scale 0.5 (normalized units): the 80 % interval holds every actual value
        ForecastEvaluation e = ForecastEvaluation.of(d, Split.TEST, ws -> {
            List<float[]> out = new ArrayList<>();
            for (float[] y : oracle(ws)) {
                float[] row = new float[8];
                System.arraycopy(y, 0, row, 0, 4);
                java.util.Arrays.fill(row, 4, 8, 0.5f);
                out.add(row);
            }
            return out;
        }, Optional.of(new GaussianNllLoss()), 12, List.of());
        assertThat(e.model().rmse()).isLessThan(1e-3);
        ForecastEvaluation.Interval i = e.interval().orElseThrow();
        assertThat(i.level()).isCloseTo(0.8, within(1e-12));
        assertThat(i.coverage()).isEqualTo(1.0);
        // the bounds are exp(log-scale bounds): wider above the mean than below, and positive
        assertThat(i.width()).isPositive();
        assertThat(e.plot().get(0).lower()).isNotEmpty();
    }

    @Test
    void quantileForecastsMissingTheTruthLowerTheCoverage() {
        TimeSeriesDataset d = data(Differencing.none(), SeriesTransform.NONE);
        // the 10 % .. 90 % band lies entirely above the truth: coverage 0, and the pinball loss grows
        ForecastEvaluation e = ForecastEvaluation.of(d, Split.TEST, ws -> {
            List<float[]> out = new ArrayList<>();
            for (float[] y : oracle(ws)) {
                float[] row = new float[12];
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < 4; i++) {
                        row[k * 4 + i] = y[i] + 1 + k;
                    }
                }
                out.add(row);
            }
            return out;
        }, Optional.of(new PinballLoss(0.1, 0.5, 0.9)), 12, List.of());
        assertThat(e.interval().orElseThrow().coverage()).isZero();
        // the median block is the truth + 2 normalized units: MAE = 2 z-score scales of y
        double scale = d.normalization().column("y").scale();
        assertThat(e.model().mae()).isCloseTo(2 * scale, within(1e-3 * scale));
    }

    @Test
    void backtestOriginsAreTheLatestWindowAndEveryStepBefore() {
        TimeSeriesDataset d = data(Differencing.none(), SeriesTransform.NONE);
        List<Example> o = Backtest.origins(d, Split.TEST, 3, 5);
        int last = d.test().get(d.test().size() - 1).origin();
        assertThat(o).extracting(Example::origin).containsExactly(last - 10, last - 5, last);
        assertThat(Backtest.origins(d, Split.TEST, 100, 1)).hasSize(d.test().size());
        ForecastEvaluation e = ForecastEvaluation.of(d, Split.TEST, o, ForecastEvaluationTest::oracle, Optional.empty(), 12,
                List.of());
        assertThat(e.windows()).isEqualTo(3);
        assertThat(e.byStep()).allSatisfy(s -> assertThat(s.count()).isEqualTo(3));
    }
}
