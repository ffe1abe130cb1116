package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeasonalNaiveTest {

    @Test
    void repeatsTheLastSeasonForEveryHorizonStep() {
        float[] history = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(new SeasonalNaive(4).forecast(history, 6)).containsExactly(5, 6, 7, 8, 5, 6);
        assertThat(new SeasonalNaive(1).forecast(history, 3)).containsExactly(8, 8, 8);
    }

    @Test
    void scoresTheTestWindowsInOriginalUnits(@TempDir Path dir) {
        Path csv = Files2.write(dir, "s.csv", "t,v", "1,10", "2,20", "3,30", "4,40", "5,11", "6,21", "7,31", "8,41",
                "9,12", "10,22", "11,32", "12,42");
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(
                new SplitSpec(csv, Holdout.none(), Holdout.fraction(0.25), 0), Optional.of("t"), List.of(), List.of("v"),
                2, 1, 1, NormalizeMethod.ZSCORE));
        // test rows 9..11 (0-based) hold 22, 32, 42; one season (4) earlier: 21, 31, 41
        ForecastErrors e = new SeasonalNaive(4).evaluate(d, Split.TEST);
        assertThat(e.count()).isEqualTo(3);
        assertThat(e.mae()).isCloseTo(1.0, within(1e-6));
        assertThat(e.rmse()).isCloseTo(1.0, within(1e-6));
        assertThat(e.skipped()).isZero();
        // training windows start at row 2; those before row 4 have no season of history
        assertThat(new SeasonalNaive(4).evaluate(d, Split.TRAIN).skipped()).isEqualTo(2);
    }

    @Test
    void forecastErrorsCompareTwoArrays() {
        ForecastErrors e = ForecastErrors.of(new float[] {1, 2, 3}, new float[] {2, 2, 6});
        assertThat(e.mae()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(e.rmse()).isCloseTo(Math.sqrt(10.0 / 3), within(1e-12));
    }
}
