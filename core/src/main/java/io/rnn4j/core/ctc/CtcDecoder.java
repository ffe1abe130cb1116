package io.rnn4j.core.ctc;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns per-frame CTC scores {@code [batch, time, C]} (log-probabilities, or logits: a log-softmax is
 * applied first, which changes nothing for log-probabilities) into label sequences of output indices
 * (the blank removed). Only the valid frames of each sequence ({@link SequenceMask}) are read.
 *
 * <p>Greedy: {@code argmax} per frame (the lowest index on ties), collapse repeats, drop blanks. Beam:
 * prefix beam search without a language model (Hannun, Maas, Jurafsky and Ng, 2014, "First-Pass Large
 * Vocabulary Continuous Speech Recognition using Bi-Directional Recurrent DNNs"): every prefix carries
 * {@code log P(prefix, last alignment step blank)} and {@code log P(prefix, last step its last label)};
 * after each frame the {@code beamWidth} prefixes of highest total probability are kept (ties broken by
 * the prefix's labels, so results are deterministic). A {@link Hypothesis} also gives that total
 * log-probability.
 *
 * <p>Immutable and thread-safe.
 */
public final class CtcDecoder {
    private final int blank;
    private final CtcDecoding decoding;
    private final int beamWidth;

    /**
     * A decoder.
     *
     * @param blank     the blank's output index
     * @param decoding  greedy or beam
     * @param beamWidth prefixes kept by beam search ({@code >= 1}; ignored by greedy)
     */
    public CtcDecoder(int blank, CtcDecoding decoding, int beamWidth) {
        if (blank < 0) {
            throw new IllegalArgumentException("blank must be an output index >= 0, was " + blank);
        }
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam_width must be >= 1, was " + beamWidth);
        }
        this.blank = blank;
        this.decoding = java.util.Objects.requireNonNull(decoding, "decoding");
        this.beamWidth = beamWidth;
    }

    /** A greedy decoder. */
    public static CtcDecoder greedy(int blank) {
        return new CtcDecoder(blank, CtcDecoding.GREEDY, 1);
    }

    /** A prefix beam search decoder. */
    public static CtcDecoder beam(int blank, int beamWidth) {
        return new CtcDecoder(blank, CtcDecoding.BEAM, beamWidth);
    }

    /** The blank's output index. */
    public int blank() {
        return blank;
    }

    /** Greedy or beam. */
    public CtcDecoding decoding() {
        return decoding;
    }

    /** The beam width. */
    public int beamWidth() {
        return beamWidth;
    }

    /**
     * A decoded label sequence.
     *
     * @param labels  output indices, blank-free
     * @param logProb the log-probability of {@code labels} (summed over its alignments) for beam search;
     *                for greedy, the log-probability of the best path alone
     */
    public record Hypothesis(int[] labels, double logProb) {
        /** Copies the labels. */
        public Hypothesis {
            labels = labels.clone();
        }

        /** A copy of the labels. */
        @Override
        public int[] labels() {
            return labels.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && Arrays.equals(labels, h.labels) && Double.compare(logProb, h.logProb) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(labels) * 31 + Double.hashCode(logProb);
        }

        @Override
        public String toString() {
            return Arrays.toString(labels) + " (log p " + logProb + ")";
        }
    }

    /**
     * Decodes every sequence of a batch.
     *
     * @param scores per-frame scores {@code [batch, time, C]}
     * @param mask   valid frames, or {@code null} for all
     */
    public List<Hypothesis> decode(Tensor scores, SequenceMask mask) {
        if (scores.rank() != 3) {
            throw new IllegalArgumentException("CTC decoding needs per-frame scores [batch, time, classes + 1], got "
                    + scores.shape());
        }
        int batch = scores.dim(0);
        int time = scores.dim(1);
        int width = scores.dim(2);
        if (blank >= width) {
            throw new IllegalArgumentException("the blank is output " + blank + " but the scores have " + width
                    + " outputs per frame");
        }
        if (mask != null && (mask.batch() != batch || mask.time() != time)) {
            throw new IllegalArgumentException("mask " + mask + " does not fit scores " + scores.shape());
        }
        List<Hypothesis> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int frames = mask == null ? time : mask.length(b);
            double[] lp = logSoftmax(scores, b, frames);
            out.add(decoding == CtcDecoding.GREEDY ? greedy(lp, frames, width) : beam(lp, frames, width));
        }
        return out;
    }

    /** Decodes one sequence of {@code frames x width} scores given row-major. */
    public Hypothesis decode(float[] scores, int frames, int width) {
        Tensor t = Tensor.of(Arrays.copyOf(scores, frames * width), 1, frames, width);
        return decode(t, null).get(0);
    }

    private Hypothesis greedy(double[] lp, int frames, int width) {
        int[] out = new int[frames];
        int n = 0;
        int prev = -1;
        double logProb = 0;
        for (int t = 0; t < frames; t++) {
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (lp[t * width + c] > lp[t * width + best]) {
                    best = c;
                }
            }
            logProb += lp[t * width + best];
            if (best != blank && best != prev) {
                out[n++] = best;
            }
            prev = best;
        }
        return new Hypothesis(Arrays.copyOf(out, n), logProb);
    }

    /** A prefix, hashable. */
    private record Prefix(int[] labels) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && Arrays.equals(labels, p.labels);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(labels);
        }

        int last() {
            return labels.length == 0 ? -1 : labels[labels.length - 1];
        }

        Prefix plus(int c) {
            int[] l = Arrays.copyOf(labels, labels.length + 1);
            l[labels.length] = c;
            return new Prefix(l);
        }
    }

    private Hypothesis beam(double[] lp, int frames, int width) {
        // value: {log P(prefix, ends in blank), log P(prefix, ends in its last label)}
        Map<Prefix, double[]> beams = new HashMap<>();
        beams.put(new Prefix(new int[0]), new double[] {0, Double.NEGATIVE_INFINITY});
        for (int t = 0; t < frames; t++) {
            Map<Prefix, double[]> next = new HashMap<>();
            int o = t * width;
            for (Map.Entry<Prefix, double[]> e : beams.entrySet()) {
                Prefix p = e.getKey();
                double pb = e.getValue()[0];
                double pnb = e.getValue()[1];
                double total = LogSpace.logAdd(pb, pnb);
                // blank: the prefix stays, now ending in a blank
                add(next, p, 0, total + lp[o + blank]);
                int last = p.last();
                if (last >= 0) {
                    // the last label repeated without a blank between: the same prefix
                    add(next, p, 1, pnb + lp[o + last]);
                }
                for (int c = 0; c < width; c++) {
                    if (c == blank) {
                        continue;
                    }
                    // a new label: after a blank always; after the same label only through a blank
                    double logP = (c == last ? pb : total) + lp[o + c];
                    if (logP != Double.NEGATIVE_INFINITY) { // an impossible extension allocates no prefix
                        add(next, p.plus(c), 1, logP);
                    }
                }
            }
            beams = prune(next);
        }
        Map.Entry<Prefix, double[]> best = null;
        for (Map.Entry<Prefix, double[]> e : beams.entrySet()) {
            if (best == null || better(e, best)) {
                best = e;
            }
        }
        return new Hypothesis(best.getKey().labels(), LogSpace.logAdd(best.getValue()[0], best.getValue()[1]));
    }

    private static void add(Map<Prefix, double[]> beams, Prefix p, int which, double logP) {
        if (logP == Double.NEGATIVE_INFINITY) {
            return;
        }
        double[] v = beams.computeIfAbsent(p, k -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        v[which] = LogSpace.logAdd(v[which], logP);
    }

    private Map<Prefix, double[]> prune(Map<Prefix, double[]> all) {
        if (all.size() <= beamWidth) {
            return all;
        }
        List<Map.Entry<Prefix, double[]>> entries = new ArrayList<>(all.entrySet());
        entries.sort((a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0);
        Map<Prefix, double[]> kept = new HashMap<>();
        for (int i = 0; i < beamWidth; i++) {
            kept.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return kept;
    }

    /** Higher total probability first; on a tie the shorter, then lexicographically smaller prefix. */
    private static boolean better(Map.Entry<Prefix, double[]> a, Map.Entry<Prefix, double[]> b) {
        double sa = LogSpace.logAdd(a.getValue()[0], a.getValue()[1]);
        double sb = LogSpace.logAdd(b.getValue()[0], b.getValue()[1]);
        if (sa != sb) {
            return sa > sb;
        }
        int[] la = a.getKey().labels();
        int[] lb = b.getKey().labels();
        if (la.length != lb.length) {
            return la.length < lb.length;
        }
        return Arrays.compare(la, lb) < 0;
    }

    private static double[] logSoftmax(Tensor scores, int b, int frames) {
        int time = scores.dim(1);
        int width = scores.dim(2);
        int base = scores.offset() + b * time * width;
        double[] lp = new double[frames * width];
        for (int t = 0; t < frames; t++) {
            LogSpace.logSoftmax(scores.data(), base + t * width, lp, t * width, width);
        }
        return lp;
    }
}
