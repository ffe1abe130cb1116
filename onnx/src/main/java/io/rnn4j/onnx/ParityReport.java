package io.rnn4j.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a parity check compared: every output of every case, with the largest difference found, and for a
 * decoder pair the tokens that greedy decoding emitted.
 *
 * @param comparisons one entry per case and output
 * @param decodings   one entry per case for a decoder pair (the tokens decoded in ONNX Runtime against the
 *                    reference backend's), empty for a single graph
 */
public record ParityReport(List<Comparison> comparisons, List<TokenCheck> decodings) {

    /** Absolute part of the tolerance. */
    public static final double ABSOLUTE_TOLERANCE = 1e-5;
    /** Relative part of the tolerance. */
    public static final double RELATIVE_TOLERANCE = 1e-4;

    /** Copies. */
    public ParityReport {
        comparisons = List.copyOf(comparisons);
        decodings = List.copyOf(decodings);
    }

    /** A report of a single graph (no decoding). */
    public ParityReport(List<Comparison> comparisons) {
        this(comparisons, List.of());
    }

    /**
     * The tokens of one case of greedy decoding through a decoder pair.
     *
     * @param caseName        the inputs used ({@code zero state}, {@code given state})
     * @param lengths         each sequence's decoded length in the reference ({@code <eos>} included)
     * @param tokens          number of tokens compared
     * @param identical       whether ONNX Runtime decoded exactly the reference's tokens
     * @param firstDifference where they first differ, with both tokens and the reference logits there;
     *                        {@code ""} when identical
     */
    public record TokenCheck(String caseName, int[] lengths, int tokens, boolean identical, String firstDifference) {

        /** Copies the lengths. */
        public TokenCheck {
            lengths = lengths.clone();
        }

        @Override
        public int[] lengths() {
            return lengths.clone();
        }

        /** One line: {@code tokens (zero state): identical, 14 tokens, lengths [7, 5, 2]}. */
        public String describe() {
            return String.format(Locale.ROOT, "tokens (%s): %s, %d tokens, reference lengths %s", caseName,
                    identical ? "identical" : "DIFFERENT, " + firstDifference, tokens, Arrays.toString(lengths));
        }
    }

    /**
     * One output of one case.
     *
     * @param caseName   the inputs used ({@code zero state}, {@code given state})
     * @param output     the output's name in the graph
     * @param elements   number of values compared
     * @param maxAbsDiff the largest {@code |onnx - reference|}
     * @param worstIndex where the difference is largest relative to its tolerance
     * @param reference  the reference value there
     * @param onnx       ONNX Runtime's value there
     * @param passed     whether every value is within {@code 1e-5 + 1e-4 * |reference|}
     */
    public record Comparison(String caseName, String output, int elements, double maxAbsDiff, int[] worstIndex,
            float reference, float onnx, boolean passed) {

        /** Copies the index. */
        public Comparison {
            worstIndex = worstIndex.clone();
        }

        @Override
        public int[] worstIndex() {
            return worstIndex.clone();
        }

        /** One line: {@code output (case): max |diff| 1.2e-07 over 96 values}. */
        public String describe() {
            return String.format(Locale.ROOT, "%s (%s): max |diff| %.3g over %d values%s", output, caseName, maxAbsDiff,
                    elements, passed ? "" : String.format(Locale.ROOT, "; worst at %s: reference %s, ONNX Runtime %s",
                            Arrays.toString(worstIndex), reference, onnx));
        }
    }

    /** The largest absolute difference over every comparison. */
    public double maxAbsDiff() {
        return comparisons.stream().mapToDouble(Comparison::maxAbsDiff).max().orElse(0);
    }

    /** Whether every comparison passed and every decoding emitted the reference's tokens. */
    public boolean passed() {
        return comparisons.stream().allMatch(Comparison::passed) && decodings.stream().allMatch(TokenCheck::identical);
    }

    /** One line per comparison. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Comparison c : comparisons) {
            sb.append(c.describe()).append('\n');
        }
        for (TokenCheck t : decodings) {
            sb.append(t.describe()).append('\n');
        }
        return sb.toString();
    }
}
