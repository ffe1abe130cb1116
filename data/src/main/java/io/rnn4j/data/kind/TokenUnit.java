package io.rnn4j.data.kind;

/** How a transcript is cut into labels. */
public enum TokenUnit {
    /** Every character is a label; the space separates words (for WER). */
    CHARACTERS,
    /** Every whitespace-separated word is a label. */
    WORDS
}
