package io.rnn4j.testkit;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;

/** Seeded random inputs: every check draws its data from a generator forked by the check's own name. */
final class TestData {
    /** The root seed of all conformance data; a failing case is reproduced by its name alone. */
    static final long SEED = 20240917L;

    private TestData() {
    }

    /** An independent generator for the check named {@code key}. */
    static RandomSource rng(String key) {
        return new RandomSource(SEED).fork(key);
    }

    /** {@code n} values uniform in {@code [lo, hi)}. */
    static float[] uniform(RandomSource r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.uniform(lo, hi);
        }
        return v;
    }

    /** A tensor of the given shape, uniform in {@code [lo, hi)}. */
    static Tensor tensor(RandomSource r, float lo, float hi, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, r.uniform(lo, hi));
        }
        return t;
    }

    /**
     * A recurrent-dropout style mask: each element 0 with probability {@code rate}, else
     * {@code 1 / (1 - rate)}.
     */
    static Tensor dropoutMask(RandomSource r, float rate, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, r.nextFloat() < rate ? 0f : 1f / (1f - rate));
        }
        return t;
    }
}
