/**
 * Streaming evaluation metrics: {@link io.rnn4j.core.metrics.Metric} accumulates batches with
 * {@code update}, reports with {@code result} and starts over with {@code reset} (once per epoch).
 *
 * <ul>
 *   <li>{@link io.rnn4j.core.metrics.ClassificationMetric}: accuracy, precision, recall and F1
 *       (macro, micro, or binary for a positive class, and per class) over a
 *       {@link io.rnn4j.core.metrics.ConfusionMatrix}, which prints as a table;</li>
 *   <li>{@link io.rnn4j.core.metrics.RegressionMetric}: MAE, RMSE and MAPE (zero targets skipped and
 *       counted);</li>
 *   <li>{@link io.rnn4j.core.metrics.Perplexity}: exp of the mean per-token cross-entropy;</li>
 *   <li>{@link io.rnn4j.core.metrics.SequenceMetric}: character and word error rates (edit distance) and
 *       sequence accuracy of a CTC model's greedy transcripts, read as {@link io.rnn4j.core.metrics.CtcScoring}
 *       says.</li>
 * </ul>
 *
 * <p>Every metric honours the {@link io.rnn4j.core.SequenceMask} of a sequence batch (padded steps are
 * not counted and their targets never read), and is computed over all valid elements of the epoch, so
 * the result does not depend on the batch size. {@link io.rnn4j.core.metrics.MetricKind} names them with
 * stable ids and says whether higher is better, which early stopping and reduce-on-plateau need.
 * Conventions for undefined values follow scikit-learn: a ratio with a zero denominator is 0, a macro
 * average leaves out classes that never occurred, and any result of an empty metric is NaN.
 */
package io.rnn4j.core.metrics;
