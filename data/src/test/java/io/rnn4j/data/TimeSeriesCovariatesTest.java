package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.internal.TimeSeriesLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covariates, calendar features, Box-Cox fitted on the training part, and loading with a stored fit. */
class TimeSeriesCovariatesTest {
    @TempDir
    Path dir;

    /** Daily rows from 2016-01-01: y (a level with a weekly swing), temp, promo (a planned event). */
    private Path daily(String name, int from, int rows) {
        List<String> lines = new ArrayList<>(List.of("date,y,temp,promo"));
        for (int r = from; r < from + rows; r++) {
            LocalDate d = LocalDate.of(2016, 1, 1).plusDays(r);
            lines.add(d + "," + (50 + 10 * Math.sin(2 * Math.PI * r / 7) + r * 0.1) + "," + (20 + r % 9) + "," + (r % 5 == 0 ? 1 : 0));
        }
        return Files2.write(dir, name, lines.toArray(String[]::new));
    }

    private static TimeSeriesSpec spec(SplitSpec splits, List<CalendarFeature> calendar, Optional<Path> holidays) {
        return new TimeSeriesSpec(splits, Optional.of("date"), List.of(), List.of("y"), 5, 3, 1, NormalizeMethod.ZSCORE,
                SeriesTransform.NONE, Double.NaN, Differencing.of(7), List.of("temp"), List.of("promo"), calendar, holidays);
    }

    @Test
    void windowsReadTheFuturesCalendarAndPlannedEventsAfterThePast() {
        Path f = daily("d.csv", 0, 60);
        Path hol = Files2.write(dir, "hol.csv", "date", "2016-02-10");
        List<CalendarFeature> cal = List.of(CalendarFeature.DAY_OF_WEEK, CalendarFeature.HOLIDAY);
        TimeSeriesDataset d = Datasets.load(spec(new SplitSpec(f, Holdout.none(), Holdout.fraction(0.2), 0), cal,
                Optional.of(hol)));
        SeriesLayout l = d.layout();
        assertThat(l.inputNames()).containsExactly("y", "temp", "promo", "day_of_week_sin", "day_of_week_cos", "holiday",
                "is_future");
        assertThat(d.schema().inputSize()).isEqualTo(7);
        Example w = d.train().get(0);
        Input.Features x = (Input.Features) w.input();
        assertThat(x.steps()).isEqualTo(5 + 3);
        int t0 = w.origin();
        assertThat(t0).isEqualTo(7 + 5);
        Normalization n = d.normalization();
        for (int s = 0; s < 8; s++) {
            int r = t0 - 5 + s;
            boolean future = s >= 5;
            float[] step = Arrays.copyOfRange(x.values(), s * 7, s * 7 + 7);
            LocalDate date = LocalDate.of(2016, 1, 1).plusDays(r);
            assertThat(step[6]).isEqualTo(future ? 1 : 0);
            if (future) {
                assertThat(step[0]).isZero(); // the series and past covariates are unknown in the future
                assertThat(step[1]).isZero();
            } else {
                assertThat(step[1]).isCloseTo(n.apply("temp", 20 + r % 9), within(1e-6f));
            }
            assertThat(step[2]).isCloseTo(n.apply("promo", r % 5 == 0 ? 1 : 0), within(1e-6f));
            double[] dow = CalendarFeature.DAY_OF_WEEK.values(date, Set.of());
            assertThat(step[3]).isCloseTo((float) dow[0], within(1e-6f));
            assertThat(step[4]).isCloseTo((float) dow[1], within(1e-6f));
        }
        // 2016-02-10 is row 40: the holiday flag of the window that reads it
        Example later = d.train().stream().filter(e -> e.origin() == 38).findFirst().orElseThrow();
        float[] v = ((Input.Features) later.input()).values();
        assertThat(v[(5 + 2) * 7 + 5]).isEqualTo(1f); // step 5 + 2 is row 40
        assertThat(v[(5 + 1) * 7 + 5]).isEqualTo(0f);
    }

    @Test
    void forecastsBeyondTheEndTakeTheFutureCovariatesGiven() {
        Path f = daily("d.csv", 0, 40);
        TimeSeriesDataset d = Datasets.load(spec(SplitSpec.trainOnly(f), List.of(CalendarFeature.MONTH), Optional.empty()));
        assertThatThrownBy(d::forecastWindow).hasMessageContaining("the future covariate promo is needed for the 3 rows")
                .hasMessageContaining("--covariates");
        Example w = d.forecastWindow(new float[0], Map.of("promo", new double[] {1, 0, 0}));
        float[] x = ((Input.Features) w.input()).values();
        int width = d.schema().inputSize();
        assertThat(x[5 * width + 2]).isCloseTo(d.normalization().apply("promo", 1), within(1e-6f));
        assertThat(x[6 * width + 2]).isCloseTo(d.normalization().apply("promo", 0), within(1e-6f));
        double[] feb10 = CalendarFeature.MONTH.values(LocalDate.of(2016, 2, 10), Set.of()); // row 40: the first future row
        assertThat(x[5 * width + 3]).isCloseTo((float) feb10[0], within(1e-6f));
        assertThat(d.canRollForward()).isFalse(); // temp, a past covariate, is unknown after the end
    }

    @Test
    void boxCoxLambdaIsFittedOnTheTrainingPartOnly() {
        Path f = daily("d.csv", 0, 80);
        TimeSeriesSpec s = new TimeSeriesSpec(new SplitSpec(f, Holdout.fraction(0.25), Holdout.fraction(0.25), 0),
                Optional.of("date"), List.of(), List.of("y"), 5, 2, 1, NormalizeMethod.ZSCORE, SeriesTransform.BOX_COX,
                Double.NaN, Differencing.none(), List.of(), List.of(), List.of(), Optional.empty());
        TimeSeriesDataset d = Datasets.load(s);
        double[] train = new double[40];
        for (int r = 0; r < 40; r++) {
            train[r] = 50 + 10 * Math.sin(2 * Math.PI * r / 7) + r * 0.1;
        }
        assertThat(d.transformOf("y").lambda()).isCloseTo(ValueTransform.boxCoxLambda(train), within(1e-6));
        assertThat(SeriesFit.transformsFromJson(d.fit().transformsJson(), "t")).isEqualTo(d.layout().transforms());
    }

    /**
     * Regression test for `evaluate --data FILE` re-fitting the normalisation on a larger training part
     * (the test windows scored 19.661 instead of 19.696 RMSE): loaded with the model's stored fit, a test
     * file gives its windows exactly the inputs and targets they had when the model was trained.
     */
    @Test
    void aTestFileLoadedWithTheStoredFitGivesTheSameWindowsAsAtTraining() {
        Path full = daily("full.csv", 0, 100);
        TimeSeriesSpec trained = spec(new SplitSpec(full, Holdout.fraction(0.2), Holdout.fraction(0.2), 0),
                List.of(CalendarFeature.DAY_OF_WEEK), Optional.empty());
        TimeSeriesDataset original = Datasets.load(trained);
        Path tail = daily("tail.csv", 40, 60); // rows 40..99 as a file of their own
        TimeSeriesSpec evaluate = spec(new SplitSpec(full, Holdout.none(), Holdout.file(tail), 0),
                List.of(CalendarFeature.DAY_OF_WEEK), Optional.empty());
        TimeSeriesDataset refit = Datasets.load(evaluate);
        TimeSeriesDataset stored = TimeSeriesLoader.load(evaluate, original.fit());
        assertThat(refit.normalization()).isNotEqualTo(original.normalization()); // the bug: another centre and scale
        assertThat(stored.normalization()).isEqualTo(original.normalization());
        int matched = 0;
        for (Example e : original.test()) {
            Example same = stored.test().stream().filter(x -> x.origin() + 40 == e.origin()).findFirst().orElseThrow();
            assertThat(((Input.Features) same.input()).values()).containsExactly(((Input.Features) e.input()).values());
            assertThat(((Target.Values) same.target()).values()).containsExactly(((Target.Values) e.target()).values());
            matched++;
        }
        assertThat(matched).isEqualTo(original.test().size()).isPositive();
    }

    @Test
    void calendarFeaturesNeedDatesAndHolidaysNeedTheirFile() {
        Path f = Files2.write(dir, "m.csv", "t,y,temp,promo", "1,1,1,0", "2,2,1,0", "3,3,1,0");
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(f),
                List.of(CalendarFeature.MONTH), Optional.empty())));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("missing column \"date\"");
        Path g = Files2.write(dir, "n.csv", "date,y,temp,promo", "1,1,1,0", "2,2,1,0", "3,3,1,0");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(SplitSpec.trainOnly(g),
                List.of(CalendarFeature.MONTH), Optional.empty()))).getMessage())
                .contains("not a date").contains("line 2, column 1 (date): found \"1\"");
        assertThatThrownBy(() -> spec(SplitSpec.trainOnly(g), List.of(CalendarFeature.HOLIDAY), Optional.empty()))
                .hasMessageContaining("`holidays: FILE` together with `holiday` in `calendar`");
    }
}
