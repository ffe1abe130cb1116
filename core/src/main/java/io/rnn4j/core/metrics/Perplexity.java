package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * Perplexity of a language model or sequence decoder: {@code exp(sum_i -log p_i(y_i) / N)} over the
 * {@code N} valid steps since the last reset, where {@code p_i = softmax(logits_i)}. It is the
 * exponential of the mean per-token cross-entropy (in nats), over the whole epoch: not the mean of
 * per-batch perplexities, which would weight short batches too much.
 *
 * <p>Predictions are logits {@code [batch, V]} or {@code [batch, time, V]}; targets are token indices
 * {@code [batch]} / {@code [batch, time]}. A uniform guess over {@code V} tokens has perplexity
 * {@code V}.
 */
public final class Perplexity implements Metric {
    private double nll;
    private long count;

    /** An empty perplexity accumulator. */
    public Perplexity() {
    }

    @Override
    public MetricKind kind() {
        return MetricKind.PERPLEXITY;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        String name = kind().id();
        Steps steps = Steps.of(name, predictions, mask);
        int vocab = steps.width();
        if (vocab < 2) {
            throw new IllegalArgumentException(name + ": needs one logit per token of the vocabulary, got " + vocab
                    + " per step");
        }
        steps.checkClassTargets(name, predictions, targets);
        float[] x = predictions.data();
        for (int r = 0; r < steps.count(); r++) {
            if (!steps.valid(r)) {
                continue;
            }
            int y = steps.classAt(name, targets, r, vocab);
            int off = predictions.offset() + r * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < vocab; c++) {
                max = Math.max(max, x[off + c]);
            }
            double z = 0;
            for (int c = 0; c < vocab; c++) {
                z += Math.exp(x[off + c] - max);
            }
            nll += max + Math.log(z) - x[off + y];
            count++;
        }
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : Math.exp(nll / count);
    }

    /** The mean per-token cross-entropy in nats ({@code log} of the perplexity); NaN if empty. */
    public double meanCrossEntropy() {
        return count == 0 ? Double.NaN : nll / count;
    }

    /** Number of tokens seen. */
    public long count() {
        return count;
    }

    @Override
    public double[] statistics() {
        return new double[] {nll, count};
    }

    @Override
    public void add(double[] statistics) {
        Metric.requireLength(statistics, 2, MetricKind.PERPLEXITY);
        nll += statistics[0];
        count += (long) statistics[1];
    }

    @Override
    public void reset() {
        nll = 0;
        count = 0;
    }

    @Override
    public String toString() {
        return "perplexity = " + result();
    }
}
