package io.rnn4j.core.spec;

/**
 * Data-parallel training on a cluster (the {@code distributed:} section; module {@code rnn4j-spark}).
 * Without the section an experiment trains on one JVM as always.
 *
 * @param engine    the cluster engine (only {@code spark})
 * @param master    the Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...), or
 *                  {@code null} for the one {@code spark-submit} gives
 * @param workers   data-parallel workers K: each global batch is cut into K shards (example index mod K)
 * @param strategy  {@code sync} (exact: one synchronous gradient aggregation per step) or {@code local_sgd}
 *                  (each worker takes {@code syncEvery} steps alone, then parameters and optimizer state are
 *                  averaged; not exact)
 * @param syncEvery steps between averages for {@code local_sgd}; must be 1 for {@code sync}
 */
@Doc("Data-parallel training on a cluster (Apache Spark). Without this section training runs on one JVM.")
public record DistributedSpec(
        @Doc("The cluster engine: spark.") @Default("spark") Engine engine,
        @Doc("Spark master URL, e.g. local[2], spark://host:7077, yarn; by default the one spark-submit gives.") String master,
        @Doc("Data-parallel workers K: each batch is cut into K shards, example index mod K.") @Default("2") @Range(min = 1, max = 4096) int workers,
        @Doc("sync: exact synchronous gradient aggregation every step; local_sgd: workers step alone and average every sync_every steps (not exact).") @Default("sync") Strategy strategy,
        @Doc("Steps between parameter averages for local_sgd (1 for sync).") @Default("1") @Range(min = 1) int syncEvery) {

    /** Checks that {@code sync} averages every step. */
    public DistributedSpec {
        if (strategy == Strategy.SYNC && syncEvery != 1) {
            throw new IllegalArgumentException("sync_every is " + syncEvery + " but strategy sync aggregates gradients "
                    + "at every step; use strategy: local_sgd to average every " + syncEvery + " steps, or remove "
                    + "sync_every");
        }
    }

    /** The cluster engine. */
    public enum Engine {
        /** Apache Spark (module rnn4j-spark). */
        SPARK;

        /** The id as YAML writes it and as the engine plugin that runs it is registered: {@code spark}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How the workers' work is combined. */
    public enum Strategy {
        /** Synchronous gradient aggregation at every step: equals single-machine training. */
        SYNC,
        /** Local SGD: independent steps, parameters and optimizer state averaged every {@code syncEvery} steps. */
        LOCAL_SGD
    }
}
