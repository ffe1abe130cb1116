package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chained differencing and its exact inverse. */
class DifferencingTest {

    private static double[] series(int n) {
        Random r = new Random(7);
        double[] u = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = 100 + 0.8 * t + 10 * Math.sin(2 * Math.PI * t / 12) + r.nextGaussian();
        }
        return u;
    }

    @Test
    void lagsOneAndTwelveAreTheAirlineDifferences() {
        double[] u = series(40);
        double[] d = Differencing.of(1, 12).apply(u);
        for (int t = 0; t < 13; t++) {
            assertThat(d[t]).isNaN();
        }
        for (int t = 13; t < 40; t++) {
            double airline = u[t] - u[t - 1] - u[t - 12] + u[t - 13];
            assertThat(d[t]).isCloseTo(airline, within(1e-9));
        }
        assertThat(Differencing.of(12, 1).apply(u)[20]).isCloseTo(d[20], within(1e-9));
        assertThat(Differencing.of(1, 12).span()).isEqualTo(13);
    }

    @Test
    void invertingAWindowsTrueDifferencesGivesBackTheSeries() {
        double[] u = series(60);
        for (Differencing diff : new Differencing[] {Differencing.none(), Differencing.of(1), Differencing.of(12),
            Differencing.of(1, 12), Differencing.of(1, 1), Differencing.of(2, 3, 7)}) {
            double[] d = diff.apply(u);
            int t0 = 30;
            double[] window = java.util.Arrays.copyOfRange(d, t0, t0 + 20); // longer than every lag
            double[] back = diff.invert(java.util.Arrays.copyOf(u, t0), t0, window);
            for (int h = 0; h < back.length; h++) {
                assertThat(back[h]).as("%s step %d", diff, h).isCloseTo(u[t0 + h], within(1e-9));
            }
        }
    }

    @Test
    void zeroSeasonalAndFirstDifferencesRepeatLastYearsChange() {
        // (1-B)(1-B^12) d = 0 means u[t] = u[t-1] + u[t-12] - u[t-13]
        double[] u = series(30);
        double[] back = Differencing.of(1, 12).invert(u, 30, new double[3]);
        assertThat(back[0]).isCloseTo(u[29] + u[18] - u[17], within(1e-9));
        assertThat(back[1]).isCloseTo(back[0] + u[19] - u[18], within(1e-9));
    }

    @Test
    void tooLittleHistoryIsExplained() {
        assertThatThrownBy(() -> Differencing.of(1, 12).invert(new double[12], 12, new double[1]))
                .hasMessageContaining("needs the 13 rows before it");
        assertThatThrownBy(() -> Differencing.of(0)).hasMessageContaining("at least 1");
    }
}
