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

    /**
     * Adds a batch of next-item predictions, leaving the items already in each session out of every step's
     * ranking (see {@link SeenItems}): the rank of the target is 1 + the number of classes <em>not seen</em>
     * scored strictly higher; a step whose target was already seen is a miss. Without {@code seen} (null) it
     * is {@link #update(Tensor, Tensor, SequenceMask)}.
     *
     * @param inputs the batch's input item ids {@code [batch, time]} (the items given at each step)
     * @param seen   the items given before each row's first step, or {@code null} to leave nothing out
     */
    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask, Tensor inputs, SeenItems seen) {
        if (seen == null) {
            update(predictions, targets, mask);
            return;
        }
        String name = kind.id();
        Steps steps = Steps.of(name, predictions, mask);
        if (!steps.sequences()) {
            throw new IllegalArgumentException(name + ": leaving seen items out needs per-step predictions "
                    + "[batch, time, n], got " + predictions.shape());
        }
        int n = steps.width();
        int batch = steps.batch();
        int time = steps.time();
        steps.checkClassTargets(name, predictions, targets);
        if (inputs == null || inputs.rank() < 2 || inputs.dim(0) != batch || inputs.dim(1) < time
                || inputs.size() != batch * inputs.dim(1)) {
            throw new IllegalArgumentException(name + ": leaving seen items out needs the input item ids [" + batch
                    + ", " + time + "], got " + (inputs == null ? "none" : inputs.shape()));
        }
        if (seen.rows() != batch) {
            throw new IllegalArgumentException(name + ": seen items for " + seen.rows() + " rows, but the batch has "
                    + batch);
        }
        int inTime = inputs.dim(1);
        float[] x = predictions.data();
        boolean[] marked = new boolean[n];
        int[] list = new int[16];
        for (int b = 0; b < batch; b++) {
            int size = 0;
            for (int id : seen.beforeRef(b)) {
                if (id >= 0 && id < n && !marked[id]) {
                    marked[id] = true;
                    list = grow(list, size);
                    list[size++] = id;
                }
            }
            for (int t = 0; t < time; t++) {
                int r = b * time + t;
                if (!steps.valid(r)) {
                    continue;
                }
                float in = inputs.getFlat(b * inTime + t);
                int id = (int) in;
                if (in == id && id >= 0 && id < n && !marked[id]) {
                    marked[id] = true;
                    list = grow(list, size);
                    list[size++] = id;
                }
                int y = steps.classAt(name, targets, r, n);
                if (!marked[y]) {
                    int offset = predictions.offset() + r * n;
                    int rank = rank(x, offset, n, y);
                    float s = x[offset + y];
                    for (int i = 0; i < size; i++) {
                        if (x[offset + list[i]] > s) {
                            rank--;
                        }
                    }
                    if (rank <= k) {
                        sum += kind == MetricKind.RECALL_AT_20 ? 1 : 1.0 / rank;
                    }
                }
                count++;
            }
            for (int i = 0; i < size; i++) {
                marked[list[i]] = false;
            }
        }
    }

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    }

    /** Adds one step whose target was a miss: not in any top k (a baseline's target it left out as seen). */
    public void addMiss() {
        count++;
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
