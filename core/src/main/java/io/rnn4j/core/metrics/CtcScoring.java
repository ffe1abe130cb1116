package io.rnn4j.core.metrics;

/**
 * How the sequence metrics ({@link MetricKind#CER}, {@link MetricKind#WER},
 * {@link MetricKind#SEQUENCE_ACCURACY}) read a CTC model's output: which output is the blank, and which
 * label (if any) separates words.
 *
 * @param blank     the blank's output index
 * @param separator the output index of the label between words (the space character of a
 *                  character-level transcript), or {@code -1} when every label is a word (word-level
 *                  tokens: WER then counts label edits)
 */
public record CtcScoring(int blank, int separator) {
    /** Validates. */
    public CtcScoring {
        if (blank < 0) {
            throw new IllegalArgumentException("blank must be an output index >= 0, was " + blank);
        }
        if (separator < -1 || separator == blank) {
            throw new IllegalArgumentException("the word separator must be a label index other than the blank (" + blank
                    + "), or -1 for none; was " + separator);
        }
    }
}
