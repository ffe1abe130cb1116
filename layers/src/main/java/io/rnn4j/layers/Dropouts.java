package io.rnn4j.layers;

import io.rnn4j.core.RandomSource;

/** Inverted-dropout masks drawn from a {@link RandomSource}. */
final class Dropouts {
    private Dropouts() {
    }

    /** {@code n} values, each 0 with probability {@code rate}, else {@code 1 / (1 - rate)}. */
    static float[] mask(RandomSource random, float rate, int n) {
        float keep = 1f / (1f - rate);
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextFloat() < rate ? 0f : keep;
        }
        return m;
    }
}
