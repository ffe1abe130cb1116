package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.CtcDecoder;
import io.rnn4j.core.ctc.CtcSettings;
import io.rnn4j.core.ctc.EditDistance;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a transcription task on one split: character (label) error rate, word error rate and
 * sequence accuracy of greedy and of beam search decoding, and the same for a trivial baseline that
 * outputs the training split's most frequent label as many times as the median training transcript is
 * long.
 *
 * @param split                     the split
 * @param greedyCer                 CER of greedy decoding
 * @param greedyWer                 WER of greedy decoding (over labels when there is no word separator)
 * @param greedySequenceAccuracy    fraction of transcripts decoded exactly, greedy
 * @param beamCer                   CER of beam search
 * @param beamWer                   WER of beam search
 * @param beamSequenceAccuracy      fraction exact, beam search
 * @param beamWidth                 the beam width
 * @param baselineCer               CER of the baseline
 * @param baselineWer               WER of the baseline
 * @param baselineSequenceAccuracy  fraction exact of the baseline
 */
public record TranscriptionReport(Split split, double greedyCer, double greedyWer, double greedySequenceAccuracy,
        double beamCer, double beamWer, double beamSequenceAccuracy, int beamWidth, double baselineCer,
        double baselineWer, double baselineSequenceAccuracy) implements TaskReport {

    /** Error counts, accumulated. */
    private static final class Counts {
        long edits;
        long labels;
        long wordEdits;
        long words;
        long exact;
        long n;

        void add(int[] hyp, int[] ref, int separator) {
            edits += EditDistance.between(hyp, ref);
            labels += ref.length;
            if (separator >= 0) {
                List<int[]> ids = new ArrayList<>();
                int[] r = EditDistance.words(ref, separator, ids);
                wordEdits += EditDistance.between(EditDistance.words(hyp, separator, ids), r);
                words += r.length;
            } else {
                wordEdits += EditDistance.between(hyp, ref);
                words += ref.length;
            }
            exact += java.util.Arrays.equals(hyp, ref) ? 1 : 0;
            n++;
        }

        double cer() {
            return labels == 0 ? Double.NaN : (double) edits / labels;
        }

        double wer() {
            return words == 0 ? Double.NaN : (double) wordEdits / words;
        }

        double accuracy() {
            return n == 0 ? Double.NaN : (double) exact / n;
        }
    }

    /**
     * The figures accumulated batch by batch ({@code evaluate --data} reads a file in windows), with the
     * baseline transcript fixed up front (the model's archive stores it, see {@link #baseline}).
     */
    static final class Tally {
        private final int[] baseline;
        private final int separator;
        private final Counts greedy = new Counts();
        private final Counts beam = new Counts();
        private final Counts base = new Counts();

        Tally(int[] baseline, int separator) {
            this.baseline = baseline.clone();
            this.separator = separator;
        }

        /** Decodes {@code batches} with the model and adds them (nothing without a CTC head). */
        void add(List<TrainBatch> batches, ReportContext context) {
            if (context.ctc().isEmpty()) {
                return;
            }
            CtcSettings ctc = context.ctc().get();
            CtcDecoder g = ctc.greedy();
            CtcDecoder bs = ctc.beam();
            for (TrainBatch b : batches) {
                Flow out = context.predict(b.input());
                List<CtcDecoder.Hypothesis> gh = g.decode(out.values(), out.mask());
                List<CtcDecoder.Hypothesis> bh = bs.decode(out.values(), out.mask());
                Tensor t = b.targets();
                for (int i = 0; i < b.size(); i++) {
                    int n = 0;
                    while (n < t.dim(1) && t.get(i, n) >= 0) {
                        n++;
                    }
                    int[] ref = new int[n];
                    for (int j = 0; j < n; j++) {
                        ref[j] = (int) t.get(i, j);
                    }
                    greedy.add(ctc.labels(gh.get(i).labels()), ref, separator);
                    beam.add(ctc.labels(bh.get(i).labels()), ref, separator);
                    base.add(baseline, ref, separator);
                }
            }
        }

        /** The report on every batch added, or {@link TaskReport#none} when the model's head is not trained with CTC. */
        TaskReport report(Split split, ReportContext context) {
            if (context.ctc().isEmpty()) {
                return TaskReport.none(split);
            }
            return new TranscriptionReport(split, greedy.cer(), greedy.wer(), greedy.accuracy(), beam.cer(), beam.wer(),
                    beam.accuracy(), context.ctc().get().beamWidth(), base.cer(), base.wer(), base.accuracy());
        }
    }

    /** The most frequent training label, repeated the median training length. */
    static int[] baseline(List<int[]> training) {
        Map<Integer, Integer> counts = new HashMap<>();
        List<Integer> lengths = new ArrayList<>();
        for (int[] l : training) {
            lengths.add(l.length);
            for (int v : l) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return new int[0];
        }
        int label = io.rnn4j.data.internal.Tallies.mostFrequent(counts, 0);
        java.util.Collections.sort(lengths);
        int[] out = new int[lengths.get(lengths.size() / 2)];
        java.util.Arrays.fill(out, label);
        return out;
    }
}
