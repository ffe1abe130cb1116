package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.CtcDecoder;
import io.rnn4j.core.ctc.EditDistance;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics of transcription: the output of a CTC model is decoded greedily (best path) and compared with
 * the target label sequence.
 *
 * <ul>
 *   <li>{@link MetricKind#CER}: the edit distance between decoded and target labels summed over the
 *       sequences, divided by the summed target length (the character error rate when the labels are
 *       characters; it can exceed 1 when the model inserts labels);</li>
 *   <li>{@link MetricKind#WER}: the same over words, split at {@link CtcScoring#separator()} (or over
 *       labels when there is no separator: word-level tokens);</li>
 *   <li>{@link MetricKind#SEQUENCE_ACCURACY}: the fraction of sequences decoded exactly.</li>
 * </ul>
 *
 * <p>Predictions are per-frame scores {@code [batch, time, C]} with the input mask; targets are label
 * sequences {@code [batch, L]} padded with {@code -1}, as {@link io.rnn4j.core.loss.CtcLoss} takes them.
 * An empty target contributes no reference labels to CER/WER but its insertions still count.
 */
public final class SequenceMetric implements Metric {
    private final MetricKind kind;
    private final CtcScoring scoring;
    private final CtcDecoder decoder;
    private long edits;
    private long reference;
    private long exact;
    private long sequences;

    /**
     * A metric.
     *
     * @param kind    {@code CER}, {@code WER} or {@code SEQUENCE_ACCURACY}
     * @param scoring the blank and the word separator
     */
    public SequenceMetric(MetricKind kind, CtcScoring scoring) {
        if (!kind.isSequence()) {
            throw new IllegalArgumentException(kind.id() + " is not a sequence metric; use cer, wer or sequence_accuracy");
        }
        this.kind = kind;
        this.scoring = java.util.Objects.requireNonNull(scoring, "scoring");
        this.decoder = CtcDecoder.greedy(scoring.blank());
    }

    @Override
    public MetricKind kind() {
        return kind;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        if (predictions.rank() != 3) {
            throw new IllegalArgumentException(kind.id() + ": predictions must be per-frame scores [batch, time, C], got "
                    + predictions.shape() + "; sequence metrics need a ctc head");
        }
        int batch = predictions.dim(0);
        if (targets.rank() != 2 || targets.dim(0) != batch) {
            throw new IllegalArgumentException(kind.id() + ": targets must be label sequences [batch, L] padded with -1, "
                    + "got " + targets.shape() + " for a batch of " + batch);
        }
        List<CtcDecoder.Hypothesis> decoded = decoder.decode(predictions, mask);
        for (int b = 0; b < batch; b++) {
            int[] hyp = decoded.get(b).labels();
            int[] ref = labels(targets, b);
            sequences++;
            if (java.util.Arrays.equals(hyp, ref)) {
                exact++;
            }
            if (kind == MetricKind.WER && scoring.separator() >= 0) {
                List<int[]> ids = new ArrayList<>();
                int[] h = EditDistance.words(hyp, scoring.separator(), ids);
                int[] r = EditDistance.words(ref, scoring.separator(), ids);
                edits += EditDistance.between(h, r);
                reference += r.length;
            } else {
                edits += EditDistance.between(hyp, ref);
                reference += ref.length;
            }
        }
    }

    private int[] labels(Tensor targets, int b) {
        int width = targets.dim(1);
        int n = 0;
        while (n < width && targets.get(b, n) >= 0) {
            n++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            float v = targets.get(b, i);
            if (v != (int) v) {
                throw new IllegalArgumentException(kind.id() + ": label " + i + " of sequence " + b + " is " + v
                        + " but labels are integer output indices");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * CER or WER (edits over reference labels or words; NaN with no reference label or word and no
     * edit, 0 when nothing was to be transcribed and nothing was), or the sequence accuracy.
     */
    @Override
    public double result() {
        if (sequences == 0) {
            return Double.NaN;
        }
        if (kind == MetricKind.SEQUENCE_ACCURACY) {
            return (double) exact / sequences;
        }
        if (reference == 0) {
            return edits == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (double) edits / reference;
    }

    @Override
    public double[] statistics() {
        return new double[] {edits, reference, exact, sequences};
    }

    @Override
    public void add(double[] statistics) {
        Metric.requireLength(statistics, 4, kind);
        edits += (long) statistics[0];
        reference += (long) statistics[1];
        exact += (long) statistics[2];
        sequences += (long) statistics[3];
    }

    @Override
    public void reset() {
        edits = 0;
        reference = 0;
        exact = 0;
        sequences = 0;
    }
}
