package io.rnn4j.spark;

import io.rnn4j.core.model.Network;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.TaskContext;

/**
 * The networks of one executor JVM, built once per training run and reused by its tasks (a network is
 * not thread-safe, so concurrent tasks of one executor each borrow their own). This is the usual Spark
 * pattern for expensive per-executor objects: the state is per JVM because an executor is one JVM; it
 * is keyed by the run's id, so two runs never share a network, and holds no weights that matter (every
 * task loads the driver's).
 */
final class Workers {
    private static final ConcurrentHashMap<String, Queue<Network>> POOL = new ConcurrentHashMap<>();

    private Workers() {
    }

    /** A network of {@code recipe} for this task, on {@link #threads()} threads. */
    static Network borrow(String run, ModelRecipe recipe) {
        Network n = POOL.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).poll();
        return n != null ? n : recipe.network(threads());
    }

    /** Returns a network borrowed for {@code run}. */
    static void giveBack(String run, Network network) {
        POOL.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add(network);
    }

    /** Forgets the networks of a finished run (on this JVM) and closes their backends. */
    static void forget(String run) {
        Queue<Network> networks = POOL.remove(run);
        if (networks != null) {
            for (Network n : networks) {
                n.backend().close();
            }
        }
    }

    /** The cores a task may use: {@code spark.task.cpus} inside a task, else 1. */
    static int threads() {
        TaskContext task = TaskContext.get();
        return task == null ? 1 : Math.max(1, task.cpus());
    }
}
