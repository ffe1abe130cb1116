package io.rnn4j.backend.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent team of threads for the fused kernels: the calling thread is member 0 and one worker
 * thread, started once, is member 1. {@link #run} hands both the same task; inside it,
 * {@link #barrier()} synchronizes the members once per time step. {@link #runItems} instead offers
 * independent items that either member takes, so that a worker that does not get a core in time (a
 * busy machine) costs nothing: the caller then does all items itself.
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

    /** One of several independent items of work, run by whichever member took it. */
    @FunctionalInterface
    interface ItemTask {
        void run(int item, int member);
    }

    /** One call of {@link #run} or {@link #runItems}, with its own counters (a late worker may see an old one). */
    private static final class Job {
        final int epoch;
        final Task task;
        final ItemTask items;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int epoch, Task task, ItemTask items, int count) {
            this.epoch = epoch;
            this.task = task;
            this.items = items;
            this.count = count;
        }

        /** Takes and runs items until none is left. */
        void work(int member) {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                try {
                    items.run(i, member);
                } catch (Throwable x) {
                    failure = x;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final int size;
    private final Thread worker;
    private volatile Job job;
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
        int e = publish(t, null, 0);
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
        if (mine != null) {
            rethrow(mine);
        }
        if (failure != null) {
            rethrow(failure);
        }
    }

    /**
     * Runs items {@code 0 .. count-1}, each exactly once, on whichever member takes it, and returns when
     * all are done; rethrows the failure of an item.
     */
    void runItems(int count, ItemTask items) {
        int e = publish(null, items, count);
        Job j = job;
        if (j.epoch != e) {
            throw new IllegalStateException("team used by two threads at once");
        }
        j.work(0);
        int spins = 0;
        while (j.done.get() < count) {
            spins = pause(spins);
        }
        if (j.failure != null) {
            rethrow(j.failure);
        }
    }

    /** Publishes a job (before its epoch, so a worker that sees the epoch sees the job) and wakes the worker. */
    private int publish(Task t, ItemTask items, int count) {
        int e = epoch + 1;
        job = new Job(e, t, items, count);
        epoch = e;
        if (parked) {
            LockSupport.unpark(worker);
        }
        return e;
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
            if (closed) {
                return;
            }
            Job j = job;
            seen = j.epoch;
            if (j.task == null) {
                j.work(1);
                continue;
            }
            try {
                j.task.run(1);
            } catch (Throwable x) {
                failure = x;
                broken = true;
            }
            finished = j.epoch;
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
