package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * Recall@k and MRR@k, the measures of next-item recommendation (Hidasi et al. 2016, "Session-based
 * Recommendations with Recurrent Neural Networks", ICLR): for every valid step, the rank of the
 * target among the scores is {@code 1 +} the number of classes scored strictly higher than it; Recall@k
 * is the share of steps with rank {@code <= k}, MRR@k the mean of {@code 1 / rank} over all steps,
 * counting 0 where the rank is above {@code k}. Ties are in the target's favour, as in GRU4Rec's own
 * evaluation.
 *
 * <p>Predictions are scores {@code [batch, n]} or {@code [batch, time, n]} (logits; a monotone
 * transform such as softmax ranks the same); targets are class indices.
 */
public final class RankingMetric implements Metric {
    private final MetricKind kind;
    private final int k;
    private double sum;
    private long count;

    private RankingMetric(MetricKind kind, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(kind.id() + ": k must be >= 1, was " + k);
        }
        this.kind = kind;
        this.k = k;
    }

    /** Recall@k. The metric kind is {@link MetricKind#RECALL_AT_20}, whatever {@code k}. */
    public static RankingMetric recall(int k) {
        return new RankingMetric(MetricKind.RECALL_AT_20, k);
    }

    /** MRR@k. The metric kind is {@link MetricKind#MRR_AT_20}, whatever {@code k}. */
    public static RankingMetric mrr(int k) {
        return new RankingMetric(MetricKind.MRR_AT_20, k);
    }

    @Override
    public MetricKind kind() {
        return kind;
    }

    /** The cut-off {@code k}. */
    public int k() {
        return k;
    }

    /**
     * The rank of class {@code target} among {@code scores[offset .. offset + n)}: 1 + the number of
     * classes scored strictly higher.
     */
    public static int rank(float[] scores, int offset, int n, int target) {
        float t = scores[offset + target];
        int higher = 0;
        for (int c = 0; c < n; c++) {
            if (scores[offset + c] > t) {
                higher++;
            }
        }
        return higher + 1;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        String name = kind.id();
        Steps steps = Steps.of(name, predictions, mask);
        int n = steps.width();
        steps.checkClassTargets(name, predictions, targets);
        float[] x = predictions.data();
        for (int r = 0; r < steps.count(); r++) {
            if (!steps.valid(r)) {
                continue;
            }
            int y = steps.classAt(name, targets, r, n);
            int rank = rank(x, predictions.offset() + r * n, n, y);
            if (rank <= k) {
                sum += kind == MetricKind.RECALL_AT_20 ? 1 : 1.0 / rank;
            }
            count++;
        }
    }

    /** Adds one step whose target had rank {@code rank} (for baselines that rank items themselves). */
    public void add(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("a rank is >= 1, was " + rank);
        }
        if (rank <= k) {
            sum += kind == MetricKind.RECALL_AT_20 ? 1 : 1.0 / rank;
        }
        count++;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Number of steps seen. */
    public long count() {
        return count;
    }

    @Override
    public double[] statistics() {
        return new double[] {sum, count};
    }

    @Override
    public void add(double[] statistics) {
        Metric.requireLength(statistics, 2, kind);
        sum += statistics[0];
        count += (long) statistics[1];
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public String toString() {
        return (kind == MetricKind.RECALL_AT_20 ? "recall@" : "mrr@") + k + " = " + result();
    }
}
