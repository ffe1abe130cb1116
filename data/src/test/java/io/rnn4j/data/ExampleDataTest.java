package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The committed example data sets under examples/data load with the options their experiments use.
 * Expected baseline errors were computed independently with a few lines of Python over the CSV files
 * (see the comments), not with this module.
 */
class ExampleDataTest {
    private static final Path DATA = Files2.exampleData();

    @Test
    void fineFoodsHas4000TrainingAnd1000TestReviewsAndAMajorityBaselineOf65Point8Percent() {
        TextClassificationSpec spec = new TextClassificationSpec(
                new SplitSpec(DATA.resolve("fine_foods_train.csv"), Holdout.fraction(0.1), Holdout.file(DATA.resolve("fine_foods_test.csv")), 42),
                "review", "score", new TokenizerOptions(TokenizerKind.WORD, true, 20000, 2), 200);
        Dataset d = Datasets.load(spec);
        assertThat(d.train()).hasSize(3600);
        assertThat(d.validation()).hasSize(400);
        assertThat(d.test()).hasSize(1000);
        assertThat(d.schema().labels().orElseThrow().labels()).containsExactly("great", "other");
        assertThat(d.train()).allSatisfy(e -> assertThat(e.input().steps()).isBetween(1, 200));

        assertThat(classShares(d.test(), 2)).containsExactly(0.658, 0.342);
        long trainGreat = d.train().stream().filter(e -> ((Target.ClassIndex) e.target()).index() == 0).count()
                + d.validation().stream().filter(e -> ((Target.ClassIndex) e.target()).index() == 0).count();
        assertThat(trainGreat).isEqualTo(2600);

        Vocabulary v = d.schema().vocabulary().orElseThrow();
        assertThat(v.size()).isBetween(4000, 20000);
        assertThat(v.token(2)).isEqualTo("the");
        assertThat(v.contains("great")).isTrue();
    }

    private static double[] classShares(List<Example> examples, int classes) {
        double[] share = new double[classes];
        for (Example e : examples) {
            share[((Target.ClassIndex) e.target()).index()] += 1.0 / examples.size();
        }
        for (int c = 0; c < classes; c++) {
            share[c] = Math.round(share[c] * 1000) / 1000.0;
        }
        return share;
    }

    @Test
    void airPassengersHas144MonthsAndASeasonalNaiveTestErrorOf41Point3() {
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(
                new SplitSpec(DATA.resolve("air_passengers.csv"), Holdout.none(), Holdout.fraction(0.2), 42),
                Optional.of("month"), List.of(), List.of("passengers"), 12, 1, 1, NormalizeMethod.ZSCORE));
        // 144 rows: 115 training rows (103 windows), 29 test rows
        assertThat(d.series(Split.TRAIN).rows()).isEqualTo(144);
        assertThat(d.train()).hasSize(103);
        assertThat(d.test()).hasSize(29);
        // python: mean(v[:115]) = 239.94782608695652
        assertThat(d.normalization().column("passengers").center()).isCloseTo(239.94782608695652, within(1e-9));
        // python: mean(|v[t] - v[t-12]|) over t in 115..143 = 41.310344827586206, RMSE 46.08163670464961
        ForecastErrors e = new SeasonalNaive(12).evaluate(d, Split.TEST);
        assertThat(e.mae()).isCloseTo(41.310344827586206, within(1e-9));
        assertThat(e.rmse()).isCloseTo(46.08163670464961, within(1e-9));
        // the last test target, back in original units: December 1960 had 432 thousand passengers
        float[] last = ((Target.Values) d.test().get(28).target()).values();
        assertThat(d.toOriginalUnits(last)[0]).isCloseTo(432f, within(1e-3f));
    }

    @Test
    void airPassengersInLogsWithSeasonalDifferencesInvertsToTheRawValuesAndAZeroForecastIsTheSeasonalNaiveOne() {
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(
                new SplitSpec(DATA.resolve("air_passengers.csv"), Holdout.none(), Holdout.fraction(0.2), 42),
                Optional.of("month"), List.of(), List.of("passengers"), 12, 12, 1, NormalizeMethod.MINMAX, SeriesTransform.LOG, 12));
        // 115 training rows: first target row 12 + 12, windows while t0 + 12 <= 115; 29 test rows: 18 windows
        assertThat(d.train()).hasSize(115 - 24 - 12 + 1);
        assertThat(d.test()).hasSize(18);
        float zero = d.normalization().apply("passengers", 0); // a seasonal log-difference of 0: same as a year earlier
        float[] noChange = new float[12];
        java.util.Arrays.fill(noChange, zero);
        List<Float> predicted = new java.util.ArrayList<>();
        List<Float> actual = new java.util.ArrayList<>();
        for (Example e : d.test()) {
            float[] back = d.toOriginalUnits(e, ((Target.Values) e.target()).values());
            float[] raw = d.originalTargets(e);
            for (int h = 0; h < 12; h++) {
                assertThat(back[h]).isCloseTo(raw[h], within(1e-4f * raw[h]));
            }
            for (float v : d.toOriginalUnits(e, noChange)) {
                predicted.add(v);
            }
            for (float v : raw) {
                actual.add(v);
            }
        }
        float[] p = new float[predicted.size()];
        float[] a = new float[actual.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = predicted.get(i);
            a[i] = actual.get(i);
        }
        ForecastErrors zeroForecast = ForecastErrors.of(p, a);
        ForecastErrors naive = new SeasonalNaive(12).evaluate(d, Split.TEST);
        assertThat(zeroForecast.count()).isEqualTo(naive.count());
        assertThat(zeroForecast.rmse()).isCloseTo(naive.rmse(), within(1e-3));
    }

    @Test
    void chicagoRidershipLoadsAsADailySeriesWithAWeeklySeasonalBaseline() {
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(
                new SplitSpec(DATA.resolve("chicago_ridership.csv"), Holdout.fraction(0.1), Holdout.fraction(0.1), 42),
                Optional.of("date"), List.of(), List.of("ridership"), 28, 1, 1, NormalizeMethod.ZSCORE));
        assertThat(d.series(Split.TRAIN).rows()).isEqualTo(5698);
        assertThat(d.test()).hasSize(570);
        // python: mean(|v[t] - v[t-7]|) over the last 570 rows = 1.355033333333333
        assertThat(new SeasonalNaive(7).evaluate(d, Split.TEST).mae()).isCloseTo(1.355033333333333, within(1e-5));
    }

    @Test
    void prideAndPrejudiceGivesCharacterWindowsWithAHeldOutEnd() {
        Dataset d = Datasets.load(new TextCorpusSpec(
                new SplitSpec(DATA.resolve("pride_and_prejudice.txt"), Holdout.fraction(0.1), Holdout.none(), 42),
                TokenizerOptions.chars(), 100, 0));
        // 684,768 characters: 616,291 for training, the last 68,477 for validation
        assertThat(d.train()).hasSize((616_291 - 101) / 100 + 1);
        assertThat(d.validation()).hasSize((68_477 - 101) / 100 + 1);
        Vocabulary v = d.schema().vocabulary().orElseThrow();
        assertThat(v.size()).isBetween(60, 100);
        assertThat(v.token(4)).isEqualTo(" ");
        String firstWindow = v.decode(((Input.Tokens) d.train().get(0).input()).ids(), "");
        assertThat(firstWindow).startsWith("PRIDE AND PREJUDICE\n\nBy Jane Austen");
    }

    @Test
    void datePairsHaveTenThousandTrainingPairsAndIsoTargets() {
        Dataset d = Datasets.load(new PairsSpec(new SplitSpec(DATA.resolve("dates_train.csv"),
                Holdout.file(DATA.resolve("dates_validation.csv")), Holdout.file(DATA.resolve("dates_test.csv")), 42),
                "source", "target", TokenizerOptions.chars(), TokenizerOptions.chars(), 0, 0));
        assertThat(d.train()).hasSize(10_000);
        assertThat(d.validation()).hasSize(1_000);
        assertThat(d.test()).hasSize(1_000);
        Vocabulary target = d.schema().targetVocabulary().orElseThrow();
        // digits and '-' after the four reserved tokens
        assertThat(target.size()).isEqualTo(15);
        assertThat(d.test()).allSatisfy(e -> {
            int[] t = ((Target.TokenSequence) e.target()).tokens();
            assertThat(t).hasSize(12);
            assertThat(target.decode(t, "")).matches("(19[7-9]\\d|20[0-4]\\d)-[01]\\d-[0-3]\\d");
        });
        Batch b = Batcher.of(d.test().subList(0, 4));
        assertThat(((Targets.Sequences) b.targets()).decoderMask().time()).isEqualTo(11);
    }
}
