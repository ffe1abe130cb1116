package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.train.Split;
import io.rnn4j.data.internal.TimeSeriesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a model refitted at a backtest origin sees ({@code TimeSeriesLoader.loadUpTo}): the rows before the
 * origin alone, with the transforms and the normalization fitted on their training part. Rows at and after
 * the origin poisoned with huge values change nothing of it, and the same data read whole does change.
 */
class BacktestRefitDataTest {
    @TempDir
    Path dir;

    /** Monthly rows: a level with a yearly swing and a trend; from row {@code poisonFrom} on, 1e6 instead. */
    private Path series(String name, int rows, int poisonFrom) {
        List<String> lines = new ArrayList<>(List.of("month,y"));
        for (int r = 0; r < rows; r++) {
            double v = r >= poisonFrom ? 1e6 : 100 + 10 * Math.sin(2 * Math.PI * r / 12) + 0.5 * r;
            lines.add(java.time.YearMonth.of(2000, 1).plusMonths(r) + "," + v);
        }
        return Files2.write(dir, name, lines.toArray(String[]::new));
    }

    private static TimeSeriesSpec spec(Path file, SeriesTransform transform, int difference) {
        return new TimeSeriesSpec(new SplitSpec(file, Holdout.fraction(0.15), Holdout.fraction(0.15), 3),
                Optional.of("month"), List.of(), List.of("y"), 6, 2, 1, NormalizeMethod.ZSCORE, transform, Double.NaN,
                difference == 0 ? Differencing.none() : Differencing.of(difference), List.of(), List.of(), List.of(), Optional.empty());
    }

    private static float[] targets(List<Example> windows) {
        List<Float> all = new ArrayList<>();
        for (Example e : windows) {
            for (float v : ((Target.Values) e.target()).values()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aFoldSeesNothingAtOrAfterItsOriginAndFitsItsOwnNormalization() {
        for (int origin : new int[] {79, 81, 83}) {
            for (SeriesTransform t : new SeriesTransform[] {SeriesTransform.NONE, SeriesTransform.LOG}) {
                int difference = t == SeriesTransform.LOG ? 1 : 0;
                TimeSeriesDataset clean = TimeSeriesLoader.loadUpTo(spec(series("clean.csv", 100, 100), t, difference),
                        origin);
                TimeSeriesDataset poisoned = TimeSeriesLoader.loadUpTo(spec(series("poisoned.csv", 100, origin), t,
                        difference), origin);
                assertThat(poisoned.normalization()).as("origin %d, %s", origin, t).isEqualTo(clean.normalization());
                assertThat(poisoned.fit().transformsJson()).isEqualTo(clean.fit().transformsJson());
                assertThat(targets(poisoned.train())).isEqualTo(targets(clean.train()));
                assertThat(targets(poisoned.validation())).isEqualTo(targets(clean.validation()));
                assertThat(poisoned.test()).isEmpty();
                // the last target any fold window holds is the row before the origin
                int last = poisoned.validation().get(poisoned.validation().size() - 1).origin() + 2 - 1;
                assertThat(last).isEqualTo(origin - 1);
                // its validation is the spec's fraction of the rows before the origin
                assertThat(poisoned.validation()).hasSize((int) Math.round(origin * 0.15) - 2 + 1);
                // the control: the whole poisoned file read as an experiment fits another normalization
                if (t == SeriesTransform.NONE && origin == 79) {
                    TimeSeriesDataset whole = TimeSeriesLoader.loadUpTo(spec(series("poisoned.csv", 100, 60), t,
                            difference), 100);
                    assertThat(whole.normalization()).isNotEqualTo(clean.normalization());
                }
            }
        }
    }

    @Test
    void aSplitFromAFileOfItsOwnCannotBeCutAtAnOrigin() {
        Path f = series("s.csv", 100, 100);
        TimeSeriesSpec s = new TimeSeriesSpec(new SplitSpec(f, Holdout.fraction(0.15), Holdout.file(f), 3),
                Optional.of("month"), List.of(), List.of("y"), 6, 2, 1, NormalizeMethod.ZSCORE, SeriesTransform.NONE,
                Double.NaN, Differencing.none(), List.of(), List.of(), List.of(), Optional.empty());
        assertThatThrownBy(() -> TimeSeriesLoader.loadUpTo(s, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fractions of the training file");
    }
}
