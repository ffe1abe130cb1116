package io.rnn4j.layers.heads;

import io.rnn4j.core.RandomSource;
import java.util.Arrays;

/**
 * How a decoder head picks the next token from its logits {@code z} when it feeds its own output back:
 * greedy ({@code argmax z}), or sampled from {@code softmax(z / temperature)} restricted to the
 * {@code topK} largest logits (Fan et al. 2018, "Hierarchical Neural Story Generation").
 *
 * @param temperature {@code 0} for greedy decoding, else the softmax temperature ({@code > 0}; below 1
 *                    sharpens, above 1 flattens the distribution)
 * @param topK        sample only among the {@code topK} largest logits; {@code 0} for all of them
 */
public record Sampling(double temperature, int topK) {

    /** Validates. */
    public Sampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0 (0 = greedy), was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0 (0 = no limit), was " + topK);
        }
    }

    /** Greedy decoding: always the most likely token (the first one on ties). */
    public static Sampling greedy() {
        return new Sampling(0, 0);
    }

    /** Whether this is greedy decoding. */
    public boolean isGreedy() {
        return temperature == 0 || topK == 1;
    }

    /**
     * Picks a token id from {@code logits[offset .. offset + n)}.
     *
     * @param random consumed only when sampling (never for greedy decoding)
     */
    public int pick(float[] logits, int offset, int n, RandomSource random) {
        if (isGreedy()) {
            return argmax(logits, offset, n);
        }
        int k = topK == 0 || topK > n ? n : topK;
        boolean[] keep = new boolean[n];
        if (k == n) {
            Arrays.fill(keep, true);
        } else {
            for (int j = 0; j < k; j++) { // k selections of the largest remaining logit: n is a vocabulary
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (!keep[i] && (best < 0 || logits[offset + i] > logits[offset + best])) {
                        best = i;
                    }
                }
                keep[best] = true;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                max = Math.max(max, logits[offset + i] / temperature);
            }
        }
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                p[i] = Math.exp(logits[offset + i] / temperature - max);
                total += p[i];
            }
        }
        double u = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                last = i;
                u -= p[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left u a hair above 0
    }

    /** Index of the largest of {@code x[offset .. offset + n)}, the first one on ties. */
    static int argmax(float[] x, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[offset + i] > x[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
