package io.rnn4j.backend.vector;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, per call shape, whether a fused kernel runs on one thread or on the team of two, from the
 * times it measured itself.
 *
 * <p>Why measured and not fixed: two threads win only when both really run at once. On a machine whose
 * cores are busy with other work (a shared CI host, a training job next to an IDE), a thread that waits
 * for a descheduled partner (at the end of a product, or at the per-step barrier of a small batch) runs
 * many times slower than one thread alone. So each shape is first run on one thread, then on two, and
 * after that on the faster; the other is measured again after {@value #FIRST_PROBE} calls, and after
 * twice as many each time it loses again (up to {@value #MAX_PROBE}), so that a change of load is
 * noticed while a losing configuration costs little.
 *
 * <p>Each configuration's time is the least of its last {@value #RECENT} samples: a one-off slow call (a
 * garbage collection, a JIT compilation, a descheduled moment) does not make the faster configuration
 * look slower, while a lasting change of load shows within {@value #RECENT} calls. (An average let single
 * pauses switch W1 to one thread for 16 calls at a time: 1,668-1,791 sequences/s against 1,815-2,254 with
 * two threads always, in one session.)
 */
final class ThreadChooser {
    static final int FIRST_PROBE = 16;
    static final int MAX_PROBE = 1024;
    /** Samples per configuration whose least is its time. */
    static final int RECENT = 4;

    private static final class Stat {
        final double[] nanos = {Double.NaN, Double.NaN};
        final double[][] recent = {new double[RECENT], new double[RECENT]};
        /** Samples recorded per configuration (a long: it never wraps around). */
        final long[] samples = new long[2];
        int best = 1;
        int calls;
        int interval = FIRST_PROBE;
        boolean probing;
    }

    private final Map<Long, Stat> stats = new HashMap<>();

    /**
     * A key for a call shape and phase. The sequence length is left out (callers record time per step):
     * text batches padded to their longest sequence come in many lengths, and each would otherwise be
     * explored anew.
     */
    static long key(int phase, int b, int in, int h) {
        long k = phase;
        k = k * 1_000_003L + b;
        k = k * 1_000_003L + in;
        return k * 1_000_003L + h;
    }

    /** 1 or 2 threads for the next call of this shape. */
    int choose(long key) {
        Stat s = stats.computeIfAbsent(key, k -> new Stat());
        if (Double.isNaN(s.nanos[0])) {
            return 1;
        }
        if (Double.isNaN(s.nanos[1])) {
            return 2;
        }
        if (++s.calls >= s.interval) {
            s.calls = 0;
            s.probing = true;
            return 3 - s.best;
        }
        return s.best;
    }

    /**
     * Records a call's time (per step, or any measure comparable across the calls of one key); the
     * configuration's time becomes the least of its last {@value #RECENT} samples.
     */
    void record(long key, int threads, double nanos) {
        Stat s = stats.get(key);
        if (s == null) {
            return;
        }
        int c = threads - 1;
        s.recent[c][(int) (s.samples[c]++ % RECENT)] = nanos;
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(RECENT, s.samples[c]); i++) {
            least = Math.min(least, s.recent[c][i]);
        }
        s.nanos[c] = least;
        if (Double.isNaN(s.nanos[0]) || Double.isNaN(s.nanos[1])) {
            return;
        }
        int best = s.nanos[1] < s.nanos[0] ? 2 : 1;
        if (s.probing) {
            s.interval = best == s.best ? Math.min(MAX_PROBE, 2 * s.interval) : FIRST_PROBE;
            s.probing = false;
        }
        s.best = best;
    }
}
