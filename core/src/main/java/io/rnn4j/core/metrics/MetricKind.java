package io.rnn4j.core.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The metrics rnn4j computes, named by stable ids that YAML ({@code monitor: val_f1}), logs and
 * checkpoints use.
 */
public enum MetricKind {
    /** Fraction of valid steps whose predicted class is the target: {@link ClassificationMetric}. */
    ACCURACY("accuracy", true),
    /** {@code tp / (tp + fp)}: {@link ClassificationMetric}. */
    PRECISION("precision", true),
    /** {@code tp / (tp + fn)}: {@link ClassificationMetric}. */
    RECALL("recall", true),
    /** Harmonic mean of precision and recall: {@link ClassificationMetric}. */
    F1("f1", true),
    /** Mean absolute error: {@link RegressionMetric}. */
    MAE("mae", false),
    /** Root mean squared error: {@link RegressionMetric}. */
    RMSE("rmse", false),
    /** Mean absolute percentage error, as a fraction: {@link RegressionMetric}. */
    MAPE("mape", false),
    /** {@code exp} of the mean per-token cross-entropy: {@link Perplexity}. */
    PERPLEXITY("perplexity", false),
    /** Character (label) error rate of greedy CTC decoding: {@link SequenceMetric}. */
    CER("cer", false),
    /** Word error rate of greedy CTC decoding: {@link SequenceMetric}. */
    WER("wer", false),
    /** Fraction of sequences that greedy CTC decoding transcribes exactly: {@link SequenceMetric}. */
    SEQUENCE_ACCURACY("sequence_accuracy", true),
    /**
     * Share of valid steps whose target is among the 20 highest-scored classes, as session-based
     * recommendation reports it (GRU4Rec's Recall@20): {@link RankingMetric}.
     */
    RECALL_AT_20("recall_at_20", true),
    /** Mean reciprocal rank of the target, 0 beyond rank 20 (MRR@20): {@link RankingMetric}. */
    MRR_AT_20("mrr_at_20", true);

    private final String id;
    private final boolean higherIsBetter;

    MetricKind(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    /** The stable id. */
    public String id() {
        return id;
    }

    /**
     * Whether a larger value is better: what early stopping and reduce-on-plateau ({@code mode: max})
     * need to know when they monitor this metric.
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether this metric compares predicted classes with class targets. */
    public boolean isClassification() {
        return this == ACCURACY || this == PRECISION || this == RECALL || this == F1;
    }

    /** Whether this metric decodes CTC outputs into label sequences ({@link SequenceMetric}). */
    public boolean isSequence() {
        return this == CER || this == WER || this == SEQUENCE_ACCURACY;
    }

    /**
     * The kind with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static MetricKind fromId(String id) {
        for (MetricKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'; known metrics: "
                + Arrays.stream(values()).map(MetricKind::id).collect(Collectors.joining(", ")));
    }
}
