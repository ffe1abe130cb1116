package io.rnn4j.core.ctc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Greedy and prefix beam decoding on hand-made cases, and beam search against brute-force enumeration. */
class CtcDecoderTest {

    /** Log-probabilities of one-hot-ish frames: the given output has probability 0.9. */
    private static float[] frames(int width, int... best) {
        float[] x = new float[best.length * width];
        for (int t = 0; t < best.length; t++) {
            for (int c = 0; c < width; c++) {
                x[t * width + c] = (float) Math.log(c == best[t] ? 0.9 : 0.1 / (width - 1));
            }
        }
        return x;
    }

    @Test
    void greedyCollapsesRepeatsAndDropsBlanks() {
        // a a _ a b b _ _ c  ->  a a b c  (blank 0; a=1, b=2, c=3)
        float[] x = frames(4, 1, 1, 0, 1, 2, 2, 0, 0, 3);
        assertThat(CtcDecoder.greedy(0).decode(x, 9, 4).labels()).containsExactly(1, 1, 2, 3);
    }

    @Test
    void greedyWithTheBlankLast() {
        // blank 3: 0 3 0 1 1 -> 0 0 1
        float[] x = frames(4, 0, 3, 0, 1, 1);
        assertThat(CtcDecoder.greedy(3).decode(x, 5, 4).labels()).containsExactly(0, 0, 1);
    }

    @Test
    void greedyOfOnlyBlanksIsEmptyAndItsLogProbIsThePathsProbability() {
        CtcDecoder.Hypothesis h = CtcDecoder.greedy(0).decode(frames(3, 0, 0), 2, 3);
        assertThat(h.labels()).isEmpty();
        assertThat(h.logProb()).isCloseTo(2 * Math.log(0.9), within(1e-6));
    }

    @Test
    void beamFindsTheLabellingThatGreedyMisses() {
        // two frames, p(blank) = 0.6, p(a) = 0.4: the best path is "_ _" (0.36), so greedy says "";
        // but "a" has a a + a _ + _ a = 0.16 + 0.24 + 0.24 = 0.64
        float lb = (float) Math.log(0.6);
        float la = (float) Math.log(0.4);
        float[] x = {lb, la, lb, la};
        assertThat(CtcDecoder.greedy(0).decode(x, 2, 2).labels()).isEmpty();
        CtcDecoder.Hypothesis beam = CtcDecoder.beam(0, 4).decode(x, 2, 2);
        assertThat(beam.labels()).containsExactly(1);
        assertThat(beam.logProb()).isCloseTo(Math.log(0.64), within(1e-6));
    }

    @Test
    void beamOfWidthOneIsNotBetterThanGreedyHere() {
        float lb = (float) Math.log(0.6);
        float la = (float) Math.log(0.4);
        float[] x = {lb, la, lb, la};
        // after frame 1 the beam keeps only "" (0.6 > 0.4): the same answer as greedy
        assertThat(CtcDecoder.beam(0, 1).decode(x, 2, 2).labels()).isEmpty();
    }

    @Test
    void wideBeamIsExactAgainstEnumeratingEveryPath() {
        RandomSource rng = new RandomSource(13);
        int time = 6;
        int width = 3;
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[time * width];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.uniform(-2f, 2f);
            }
            int blank = trial % 2 == 0 ? 0 : width - 1;
            Map<List<Integer>, Double> byLabelling = enumerate(x, time, width, blank);
            Map.Entry<List<Integer>, Double> best = byLabelling.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            // every prefix fits in a beam of width^time
            CtcDecoder.Hypothesis h = CtcDecoder.beam(blank, 1000).decode(x, time, width);
            assertThat(Arrays.stream(h.labels()).boxed().toList()).as("trial %d", trial).isEqualTo(best.getKey());
            assertThat(h.logProb()).isCloseTo(Math.log(best.getValue()), within(1e-9));
        }
    }

    @Test
    void outputsOfProbabilityZeroAreNeverExtendedAndTheRestIsStillExact() {
        // log-probabilities with -inf (probability 0) for output 2 everywhere and for output 1 at some frames:
        // beam search skips those extensions (no prefix is made for them) and still equals enumeration
        RandomSource rng = new RandomSource(29);
        int time = 6;
        int width = 4;
        for (int trial = 0; trial < 10; trial++) {
            float[] x = new float[time * width];
            for (int t = 0; t < time; t++) {
                double z = 0;
                double[] p = new double[width];
                for (int c = 0; c < width; c++) {
                    boolean zero = c == 2 || (c == 1 && (t + trial) % 3 == 0);
                    p[c] = zero ? 0 : rng.uniform(0.1f, 1f);
                    z += p[c];
                }
                for (int c = 0; c < width; c++) {
                    x[t * width + c] = (float) Math.log(p[c] / z);
                }
            }
            Map<List<Integer>, Double> byLabelling = enumerate(x, time, width, 0);
            byLabelling.values().removeIf(v -> v == 0);
            Map.Entry<List<Integer>, Double> best = byLabelling.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            CtcDecoder.Hypothesis h = CtcDecoder.beam(0, 5000).decode(x, time, width);
            assertThat(Arrays.stream(h.labels()).boxed().toList()).as("trial %d", trial).isEqualTo(best.getKey());
            assertThat(h.labels()).doesNotContain(2);
            assertThat(h.logProb()).isCloseTo(Math.log(best.getValue()), within(1e-9));
            CtcDecoder.Hypothesis narrow = CtcDecoder.beam(0, 3).decode(x, time, width);
            assertThat(narrow.labels()).doesNotContain(2);
            assertThat(narrow.logProb()).isFinite();
        }
    }

    /** Probability of every labelling, summed over all width^time paths (independent of the decoder). */
    private static Map<List<Integer>, Double> enumerate(float[] x, int time, int width, int blank) {
        double[][] p = new double[time][width];
        for (int t = 0; t < time; t++) {
            double z = 0;
            for (int c = 0; c < width; c++) {
                z += Math.exp(x[t * width + c]);
            }
            for (int c = 0; c < width; c++) {
                p[t][c] = Math.exp(x[t * width + c]) / z;
            }
        }
        Map<List<Integer>, Double> out = new HashMap<>();
        int paths = (int) Math.pow(width, time);
        for (int code = 0; code < paths; code++) {
            int rest = code;
            double prob = 1;
            List<Integer> labels = new java.util.ArrayList<>();
            int prev = -1;
            for (int t = 0; t < time; t++) {
                int c = rest % width;
                rest /= width;
                prob *= p[t][c];
                if (c != blank && c != prev) {
                    labels.add(c);
                }
                prev = c;
            }
            out.merge(labels, prob, Double::sum);
        }
        return out;
    }

    /** log P(labels | x) summed over all alignments: the CTC forward recursion (Graves 2006), in probability space. */
    private static double exactLogProb(float[] x, int time, int width, int blank, int[] labels) {
        int s = 2 * labels.length + 1;
        int[] ext = new int[s];
        for (int i = 0; i < s; i++) {
            ext[i] = i % 2 == 0 ? blank : labels[i / 2];
        }
        double[] alpha = new double[s];
        double logScale = 0;
        for (int t = 0; t < time; t++) {
            double z = 0;
            for (int c = 0; c < width; c++) {
                z += Math.exp(x[t * width + c]);
            }
            double[] next = new double[s];
            for (int i = 0; i < s; i++) {
                double a;
                if (t == 0) {
                    a = i < 2 ? 1 : 0;
                } else {
                    a = alpha[i] + (i >= 1 ? alpha[i - 1] : 0)
                            + (i >= 2 && ext[i] != blank && ext[i] != ext[i - 2] ? alpha[i - 2] : 0);
                }
                next[i] = a * Math.exp(x[t * width + ext[i]]) / z;
            }
            double norm = 0;
            for (double v : next) {
                norm += v;
            }
            if (norm == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            for (int i = 0; i < s; i++) {
                next[i] /= norm;
            }
            logScale += Math.log(norm);
            alpha = next;
        }
        return logScale + Math.log(alpha[s - 1] + (s > 1 ? alpha[s - 2] : 0));
    }

    @Test
    void theForwardRecursionOfTheseTestsAgreesWithEnumeration() {
        RandomSource rng = new RandomSource(7);
        int time = 5;
        int width = 3;
        float[] x = new float[time * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(-2f, 2f);
        }
        for (Map.Entry<List<Integer>, Double> e : enumerate(x, time, width, 0).entrySet()) {
            int[] labels = e.getKey().stream().mapToInt(Integer::intValue).toArray();
            assertThat(exactLogProb(x, time, width, 0, labels)).as("%s", e.getKey()).isCloseTo(Math.log(e.getValue()), within(1e-9));
        }
    }

    /**
     * Frames like a trained recogniser's on unfamiliar audio: mostly a confident blank, confident label spikes,
     * and stretches where the blank and a label or two share the probability.
     */
    private static float[] modelLike(RandomSource rng, int time, int width) {
        float[] x = new float[time * width];
        int t = 0;
        while (t < time) {
            int kind = (int) (rng.nextDouble() * 3);
            int run = 1 + (int) (rng.nextDouble() * 8);
            int a = 1 + (int) (rng.nextDouble() * (width - 1));
            int b = 1 + (int) (rng.nextDouble() * (width - 1));
            for (int k = 0; k < run && t < time; k++, t++) {
                for (int c = 0; c < width; c++) {
                    double logit = rng.uniform(-1f, 1f);
                    if (kind == 0 && c == 0) {
                        logit += 6;
                    } else if (kind == 1 && c == a) {
                        logit += 6;
                    } else if (kind == 2 && (c == 0 || c == a || c == b)) {
                        logit += 3 + rng.uniform(-1f, 1f);
                    }
                    x[t * width + c] = (float) logit;
                }
            }
        }
        return x;
    }

    @Test
    void onLongModelLikeInputsBeamSearchScoresItsAnswerByTheForwardRecursionAndBeatsGreedy() {
        // 80 frames of 11 outputs (10 digits and the blank), beam 8 as the spoken-digits example. The beam's
        // score of its answer never exceeds the exact sum over that answer's alignments (pruning only loses
        // alignments; merging and log-sum-exp add nothing twice), and by that exact measure the beam's answer
        // is at least as likely as greedy's labelling: when the two differ, beam search is the better search
        RandomSource rng = new RandomSource(31);
        int time = 80;
        int width = 11;
        int differ = 0;
        for (int trial = 0; trial < 40; trial++) {
            float[] x = modelLike(rng, time, width);
            CtcDecoder.Hypothesis beam = CtcDecoder.beam(0, 8).decode(x, time, width);
            CtcDecoder.Hypothesis greedy = CtcDecoder.greedy(0).decode(x, time, width);
            double exactBeam = exactLogProb(x, time, width, 0, beam.labels());
            double exactGreedy = exactLogProb(x, time, width, 0, greedy.labels());
            // pruning can only lose alignments of a kept prefix: its score is at most the exact probability
            assertThat(beam.logProb()).as("trial %d", trial).isLessThanOrEqualTo(exactBeam + 1e-9);
            assertThat(exactBeam).as("trial %d", trial).isGreaterThanOrEqualTo(exactGreedy - 1e-9);
            differ += Arrays.equals(beam.labels(), greedy.labels()) ? 0 : 1;
        }
        // the cases are not all easy: on some the two decoders disagree (beam is then the more likely)
        assertThat(differ).isGreaterThan(0);
    }

    @Test
    void aLongAmbiguousStretchGivesLabelsForBeamSearchAndNothingForGreedy() {
        // 12 frames of p(blank) 0.55, p(a) 0.45: the best path is all blanks (greedy: ""), but a labelling
        // with a collects far more paths; enumerating all 4096 paths gives the same most likely labelling. This is how beam search can insert labels that greedy does not, when a model spreads
        // its probability over a stretch of frames (it is the right answer to the model's output, not a bug)
        int time = 12;
        float[] x = new float[time * 2];
        for (int t = 0; t < time; t++) {
            x[2 * t] = (float) Math.log(0.55);
            x[2 * t + 1] = (float) Math.log(0.45);
        }
        assertThat(CtcDecoder.greedy(0).decode(x, time, 2).labels()).isEmpty();
        CtcDecoder.Hypothesis beam = CtcDecoder.beam(0, 8).decode(x, time, 2);
        Map.Entry<List<Integer>, Double> best = enumerate(x, time, 2, 0).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow();
        assertThat(Arrays.stream(beam.labels()).boxed().toList()).isEqualTo(best.getKey());
        assertThat(beam.labels()).isNotEmpty();
        assertThat(beam.logProb()).isCloseTo(exactLogProb(x, time, 2, 0, beam.labels()), within(1e-9));
    }

    @Test
    void batchDecodingReadsOnlyValidFrames() {
        float[] a = frames(3, 1, 0, 2);
        float[] b = frames(3, 2, 2, 1); // only 1 frame valid: "2"
        float[] both = new float[18];
        System.arraycopy(a, 0, both, 0, 9);
        System.arraycopy(b, 0, both, 9, 9);
        Tensor x = Tensor.of(both, 2, 3, 3);
        List<CtcDecoder.Hypothesis> g = CtcDecoder.greedy(0).decode(x, new SequenceMask(2, 3, new int[] {3, 1}));
        assertThat(g.get(0).labels()).containsExactly(1, 2);
        assertThat(g.get(1).labels()).containsExactly(2);
        List<CtcDecoder.Hypothesis> beam = CtcDecoder.beam(0, 8).decode(x, new SequenceMask(2, 3, new int[] {3, 1}));
        assertThat(beam.get(0).labels()).containsExactly(1, 2);
        assertThat(beam.get(1).labels()).containsExactly(2);
    }

    @Test
    void logitsAndLogProbabilitiesDecodeTheSame() {
        float[] logits = {2f, -1f, 0.5f, 0.1f, 3f, -2f, 0.2f, 0.3f, 0.1f};
        float[] logProbs = logits.clone();
        for (int t = 0; t < 3; t++) {
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += Math.exp(logits[t * 3 + c]);
            }
            for (int c = 0; c < 3; c++) {
                logProbs[t * 3 + c] = (float) (logits[t * 3 + c] - Math.log(z));
            }
        }
        CtcDecoder beam = CtcDecoder.beam(0, 3);
        assertThat(beam.decode(logits, 3, 3).labels()).isEqualTo(beam.decode(logProbs, 3, 3).labels());
        assertThat(beam.decode(logits, 3, 3).logProb()).isCloseTo(beam.decode(logProbs, 3, 3).logProb(), within(1e-6));
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> CtcDecoder.beam(0, 0)).hasMessageContaining("beam_width must be >= 1");
        assertThatThrownBy(() -> CtcDecoder.greedy(5).decode(new float[3], 1, 3))
                .hasMessageContaining("the blank is output 5 but the scores have 3 outputs per frame");
    }

    @Test
    void editDistanceCountsSubstitutionsInsertionsAndDeletions() {
        assertThat(EditDistance.between(new int[] {1, 2, 3}, new int[] {1, 2, 3})).isZero();
        assertThat(EditDistance.between(new int[] {1, 3}, new int[] {1, 2, 3})).isEqualTo(1);
        assertThat(EditDistance.between(new int[] {1, 2, 4, 3}, new int[] {1, 2, 3})).isEqualTo(1);
        assertThat(EditDistance.between(new int[] {}, new int[] {1, 2})).isEqualTo(2);
        // kitten -> sitting: 3
        assertThat(EditDistance.between("kitten".chars().toArray(), "sitting".chars().toArray())).isEqualTo(3);
    }

    @Test
    void wordsSplitAtTheSeparatorAndShareIds() {
        List<int[]> ids = new java.util.ArrayList<>();
        int[] a = EditDistance.words(new int[] {5, 1, 2, 5, 5, 3, 5}, 5, ids);
        int[] b = EditDistance.words(new int[] {3, 5, 1, 2}, 5, ids);
        assertThat(a).containsExactly(0, 1);
        assertThat(b).containsExactly(1, 0);
    }
}
