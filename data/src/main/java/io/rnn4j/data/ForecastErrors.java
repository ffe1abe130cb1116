package io.rnn4j.data;

/**
 * Point-forecast errors, in the units of the values compared.
 *
 * @param mae     mean absolute error
 * @param rmse    root mean squared error
 * @param count   number of values compared
 * @param skipped windows left out (a seasonal-naive forecast needs one season of history)
 */
public record ForecastErrors(double mae, double rmse, int count, int skipped) {

    /** Errors of {@code predicted} against {@code actual} (same length, at least 1). */
    public static ForecastErrors of(float[] predicted, float[] actual) {
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new IllegalArgumentException("need equally many predicted and actual values, at least one; got "
                    + predicted.length + " and " + actual.length);
        }
        Accumulator a = new Accumulator();
        for (int i = 0; i < actual.length; i++) {
            a.add(predicted[i], actual[i]);
        }
        return a.result(0);
    }

    /** Adds up errors one value at a time. */
    static final class Accumulator {
        private double abs;
        private double sq;
        private int n;

        void add(double predicted, double actual) {
            double e = predicted - actual;
            abs += Math.abs(e);
            sq += e * e;
            n++;
        }

        ForecastErrors result(int skipped) {
            return n == 0 ? new ForecastErrors(Double.NaN, Double.NaN, 0, skipped)
                    : new ForecastErrors(abs / n, Math.sqrt(sq / n), n, skipped);
        }
    }
}
