package io.rnn4j.core;

import java.nio.charset.StandardCharsets;

/**
 * A small, fully deterministic pseudo-random generator (SplitMix64) whose whole state is one
 * {@code long}, so it can be saved with a model and restored exactly.
 *
 * <p>{@link #fork(String)} derives an independent stream from this generator's <em>seed</em> and a
 * key, without consuming from this stream: the initial weights of a parameter depend only on the
 * experiment seed and the parameter's id, never on the order in which parameters were created.
 * Instances are not thread-safe; fork one per thread.
 */
public final class RandomSource {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final long seed;
    private long state;

    /** A generator whose stream is fixed by {@code seed}. */
    public RandomSource(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /** The seed this generator was created with. */
    public long seed() {
        return seed;
    }

    /** The current state, for checkpoints; see {@link #restore(long, long)}. */
    public long state() {
        return state;
    }

    /** Recreates a generator from {@link #seed()} and {@link #state()}. */
    public static RandomSource restore(long seed, long state) {
        RandomSource r = new RandomSource(seed);
        r.state = state;
        return r;
    }

    /** An independent generator determined by this generator's seed and {@code key}. */
    public RandomSource fork(String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the key's UTF-8 bytes
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return new RandomSource(mix(seed ^ mix(h)));
    }

    /** Next 64 random bits. */
    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, 1)}. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in {@code [lo, hi)}. */
    public float uniform(float lo, float hi) {
        return lo + (hi - lo) * nextFloat();
    }

    /** Uniform integer in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /**
     * Standard normal (Marsaglia polar method). The second variate of each pair is discarded so that
     * {@link #state()} alone captures the generator exactly.
     */
    public double nextGaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
