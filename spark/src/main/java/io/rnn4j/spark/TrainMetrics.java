package io.rnn4j.spark;

import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.metrics.MetricKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The training-pass metrics of a distributed run: each worker measures its shards with fresh metrics and sends
 * back their statistics ({@link Metric#statistics()}: a confusion matrix, sums and counts); the driver adds them
 * up in partition order ({@link Metric#add}) over the epoch. A metric over an epoch is a function of such
 * sums, so the result is the one a single machine measures over the same forward passes (with {@code sync}:
 * the same weights at every step; only dropout masks differ).
 *
 * @param kinds   the metrics measured (the run's metrics without the sequence metrics of a CTC head)
 * @param classes classes, for the classification metrics
 */
record TrainMetrics(List<MetricKind> kinds, int classes) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The metrics of {@code all} that a worker can measure: every one but the CTC sequence metrics. */
    static TrainMetrics of(List<MetricKind> all, int classes) {
        List<MetricKind> kinds = new ArrayList<>();
        for (MetricKind k : all) {
            if (!k.isSequence()) {
                kinds.add(k);
            }
        }
        return new TrainMetrics(List.copyOf(kinds), classes);
    }

    /** Fresh metrics, one per kind. */
    List<Metric> create() {
        List<Metric> out = new ArrayList<>(kinds.size());
        for (MetricKind k : kinds) {
            out.add(Metric.create(k, classes));
        }
        return out;
    }

    /** The statistics of each metric. */
    static double[][] statistics(List<Metric> metrics) {
        double[][] out = new double[metrics.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = metrics.get(i).statistics();
        }
        return out;
    }

    /** The payload of a worker's statistics: 8 bytes a number ({@code null}: none). */
    static long bytes(double[][] statistics) {
        long n = 0;
        if (statistics != null) {
            for (double[] s : statistics) {
                n += 8L * s.length;
            }
        }
        return n;
    }

    /** Adds a worker's statistics ({@code null}: it measured nothing) to the driver's metrics. */
    static void add(List<Metric> metrics, double[][] statistics) {
        if (statistics == null) {
            return;
        }
        for (int i = 0; i < statistics.length; i++) {
            metrics.get(i).add(statistics[i]);
        }
    }
}
