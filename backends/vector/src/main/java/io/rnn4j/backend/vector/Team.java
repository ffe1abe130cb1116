package io.rnn4j.backend.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent team of threads for the fused kernels: the calling thread is member 0 and one worker
 * thread, started once, is member 1. A {@link #run} hands both the same task; inside it,
 * {@link #barrier()} synchronizes the members once per time step.
 *
 * <p>Why not an executor: a recurrent step is tens of microseconds, and submitting a task per step
 * costs about as much. Here the worker spins briefly between tasks and barriers (the hand-off is then
 * well under a microsecond) and parks when idle, so it costs nothing between training steps. A spin
 * that lasts too long yields, because on a machine with as many busy threads as cores, the member being
 * waited for may need this core to finish.
 */
final class Team implements AutoCloseable {
    /** The most threads a team has; the fused kernels split work in two. */
    static final int MAX_THREADS = 2;

    private static final int SPINS_BEFORE_YIELD = 1 << 12;
    /**
     * How long an idle worker spins before it parks. Short: between the products of one kernel call the
     * gap is microseconds, and a worker that spins longer steals a core from whatever runs next (measured:
     * with two backends in one JVM, one's spinning worker made the other's barrier loop 50x slower).
     */
    private static final long IDLE_SPIN_NANOS = 50_000;

    /** Work for one member. */
    @FunctionalInterface
    interface Task {
        void run(int member);
    }

    private final int size;
    private final Thread worker;
    private volatile Task task;
    private volatile int epoch;
    private volatile int finished;
    private volatile boolean parked;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Set when a member's task failed, so the other is not left waiting at a barrier. */
    private volatile boolean broken;

    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int barrierGeneration;

    Team(int size) {
        if (size != 2) {
            throw new IllegalArgumentException("a team has 2 members, not " + size);
        }
        this.size = size;
        this.worker = new Thread(this::work, "rnn4j-vector-worker");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    int size() {
        return size;
    }

    /** Runs {@code task} on every member and returns when all have finished; rethrows a worker failure. */
    void run(Task t) {
        failure = null;
        broken = false;
        arrived.set(0); // both members are idle here, so a barrier left half-passed by a failure is reset
        task = t;
        int e = epoch + 1;
        epoch = e; // publishes task
        if (parked) {
            LockSupport.unpark(worker);
        }
        Throwable mine = null;
        try {
            t.run(0);
        } catch (Throwable x) {
            mine = x;
            broken = true;
        }
        int spins = 0;
        while (finished != e) {
            spins = pause(spins);
        }
        task = null;
        if (mine != null) {
            rethrow(mine);
        }
        if (failure != null) {
            rethrow(failure);
        }
    }

    private static void rethrow(Throwable x) {
        if (x instanceof RuntimeException r) {
            throw r;
        }
        if (x instanceof Error er) {
            throw er;
        }
        throw new IllegalStateException("vector backend worker failed", x);
    }

    /**
     * Waits until every member has called it for this generation; throws if another member's task
     * failed, which would otherwise leave this one waiting forever.
     */
    void barrier() {
        int gen = barrierGeneration;
        if (arrived.incrementAndGet() == size) {
            arrived.set(0);
            barrierGeneration = gen + 1;
            return;
        }
        int spins = 0;
        while (barrierGeneration == gen) {
            if (broken) {
                throw new IllegalStateException("another member of the vector backend's team failed");
            }
            spins = pause(spins);
        }
    }

    private static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    private void work() {
        int seen = 0;
        while (true) {
            long parkAt = System.nanoTime() + IDLE_SPIN_NANOS;
            int spins = 0;
            while (epoch == seen) {
                if ((++spins & 63) != 0 || System.nanoTime() < parkAt) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (epoch == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                if (closed) {
                    return;
                }
            }
            seen = epoch;
            if (closed) {
                return;
            }
            try {
                task.run(1);
            } catch (Throwable x) {
                failure = x;
                broken = true;
            }
            finished = seen;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
