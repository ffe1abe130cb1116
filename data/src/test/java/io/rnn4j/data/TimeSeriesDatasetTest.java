package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Rnn4jException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesDatasetTest {
    @TempDir
    Path dir;

    private Path tenRows() {
        return Files2.write(dir, "s.csv", "month,a,b", "2020-01,1,10", "2020-02,2,20", "2020-03,3,30", "2020-04,4,40",
                "2020-05,5,50", "2020-06,6,60", "2020-07,7,70", "2020-08,8,80", "2020-09,9,90", "2020-10,10,100");
    }

    private static TimeSeriesSpec spec(SplitSpec splits, int lookback, int horizon, int stride, NormalizeMethod n) {
        return new TimeSeriesSpec(splits, Optional.of("month"), List.of("a", "b"), List.of("b"), lookback, horizon, stride, n);
    }

    @Test
    void cutsWindowsOfLookbackInputsAndHorizonTargetsAndSplitsChronologically() {
        SplitSpec splits = new SplitSpec(tenRows(), Holdout.fraction(0.2), Holdout.fraction(0.2), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, 3, 2, 1, NormalizeMethod.NONE));
        // 6 training rows (0..5), validation rows 6..7, test rows 8..9
        assertThat(d.train()).hasSize(2);
        Example first = d.train().get(0);
        assertThat(first.input()).isEqualTo(new Input.Features(new float[] {1, 10, 2, 20, 3, 30}, 3, 2));
        assertThat(first.target()).isEqualTo(new Target.Values(new float[] {40, 50}));
        assertThat(first.origin()).isEqualTo(3);
        assertThat(d.train().get(1).origin()).isEqualTo(4);
        // validation targets lie in rows 6..7; the inputs reach back into the training rows
        assertThat(d.validation()).containsExactly(new Example(new Input.Features(new float[] {4, 40, 5, 50, 6, 60}, 3, 2),
                new Target.Values(new float[] {70, 80}), 6));
        assertThat(d.test()).containsExactly(new Example(new Input.Features(new float[] {6, 60, 7, 70, 8, 80}, 3, 2),
                new Target.Values(new float[] {90, 100}), 8));
        DataSchema s = d.schema();
        assertThat(s.inputSize()).isEqualTo(2);
        assertThat(s.outputSize()).isEqualTo(2);
        assertThat(s.featureNames()).containsExactly("a", "b");
        assertThat(s.targetNames()).containsExactly("b");
    }

    @Test
    void normalizationIsFittedOnTheTrainingRowsOnly() {
        SplitSpec splits = new SplitSpec(tenRows(), Holdout.fraction(0.2), Holdout.fraction(0.2), 0);
        TimeSeriesDataset d = Datasets.load(spec(splits, 3, 2, 1, NormalizeMethod.ZSCORE));
        ColumnStats a = d.normalization().column("a");
        // rows 0..5 of a are 1..6: mean 3.5, population variance 17.5 / 6
        assertThat(a.center()).isEqualTo(3.5);
        assertThat(a.scale()).isCloseTo(Math.sqrt(17.5 / 6), within(1e-12));
        assertThat(d.normalization().column("b").center()).isEqualTo(35);
        float[] target = ((Target.Values) d.test().get(0).target()).values();
        assertThat(d.toOriginalUnits(target)[0]).isCloseTo(90f, within(1e-4f));
        assertThat(d.toOriginalUnits(target)[1]).isCloseTo(100f, within(1e-4f));
        assertThat(d.schema().normalization()).contains(d.normalization());
        assertThat(d.series(Split.TEST).value(0, 9)).isEqualTo(100f);
    }

    @Test
    void minMaxScalesTheTrainingRangeToZeroOne() {
        TimeSeriesDataset d = Datasets.load(spec(SplitSpec.trainOnly(tenRows()), 2, 1, 1, NormalizeMethod.MINMAX));
        assertThat(((Input.Features) d.train().get(0).input()).get(0, 0)).isZero();
        assertThat(((Target.Values) d.train().get(7).target()).get(0)).isEqualTo(1f);
    }

    @Test
    void severalTargetsAreLaidOutStepMajor() {
        TimeSeriesDataset d = Datasets.load(new TimeSeriesSpec(SplitSpec.trainOnly(tenRows()), Optional.empty(), List.of("a"),
                List.of("a", "b"), 2, 2, 1, NormalizeMethod.NONE));
        // first target row 2: (a, b) at rows 2 and 3
        assertThat(d.train().get(0).target()).isEqualTo(new Target.Values(new float[] {3, 30, 4, 40}));
        assertThat(d.train().get(0).input()).isEqualTo(new Input.Features(new float[] {1, 2}, 2, 1));
        assertThat(d.schema().outputSize()).isEqualTo(4);
        assertThat(d.targets()).containsExactly("a", "b");
    }

    @Test
    void theStrideSpacesWindowStarts() {
        TimeSeriesDataset d = Datasets.load(spec(SplitSpec.trainOnly(tenRows()), 2, 1, 3, NormalizeMethod.NONE));
        assertThat(d.train()).extracting(Example::origin).containsExactly(2, 5, 8);
    }

    @Test
    void separateFilesAreWindowedOnTheirOwnWithTrainingStatistics() {
        Path val = Files2.write(dir, "v.csv", "month,a,b", "2021-01,100,1", "2021-02,200,2", "2021-03,300,3");
        TimeSeriesDataset d = Datasets.load(spec(new SplitSpec(tenRows(), Holdout.file(val), Holdout.none(), 0), 2, 1, 1,
                NormalizeMethod.ZSCORE));
        assertThat(d.validation()).hasSize(1);
        assertThat(d.validation().get(0).origin()).isEqualTo(2);
        assertThat(d.normalization().column("a").center()).isEqualTo(5.5);
        assertThat(d.series(Split.VALIDATION).rows()).isEqualTo(3);
    }

    @Test
    void aMissingColumnSuggestsTheClosestName() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112");
        Rnn4jException e = catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "month", "passenger", 12)));
        assertThat(e.id()).isEqualTo(DataErrors.MISSING_COLUMN);
        assertThat(e).hasMessage("RNN4J-DATA-003: missing column \"passenger\" (from `targets`) in " + f + ", line 1: found the "
                + "columns \"month\", \"passengers\"; expected a column named \"passenger\". Fix: did you mean \"passengers\"? "
                + "Change `targets` or the file's header row.");
    }

    @Test
    void aMissingTimeColumnIsReportedWithoutASuggestionWhenNothingIsClose() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "timestamp", "passengers", 12))))
                .hasMessage("RNN4J-DATA-003: missing column \"timestamp\" (from `time`) in " + f + ", line 1: found the columns "
                        + "\"month\", \"passengers\"; expected a column named \"timestamp\". Fix: set `time` to one of the columns, "
                        + "or add the column to the file.");
    }

    @Test
    void aBadNumberNamesLineColumnAndValue() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112", "1949-02,12a");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "month", "passengers", 1))))
                .hasMessage("RNN4J-DATA-004: bad number in " + f + ", line 3, column 2 (passengers): found \"12a\"; expected a "
                        + "finite decimal number such as 112, -0.5 or 1.5e3. Fix: correct the cell, or leave column "
                        + "\"passengers\" out of `targets`.");
    }

    @Test
    void anEmptyCellIsAMissingValue() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112", "1949-02,", "1949-03,132");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "month", "passengers", 1))))
                .hasMessage("RNN4J-DATA-004: missing value in " + f + ", line 3, column 2 (passengers): found an empty cell; "
                        + "expected a finite decimal number such as 112, -0.5 or 1.5e3. Fix: fill in the missing value (for "
                        + "example by interpolating) or delete the row; rnn4j does not impute missing values.");
    }

    @Test
    void aRowWithTooManyCellsIsMalformed() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112", "1949-02,118,7");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "month", "passengers", 1))))
                .hasMessage("RNN4J-DATA-005: malformed row in " + f + ", line 3: found 3 cells; expected 2 cells, one per header "
                        + "column (\"month\", \"passengers\"). Fix: quote every cell that contains a comma or a line break "
                        + "(\"a, b\"), double the quotes inside a quoted cell (\"say \"\"hi\"\"\"), and give every row all columns.");
    }

    @Test
    void aSeriesShorterThanOneWindowIsTooShort() {
        Path f = Files2.write(dir, "air.csv", "month,passengers", "1949-01,112", "1949-02,118", "1949-03,132");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(
                TimeSeriesSpec.univariate(SplitSpec.trainOnly(f), "month", "passengers", 12))))
                .hasMessage("RNN4J-DATA-012: series too short in " + f + ": found 3 training rows; expected at least 13 training "
                        + "rows (lookback 12 + horizon 1) for one window. Fix: lower `lookback` or `horizon`, change the "
                        + "`validation`/`test` fractions, or use a longer series.");
    }

    @Test
    void aHoldoutShorterThanTheHorizonIsTooShort() {
        SplitSpec splits = new SplitSpec(tenRows(), Holdout.fraction(0.1), Holdout.none(), 0);
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Datasets.load(spec(splits, 3, 2, 1, NormalizeMethod.NONE))))
                .hasMessage("RNN4J-DATA-012: series too short in " + dir.resolve("s.csv") + ": found 1 validation row; expected "
                        + "at least 2 validation rows (horizon 2) for one window. Fix: lower `lookback` or `horizon`, change the "
                        + "`validation`/`test` fractions, or use a longer series.");
    }

    @Test
    void optionsAreValidatedWhenTheSpecIsBuilt() {
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> spec(SplitSpec.trainOnly(tenRows()), 0, 1, 1, NormalizeMethod.NONE)))
                .hasMessage("RNN4J-DATA-014: invalid option `data.lookback`: found 0; expected at least 1 step. "
                        + "Fix: change `data.lookback` in the experiment file.");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> Holdout.fraction(1.5)))
                .hasMessage("RNN4J-DATA-014: invalid option `data.validation`: found 1.5; expected a fraction between 0 and 1 "
                        + "(exclusive), such as 0.1, or a file path. Fix: change `data.validation` in the experiment file.");
        assertThat(catchThrowableOfType(Rnn4jException.class, () -> BatchOptions.training(0, 1)))
                .hasMessage("RNN4J-DATA-014: invalid option `training.batch_size`: found 0; expected at least 1. "
                        + "Fix: change `training.batch_size` in the experiment file.");
    }
}
