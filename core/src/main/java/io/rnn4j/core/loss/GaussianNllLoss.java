package io.rnn4j.core.loss;

import io.rnn4j.core.Tensor;

/**
 * The Gaussian negative log-likelihood of a probabilistic forecast (the likelihood of DeepAR, Salinas et
 * al. 2020), PyTorch's {@code GaussianNLLLoss(full=False, eps=1e-6)} with {@code var = sigma^2}: for each
 * target value {@code y} with predicted mean {@code mu} and scale {@code sigma > 0},
 * <pre>
 *   0.5 (log v + (y - mu)^2 / v),    v = max(sigma^2, eps)
 * </pre>
 * averaged over valid target values. Predictions are {@code [batch, 2n]} (or {@code [batch, time, 2n]}):
 * the {@code n} means, then the {@code n} scales (a head with {@code distribution: gaussian} makes the
 * scales positive with a softplus), for targets {@code [batch, n]}. Gradients:
 * {@code d/d mu = (mu - y) / v}, {@code d/d sigma = sigma (1/v - (y - mu)^2 / v^2)}, divided by the
 * number of target values; like PyTorch, the clamp at {@code eps} changes the value but not the gradient's
 * path. A scale that is not positive and finite is an error (the head's softplus never gives one).
 */
public final class GaussianNllLoss extends BlockLoss implements DistributionLoss {
    /** PyTorch's default clamp of the variance. */
    public static final double EPS = 1e-6;

    /** The loss (it has no options). */
    public GaussianNllLoss() {
    }

    @Override
    public LossKind kind() {
        return LossKind.GAUSSIAN_NLL;
    }

    @Override
    public int blocks() {
        return 2;
    }

    /** 0.1, 0.5 and 0.9: the median and an 80 % interval. */
    @Override
    public double[] reportedLevels() {
        return new double[] {0.1, 0.5, 0.9};
    }

    /** {@code mu + sigma Phi^-1(level)} for each target value. */
    @Override
    public float[] quantile(float[] row, double level) {
        int n = row.length / 2;
        double z = Normal.quantile(level);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (row[i] + row[n + i] * z);
        }
        return out;
    }

    @Override
    double value(double[] p, double y, double[] g) {
        double mu = p[0];
        double sigma = p[1];
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("gaussian_nll: a predicted scale is " + sigma + "; scales must be positive "
                    + "and finite (use a head with distribution: gaussian, whose softplus makes them so)");
        }
        double v = Math.max(sigma * sigma, EPS);
        double d = y - mu;
        if (g != null) {
            g[0] = -d / v;
            g[1] = sigma * (1 / v - d * d / (v * v));
        }
        return 0.5 * (Math.log(v) + d * d / v);
    }

    /** The means: the first half of each row. */
    @Override
    public Tensor point(Tensor predictions) {
        return block(predictions, 2, 0);
    }

    @Override
    public String toString() {
        return kind().id();
    }
}
