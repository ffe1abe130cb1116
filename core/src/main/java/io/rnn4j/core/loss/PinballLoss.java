package io.rnn4j.core.loss;

import io.rnn4j.core.Tensor;
import java.util.Arrays;

/**
 * The quantile (pinball) loss of forecasts of several quantiles (Koenker and Bassett 1978; the loss of
 * MQ-RNN, Wen et al. 2017): for quantile level {@code q} and error {@code u = y - yhat},
 * <pre>
 *   rho_q(u) = max(q u, (q - 1) u)
 * </pre>
 * averaged over the valid target values and the quantile levels. Predictions are
 * {@code [batch, m n]} (or {@code [batch, time, m n]}) for {@code m} levels: the {@code n} values of the
 * first level, then those of the second, ...; targets {@code [batch, n]}. The gradient with respect to
 * {@code yhat} is {@code -q} where {@code y > yhat}, {@code 1 - q} where {@code y < yhat} and
 * {@code 0.5 - q} at a tie (the mean of the two sides, as PyTorch's {@code max} splits a tie), divided by
 * {@code m} times the number of target values.
 */
public final class PinballLoss extends BlockLoss implements DistributionLoss {
    /** The levels used when none are given: the 10 %, 50 % and 90 % quantiles (an 80 % interval). */
    public static final double[] DEFAULT_LEVELS = {0.1, 0.5, 0.9};

    private final double[] levels;

    /**
     * A pinball loss over {@code levels}.
     *
     * @param levels quantile levels, each in (0, 1), strictly increasing, at least one
     */
    public PinballLoss(double... levels) {
        if (levels.length == 0) {
            throw new IllegalArgumentException("pinball: give at least one quantile level, such as [0.1, 0.5, 0.9]");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw new IllegalArgumentException("pinball: quantile levels must lie strictly between 0 and 1 and "
                        + "increase, got " + Arrays.toString(levels) + "; for example [0.1, 0.5, 0.9]");
            }
        }
        this.levels = levels.clone();
    }

    /** The quantile levels, increasing. */
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public LossKind kind() {
        return LossKind.PINBALL;
    }

    @Override
    public int blocks() {
        return levels.length;
    }

    /** The loss's own levels. */
    @Override
    public double[] reportedLevels() {
        return levels();
    }

    /** The block of {@code level}, which must be one of the loss's levels. */
    @Override
    public float[] quantile(float[] row, double level) {
        int m = levels.length;
        int n = row.length / m;
        for (int k = 0; k < m; k++) {
            if (Math.abs(levels[k] - level) < 1e-12) {
                return java.util.Arrays.copyOfRange(row, k * n, (k + 1) * n);
            }
        }
        throw new IllegalArgumentException("this quantile forecast gives the levels " + Arrays.toString(levels)
                + ", not " + level);
    }

    @Override
    double value(double[] p, double y, double[] g) {
        double sum = 0;
        int m = levels.length;
        for (int k = 0; k < m; k++) {
            double q = levels[k];
            double u = y - p[k];
            sum += Math.max(q * u, (q - 1) * u);
            if (g != null) {
                g[k] = (u > 0 ? -q : u < 0 ? 1 - q : 0.5 - q) / m;
            }
        }
        return sum / m;
    }

    /** The block of the level closest to the median (the median itself when 0.5 is a level). */
    @Override
    public Tensor point(Tensor predictions) {
        int best = 0;
        for (int k = 1; k < levels.length; k++) {
            best = Math.abs(levels[k] - 0.5) < Math.abs(levels[best] - 0.5) ? k : best;
        }
        return block(predictions, levels.length, best);
    }

    @Override
    public String toString() {
        return "pinball(levels=" + Arrays.toString(levels) + ")";
    }
}
