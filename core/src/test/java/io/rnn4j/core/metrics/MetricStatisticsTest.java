package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A metric over a pass whose batch was cut into parts (a data-parallel run's shards) from the parts' statistics
 * added up ({@link Metric#statistics()}, {@link Metric#add}) equals the metric updated with the whole batch:
 * every non-sequence metric, 30 rows of 25 classes (or values) cut into parts of 7, 11 and 12 rows.
 */
class MetricStatisticsTest {
    private static final int ROWS = 30;
    private static final int WIDTH = 25;

    @ParameterizedTest
    @EnumSource(value = MetricKind.class, names = {"CER", "WER", "SEQUENCE_ACCURACY"}, mode = EnumSource.Mode.EXCLUDE)
    void addingThePartsStatisticsGivesTheWholeBatchsResult(MetricKind kind) {
        Random r = new Random(kind.ordinal() + 1);
        boolean values = kind == MetricKind.MAE || kind == MetricKind.RMSE || kind == MetricKind.MAPE;
        float[] x = new float[ROWS * WIDTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] y = new float[values ? ROWS * WIDTH : ROWS];
        for (int i = 0; i < y.length; i++) {
            // class ids, or values with a few exact zeros (MAPE skips them)
            y[i] = values ? (i % 9 == 0 ? 0f : (float) r.nextGaussian()) : r.nextInt(WIDTH);
        }
        Metric whole = Metric.create(kind, WIDTH);
        whole.update(Tensor.of(x, ROWS, WIDTH), values ? Tensor.of(y, ROWS, WIDTH) : Tensor.of(y, ROWS));

        Metric added = Metric.create(kind, WIDTH);
        int[] cuts = {0, 7, 18, ROWS};
        for (int p = 0; p + 1 < cuts.length; p++) {
            int from = cuts[p];
            int n = cuts[p + 1] - from;
            Metric part = Metric.create(kind, WIDTH);
            float[] px = java.util.Arrays.copyOfRange(x, from * WIDTH, (from + n) * WIDTH);
            float[] py = values ? java.util.Arrays.copyOfRange(y, from * WIDTH, (from + n) * WIDTH)
                    : java.util.Arrays.copyOfRange(y, from, from + n);
            part.update(Tensor.of(px, n, WIDTH), values ? Tensor.of(py, n, WIDTH) : Tensor.of(py, n));
            added.add(part.statistics());
        }
        assertThat(whole.result()).as("a result, not NaN").isFinite();
        assertThat(added.result()).as(kind.id()).isCloseTo(whole.result(), org.assertj.core.data.Offset.offset(1e-12));
        // and statistics of another shape are refused
        assertThatThrownBy(() -> added.add(new double[whole.statistics().length + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(kind.id());
    }
}
