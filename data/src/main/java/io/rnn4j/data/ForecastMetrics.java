package io.rnn4j.data;

/**
 * Point and interval forecast scores, in the units of the values given (rnn4j gives them original
 * units). Pure functions over flat arrays of equal length.
 *
 * <ul>
 *   <li>MASE (Hyndman and Koehler 2006): the mean absolute error divided by the in-sample mean absolute
 *       error of the seasonal-naive forecast on the training series ({@link #maseScale});</li>
 *   <li>sMAPE: {@code mean(200 |y - f| / (|y| + |f|))} in percent, terms with {@code y = f = 0} counted
 *       as 0;</li>
 *   <li>interval coverage: the share of actual values inside {@code [lower, upper]}, and the mean width
 *       {@code upper - lower};</li>
 *   <li>mean pinball loss over quantile levels: {@code mean_q mean_i max(q u, (q - 1) u)},
 *       {@code u = y - f_q}, which approximates the CRPS (twice the mean pinball loss over a dense grid
 *       of levels is the CRPS).</li>
 * </ul>
 */
public final class ForecastMetrics {
    private ForecastMetrics() {
    }

    /**
     * The MASE scale: the mean absolute difference {@code |y[t] - y[t - season]|} over the training series.
     *
     * @throws IllegalArgumentException if the series has no more than {@code season} values
     */
    public static double maseScale(float[] training, int season) {
        if (training.length <= season) {
            throw new IllegalArgumentException("the MASE scale with season " + season + " needs more than " + season
                    + " training values, got " + training.length);
        }
        double s = 0;
        for (int t = season; t < training.length; t++) {
            s += Math.abs(training[t] - training[t - season]);
        }
        return s / (training.length - season);
    }

    /** Symmetric mean absolute percentage error, in percent. */
    public static double smape(float[] predicted, float[] actual) {
        check(predicted, actual);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double den = Math.abs(actual[i]) + Math.abs(predicted[i]);
            s += den == 0 ? 0 : 200 * Math.abs(actual[i] - predicted[i]) / den;
        }
        return s / actual.length;
    }

    /** Share of {@code actual} values within {@code [lower, upper]}. */
    public static double coverage(float[] lower, float[] upper, float[] actual) {
        check(lower, actual);
        check(upper, actual);
        int in = 0;
        for (int i = 0; i < actual.length; i++) {
            in += actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
        }
        return (double) in / actual.length;
    }

    /** Mean of {@code upper - lower}. */
    public static double meanWidth(float[] lower, float[] upper) {
        check(lower, upper);
        double s = 0;
        for (int i = 0; i < lower.length; i++) {
            s += upper[i] - lower[i];
        }
        return s / lower.length;
    }

    /**
     * Mean pinball loss of the forecasts of quantile levels {@code levels}: {@code quantiles[k]} holds the
     * forecasts of level {@code levels[k]}, each of {@code actual}'s length.
     */
    public static double meanPinball(double[] levels, float[][] quantiles, float[] actual) {
        if (levels.length != quantiles.length || levels.length == 0) {
            throw new IllegalArgumentException(levels.length + " levels for " + quantiles.length + " quantile forecasts");
        }
        double s = 0;
        for (int k = 0; k < levels.length; k++) {
            check(quantiles[k], actual);
            double q = levels[k];
            for (int i = 0; i < actual.length; i++) {
                double u = actual[i] - quantiles[k][i];
                s += Math.max(q * u, (q - 1) * u);
            }
        }
        return s / (levels.length * (double) actual.length);
    }

    /** The standard normal quantile {@code Phi^-1(p)}; see {@link io.rnn4j.core.loss.Normal#quantile}. */
    public static double normalQuantile(double p) {
        return io.rnn4j.core.loss.Normal.quantile(p);
    }

    /** The complementary error function; see {@link io.rnn4j.core.loss.Normal#erfc}. */
    static double erfc(double x) {
        return io.rnn4j.core.loss.Normal.erfc(x);
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("need equally many values, at least one; got " + a.length + " and "
                    + b.length);
        }
    }
}
