package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forecast scores: normal quantiles against scipy, the rest against their definitions by hand. */
class ForecastMetricsTest {

    @Test
    void normalQuantileAndErfcAreScipys() {
        double[] p = ForecastReference.get("ndtri.p");
        double[] x = ForecastReference.get("ndtri.x");
        for (int i = 0; i < p.length; i++) {
            assertThat(ForecastMetrics.normalQuantile(p[i])).as("p=%s", p[i]).isCloseTo(x[i], within(1e-12 * Math.max(1, Math.abs(x[i]))));
        }
        double[] ex = ForecastReference.get("erfc.x");
        double[] ey = ForecastReference.get("erfc.y");
        for (int i = 0; i < ex.length; i++) {
            assertThat(ForecastMetrics.erfc(ex[i])).as("erfc(%s)", ex[i]).isCloseTo(ey[i], within(1e-14 + 1e-13 * ey[i]));
        }
    }

    @Test
    void coverageWidthAndSmapeByHand() {
        float[] lo = {0, 1, 2, 3};
        float[] hi = {2, 2, 4, 3};
        float[] y = {1, 3, 2, 3};
        assertThat(ForecastMetrics.coverage(lo, hi, y)).isEqualTo(0.75); // 3 outside [1, 2]
        assertThat(ForecastMetrics.meanWidth(lo, hi)).isEqualTo(1.25);
        // |1-2|/(1+2)*200 = 66.67, 0/0 -> 0
        assertThat(ForecastMetrics.smape(new float[] {2, 0}, new float[] {1, 0})).isCloseTo(100.0 / 3, within(1e-9));
    }

    @Test
    void meanPinballAndMaseScaleByHand() {
        // levels 0.1 and 0.9, y = 10: f_0.1 = 8 (u=2 -> 0.2), f_0.9 = 9 (u=1 -> 0.9)
        double mp = ForecastMetrics.meanPinball(new double[] {0.1, 0.9}, new float[][] {{8}, {9}}, new float[] {10});
        assertThat(mp).isCloseTo((0.2 + 0.9) / 2, within(1e-12));
        assertThat(ForecastMetrics.maseScale(new float[] {1, 2, 4, 7}, 1)).isCloseTo(2, within(1e-12));
        assertThat(ForecastMetrics.maseScale(new float[] {1, 2, 4, 7}, 2)).isCloseTo(4, within(1e-12));
    }

    @Test
    void horizonErrorsAreKeptPerStep() {
        HorizonErrors e = new HorizonErrors(2);
        e.add(new float[] {1, 5}, new float[] {2, 5});
        e.add(new float[] {3, 1}, new float[] {3, 4});
        List<HorizonErrors.Step> s = e.steps(2);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).mae()).isEqualTo(0.5);
        assertThat(s.get(0).rmse()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(s.get(1).mae()).isEqualTo(1.5);
        assertThat(s.get(2).step()).isZero();
        assertThat(s.get(2).mae()).isEqualTo(1.0);
        assertThat(s.get(2).mase()).isEqualTo(0.5);
        assertThat(e.count()).isEqualTo(2);
    }
}
