package io.rnn4j.backend.vector;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, per call shape, whether a fused kernel runs on one thread or on the team of two, from the
 * times it measured itself.
 *
 * <p>Why measured and not fixed: two threads that hand off at every time step win only when both
 * really run at once. On a machine whose cores are busy with other work (a shared CI host, a training
 * job next to an IDE), the step barrier waits for a descheduled thread and two threads run several
 * times slower than one. So each shape is first run on one thread, then on two, and after that on the
 * faster, with the other re-measured every {@value #PROBE_EVERY} calls so a change of load is noticed.
 */
final class ThreadChooser {
    static final int PROBE_EVERY = 16;

    private static final class Stat {
        final double[] nanos = {Double.NaN, Double.NaN};
        int calls;
    }

    private final Map<Long, Stat> stats = new HashMap<>();

    /** A key for a call shape and phase. */
    static long key(int phase, int b, int t, int in, int h) {
        long k = phase;
        k = k * 1_000_003L + b;
        k = k * 1_000_003L + t;
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
        int best = s.nanos[1] < s.nanos[0] ? 2 : 1;
        s.calls++;
        return s.calls % PROBE_EVERY == 0 ? 3 - best : best;
    }

    /**
     * Records a call's time. Good news is believed at once (a slow sample is often a one-off: JIT
     * compilation, a descheduled thread); bad news is averaged in.
     */
    void record(long key, int threads, long nanos) {
        Stat s = stats.get(key);
        if (s == null) {
            return;
        }
        double old = s.nanos[threads - 1];
        s.nanos[threads - 1] = Double.isNaN(old) || nanos < old ? nanos : 0.5 * (old + nanos);
    }
}
