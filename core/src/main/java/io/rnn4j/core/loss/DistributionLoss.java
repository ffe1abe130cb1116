package io.rnn4j.core.loss;

/**
 * A loss whose predictions describe a forecast distribution of each target value (a Gaussian's mean
 * and scale, or several quantiles), so that quantiles and intervals can be read from them.
 */
public interface DistributionLoss extends Loss {

    /** Blocks of {@code n} values per row of predictions for {@code n} target values. */
    int blocks();

    /**
     * The quantile levels a forecast reports: those of its central interval and the median. A pinball
     * loss's own levels; {@code 0.1, 0.5, 0.9} (an 80 % interval) for a Gaussian.
     */
    double[] reportedLevels();

    /**
     * The forecast's quantile at {@code level} of each of the {@code n} target values of one row of
     * predictions ({@code blocks() * n} values).
     *
     * @throws IllegalArgumentException if the loss cannot give that level (a pinball loss gives only its own)
     */
    float[] quantile(float[] row, double level);
}
