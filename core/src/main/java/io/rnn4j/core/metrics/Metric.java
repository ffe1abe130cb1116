package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * A streaming metric: {@link #update} it with every batch of an epoch, read {@link #result()}, then
 * {@link #reset()} it for the next epoch. The result is over all elements seen since the last reset
 * (for example RMSE over the epoch, not the mean of per-batch RMSEs), so it does not depend on how the
 * data was batched.
 *
 * <p>Shapes are those of the losses ({@link io.rnn4j.core.loss.Loss}): predictions {@code [batch, n]}
 * or {@code [batch, time, n]} with an optional {@link SequenceMask}; padded steps are ignored and their
 * targets never read. Classification predictions are scores (logits or probabilities) whose largest
 * entry is the predicted class; targets are class indices stored as floats.
 *
 * <p>Instances are mutable and not thread-safe: use one per thread (or per data-parallel worker, and
 * merge confusion matrices).
 */
public interface Metric {

    /** Which metric this is. */
    MetricKind kind();

    /**
     * Adds a batch.
     *
     * @param predictions the network output
     * @param targets     class indices ({@code [batch]} / {@code [batch, time]}) for classification and
     *                    perplexity, the predictions' shape for regression
     * @param mask        valid steps of a sequence batch, or {@code null} (all valid; must be null for
     *                    vector predictions)
     * @throws IllegalArgumentException if shapes disagree or a target is invalid
     */
    void update(Tensor predictions, Tensor targets, SequenceMask mask);

    /**
     * Adds a batch of a model whose inputs are item ids and whose ranking metrics leave the items already
     * given out of each step's ranking ({@link SeenItems}); every other metric ignores {@code inputs} and
     * {@code seen} (this default).
     *
     * @param inputs the batch's input values ({@code [batch, time]} item ids)
     * @param seen   the items given before each row's first step, or {@code null}: nothing left out
     */
    default void update(Tensor predictions, Tensor targets, SequenceMask mask, Tensor inputs, SeenItems seen) {
        update(predictions, targets, mask);
    }

    /** {@link #update(Tensor, Tensor, SequenceMask)} without a mask. */
    default void update(Tensor predictions, Tensor targets) {
        update(predictions, targets, null);
    }

    /** The metric over everything seen since the last reset; NaN if nothing was seen. */
    double result();

    /** Forgets everything seen. */
    void reset();

    /**
     * The counts and sums {@link #result()} is computed from (a confusion matrix, a sum and a count...), so that
     * the parts of one pass computed apart (a data-parallel worker's shard) can be added up with {@link #add}:
     * updating one metric with every part gives the same result as adding the parts' statistics, up to the
     * order of floating-point sums.
     */
    double[] statistics();

    /**
     * Adds {@code statistics}, as {@link #statistics()} of a metric of the same kind and options gave them.
     *
     * @throws IllegalArgumentException if they are not of the same length
     */
    void add(double[] statistics);

    /** Checks that {@code statistics} have {@code length} entries (for {@link #add}). */
    static void requireLength(double[] statistics, int length, MetricKind kind) {
        if (statistics.length != length) {
            throw new IllegalArgumentException(kind.id() + ": statistics of " + statistics.length + " values, expected "
                    + length + " (from a metric of the same kind and classes)");
        }
    }

    /**
     * A metric of this kind with its defaults: precision, recall and F1 average {@link Average#BINARY}
     * (positive class 1) for two classes and {@link Average#MACRO} otherwise, as scikit-learn's defaults
     * would lead a user to expect.
     *
     * @param classes number of classes (used by the classification metrics only)
     */
    static Metric create(MetricKind kind, int classes) {
        return create(kind, classes, null);
    }

    /**
     * A metric of this kind; the sequence metrics ({@code cer}, {@code wer}, {@code sequence_accuracy})
     * read CTC outputs as {@code scoring} says.
     *
     * @param classes number of classes (used by the classification metrics only)
     * @param scoring the blank and word separator of a CTC model, or {@code null} for any other model
     * @throws IllegalArgumentException for a sequence metric without {@code scoring}
     */
    static Metric create(MetricKind kind, int classes, CtcScoring scoring) {
        if (kind.isSequence()) {
            if (scoring == null) {
                throw new IllegalArgumentException("the metric " + kind.id() + " compares decoded label sequences and "
                        + "needs a ctc head; use accuracy, f1, perplexity, mae or rmse for other heads");
            }
            return new SequenceMetric(kind, scoring);
        }
        return switch (kind) {
            case ACCURACY -> ClassificationMetric.accuracy(classes);
            case PRECISION, RECALL, F1 ->
                    new ClassificationMetric(kind, classes, classes == 2 ? Average.BINARY : Average.MACRO, 1);
            case MAE, RMSE, MAPE -> new RegressionMetric(kind);
            case PERPLEXITY -> new Perplexity();
            case RECALL_AT_20 -> RankingMetric.recall(20);
            case MRR_AT_20 -> RankingMetric.mrr(20);
            case CER, WER, SEQUENCE_ACCURACY -> throw new AssertionError(kind);
        };
    }
}
