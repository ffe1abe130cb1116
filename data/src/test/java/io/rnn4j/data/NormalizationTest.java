package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizationTest {

    @Test
    void zScoreUsesThePopulationStandardDeviation() {
        // mean 2.5, population variance ((1.5^2 + 0.5^2) * 2) / 4 = 1.25
        ColumnStats s = ColumnStats.fit("v", NormalizeMethod.ZSCORE, new double[] {1, 2, 3, 4});
        assertThat(s.center()).isEqualTo(2.5);
        assertThat(s.scale()).isCloseTo(Math.sqrt(1.25), within(1e-12));
        assertThat(s.apply(4)).isCloseTo(1.5 / Math.sqrt(1.25), within(1e-12));
        assertThat(s.invert(s.apply(3.7))).isCloseTo(3.7, within(1e-12));
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        ColumnStats s = ColumnStats.fit("v", NormalizeMethod.MINMAX, new double[] {5, -1, 2});
        assertThat(s.apply(-1)).isZero();
        assertThat(s.apply(5)).isEqualTo(1);
        assertThat(s.apply(2)).isEqualTo(0.5);
    }

    @Test
    void aConstantColumnGetsScaleOneInsteadOfDividingByZero() {
        assertThat(ColumnStats.fit("v", NormalizeMethod.ZSCORE, new double[] {3, 3}).scale()).isEqualTo(1);
        assertThat(ColumnStats.fit("v", NormalizeMethod.MINMAX, new double[] {3, 3}).scale()).isEqualTo(1);
        assertThat(ColumnStats.fit("v", NormalizeMethod.NONE, new double[] {3, 9}).apply(9)).isEqualTo(9);
    }

    @Test
    void invertsAStepMajorForecastOfSeveralTargets() {
        Normalization n = new Normalization(List.of(new ColumnStats("a", NormalizeMethod.ZSCORE, 10, 2),
                new ColumnStats("b", NormalizeMethod.MINMAX, 100, 50)));
        // horizon 2 x targets [a, b]
        assertThat(n.invert(List.of("a", "b"), new float[] {1, 1, -1, 0})).containsExactly(12f, 150f, 8f, 100f);
    }

    @Test
    void roundTripsThroughJson(@TempDir Path dir) throws Exception {
        Normalization n = new Normalization(List.of(new ColumnStats("passengers", NormalizeMethod.ZSCORE, 239.5, 91.25)));
        assertThat(n.toJson()).isEqualTo("""
                {
                  "format" : "rnn4j-normalization",
                  "version" : 1,
                  "columns" : [ {
                    "column" : "passengers",
                    "method" : "zscore",
                    "center" : 239.5,
                    "scale" : 91.25
                  } ]
                }
                """);
        n.write(dir.resolve("norm.json"));
        assertThat(Normalization.read(dir.resolve("norm.json"))).isEqualTo(n);
    }

    @Test
    void rejectsAnEntryWithoutAScale() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Normalization.fromJson(
                        "{\"format\":\"rnn4j-normalization\",\"version\":1,\"columns\":[{\"column\":\"a\",\"method\":\"zscore\",\"center\":1}]}",
                        "n.json"))
                .hasMessage("RNN4J-DATA-015: unreadable normalization statistics in n.json: found the entry "
                        + "{\"column\":\"a\",\"method\":\"zscore\",\"center\":1} (missing field); expected a JSON object with "
                        + "\"format\": \"rnn4j-normalization\" and \"version\": 1. "
                        + "Fix: write it with rnn4j's own writer, or take it from the model archive it came with.");
    }
}
