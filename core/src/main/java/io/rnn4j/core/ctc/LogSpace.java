package io.rnn4j.core.ctc;

/**
 * The log-space arithmetic that CTC's loss ({@link io.rnn4j.core.loss.CtcLoss}) and decoding
 * ({@link CtcDecoder}) share, in double precision: a numerically stable log-softmax of one frame and
 * {@code log(exp(a) + exp(b))}. Static methods only.
 */
public final class LogSpace {
    private LogSpace() {
    }

    /** {@code x[from .. from + width)} replaced by its log softmax (the maximum subtracted first). */
    public static void logSoftmaxInPlace(float[] x, int from, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, x[from + c]);
        }
        double z = 0;
        for (int c = 0; c < width; c++) {
            z += Math.exp(x[from + c] - max);
        }
        double lse = max + Math.log(z);
        for (int c = 0; c < width; c++) {
            x[from + c] = (float) (x[from + c] - lse);
        }
    }

    /**
     * Writes {@code log softmax(x[from .. from + width))} into {@code out[to .. to + width)} (the maximum
     * subtracted first, so no score overflows).
     */
    public static void logSoftmax(float[] x, int from, double[] out, int to, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, x[from + c]);
        }
        double z = 0;
        for (int c = 0; c < width; c++) {
            z += Math.exp(x[from + c] - max);
        }
        double lse = max + Math.log(z);
        for (int c = 0; c < width; c++) {
            out[to + c] = x[from + c] - lse;
        }
    }

    /** {@code log(exp(a) + exp(b))} without overflow; exact for infinite arguments. */
    public static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
