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
 */
final class ThreadChooser {
    static final int FIRST_PROBE = 16;
    static final int MAX_PROBE = 1024;

    private static final class Stat {
        final double[] nanos = {Double.NaN, Double.NaN};
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
     * Records a call's time (per step, or any measure comparable across the calls of one key). Good news
     * is believed at once (a slow sample is often a one-off: JIT compilation, a descheduled thread); bad
     * news is averaged in.
     */
    void record(long key, int threads, double nanos) {
        Stat s = stats.get(key);
        if (s == null) {
            return;
        }
        double old = s.nanos[threads - 1];
        s.nanos[threads - 1] = Double.isNaN(old) || nanos < old ? nanos : 0.5 * (old + nanos);
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
