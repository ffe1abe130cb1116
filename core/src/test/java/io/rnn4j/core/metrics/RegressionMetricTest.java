package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Worked example: a sequence batch [2, 3, 1] with lengths [3, 1]
 * <pre>
 *   targets      2    4    0  |  5   (pad 1000, 1000)
 *   predictions  2.5  5    1  |  2   (pad 0, 0)
 *   errors       0.5  1    1  | -3
 * </pre>
 * MAE = 5.5 / 4 = 1.375; RMSE = sqrt((0.25 + 1 + 1 + 9) / 4) = sqrt(2.8125); MAPE skips the zero target:
 * (0.5/2 + 1/4 + 3/5) / 3 = 1.1 / 3.
 */
class RegressionMetricTest {
    private static final Tensor PREDICTIONS = Tensor.of(new float[] {2.5f, 5f, 1f, 2f, 0f, 0f}, 2, 3, 1);
    private static final Tensor TARGETS = Tensor.of(new float[] {2f, 4f, 0f, 5f, 1000f, 1000f}, 2, 3, 1);
    private static final SequenceMask MASK = new SequenceMask(2, 3, new int[] {3, 1});

    private static RegressionMetric fed(RegressionMetric m) {
        m.update(PREDICTIONS, TARGETS, MASK);
        return m;
    }

    @Test
    void maeOverValidSteps() {
        assertThat(fed(RegressionMetric.mae()).result()).isEqualTo(1.375);
    }

    @Test
    void rmseOverValidSteps() {
        assertThat(fed(RegressionMetric.rmse()).result()).isCloseTo(Math.sqrt(2.8125), within(1e-15));
    }

    @Test
    void mapeSkipsZeroTargetsAndCountsThem() {
        RegressionMetric mape = fed(RegressionMetric.mape());

        assertThat(mape.result()).isCloseTo(1.1 / 3, within(1e-15));
        assertThat(mape.count()).isEqualTo(3);
        assertThat(mape.skippedZeroTargets()).isEqualTo(1);
    }

    @Test
    void rmseIsOverTheEpochNotTheMeanOfBatches() {
        RegressionMetric rmse = RegressionMetric.rmse();
        rmse.update(Tensor.of(new float[] {1f}, 1, 1), Tensor.of(new float[] {0f}, 1, 1));
        rmse.update(Tensor.of(new float[] {3f, 3f, 3f}, 3, 1), Tensor.of(new float[] {0f, 0f, 0f}, 3, 1));

        // sqrt((1 + 9 + 9 + 9) / 4) = sqrt(7), not (1 + 3) / 2
        assertThat(rmse.result()).isCloseTo(Math.sqrt(7), within(1e-15));
    }

    @Test
    void emptyIsNaNAndResetForgets() {
        RegressionMetric mae = fed(RegressionMetric.mae());
        mae.reset();

        assertThat(mae.result()).isNaN();
        assertThat(mae.count()).isZero();
    }

    @Test
    void targetsMustHaveThePredictionsShape() {
        assertThatThrownBy(() -> RegressionMetric.mae().update(Tensor.zeros(2, 3, 1), Tensor.zeros(2, 3), null))
                .hasMessage("mae: targets have shape [2, 3] but must have the predictions' shape [2, 3, 1]");
        assertThatThrownBy(() -> new RegressionMetric(MetricKind.F1))
                .hasMessage("f1 is not a regression metric; regression metrics are mae, rmse, mape");
    }
}
