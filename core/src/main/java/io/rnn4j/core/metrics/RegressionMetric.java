package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * MAE, RMSE or MAPE over every valid element since the last reset (targets have the predictions'
 * shape; sums in double):
 * <pre>
 *   mae  = sum |x - y| / N
 *   rmse = sqrt(sum (x - y)^2 / N)
 *   mape = sum |x - y| / |y| / N'      over the N' elements whose target is not 0
 * </pre>
 * MAPE is a fraction (0.05 means 5%), as in scikit-learn and torchmetrics. Elements whose target is
 * exactly 0 are skipped rather than divided by a tiny epsilon as those libraries do (which returns
 * numbers like 1e15 that say nothing); {@link #skippedZeroTargets()} tells how many there were. Targets
 * close to 0 still make MAPE explode: it is meant for strictly positive quantities such as prices or
 * demand.
 */
public final class RegressionMetric implements Metric {
    private final MetricKind kind;
    private double sum;
    private long count;
    private long skipped;

    /**
     * A regression metric.
     *
     * @param kind {@code mae}, {@code rmse} or {@code mape}
     */
    public RegressionMetric(MetricKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (kind != MetricKind.MAE && kind != MetricKind.RMSE && kind != MetricKind.MAPE) {
            throw new IllegalArgumentException(kind.id() + " is not a regression metric; regression metrics are "
                    + "mae, rmse, mape");
        }
    }

    /** Mean absolute error. */
    public static RegressionMetric mae() {
        return new RegressionMetric(MetricKind.MAE);
    }

    /** Root mean squared error. */
    public static RegressionMetric rmse() {
        return new RegressionMetric(MetricKind.RMSE);
    }

    /** Mean absolute percentage error (a fraction), skipping zero targets. */
    public static RegressionMetric mape() {
        return new RegressionMetric(MetricKind.MAPE);
    }

    @Override
    public MetricKind kind() {
        return kind;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        Steps steps = Steps.of(kind.id(), predictions, mask);
        if (!targets.shape().equals(predictions.shape())) {
            throw new IllegalArgumentException(kind.id() + ": targets have shape " + targets.shape()
                    + " but must have the predictions' shape " + predictions.shape());
        }
        int width = steps.width();
        for (int r = 0; r < steps.count(); r++) {
            if (!steps.valid(r)) {
                continue;
            }
            for (int j = r * width; j < (r + 1) * width; j++) {
                double y = targets.getFlat(j);
                double d = predictions.getFlat(j) - y;
                switch (kind) {
                    case MAE -> sum += Math.abs(d);
                    case RMSE -> sum += d * d;
                    default -> {
                        if (y == 0) {
                            skipped++;
                            continue;
                        }
                        sum += Math.abs(d) / Math.abs(y);
                    }
                }
                count++;
            }
        }
    }

    @Override
    public double result() {
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        return kind == MetricKind.RMSE ? Math.sqrt(mean) : mean;
    }

    /** Number of elements that entered the result. */
    public long count() {
        return count;
    }

    /** Number of elements MAPE skipped because their target was 0 (always 0 for MAE and RMSE). */
    public long skippedZeroTargets() {
        return skipped;
    }

    @Override
    public double[] statistics() {
        return new double[] {sum, count, skipped};
    }

    @Override
    public void add(double[] statistics) {
        Metric.requireLength(statistics, 3, kind);
        sum += statistics[0];
        count += (long) statistics[1];
        skipped += (long) statistics[2];
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
        skipped = 0;
    }

    @Override
    public String toString() {
        return kind.id() + " = " + result();
    }
}
