package io.rnn4j.backend.vector;

import java.util.ArrayDeque;

/**
 * A small pool of {@link Workspace}s shared by the fused kernels of one backend.
 *
 * <p>A forward pass takes a workspace and keeps it in its {@code RecurrentPass} until the backward pass
 * gives it back (an inference pass gives it back at once). Workspaces only grow, so after the first
 * call of a shape, a training step allocates nothing but the tensors it returns. A pass whose backward
 * never runs simply keeps its workspace until it is garbage; the pool then makes a new one.
 */
final class Workspaces {
    /** Idle workspaces kept: enough for a stacked bidirectional model's passes. */
    static final int MAX_IDLE = 8;

    private final ArrayDeque<Workspace> idle = new ArrayDeque<>();

    /** The most recently returned workspace (its buffers are the likeliest to fit and be in cache). */
    Workspace acquire() {
        Workspace w = idle.pollFirst();
        if (w == null) {
            w = new Workspace();
        }
        w.generation++;
        w.inPool = false;
        return w;
    }

    /** Returns a workspace; returning one twice is harmless. */
    void release(Workspace w) {
        if (w.inPool) {
            return;
        }
        w.inPool = true;
        if (idle.size() < MAX_IDLE) {
            idle.addFirst(w);
        }
    }
}
