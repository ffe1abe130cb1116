package io.rnn4j.data;

/** How text is cut into tokens. YAML: {@code tokenizer: {type: word}} or {@code {type: char}}. */
public enum TokenizerKind {
    /**
     * Words: maximal runs of letters and digits; an apostrophe ({@code '} or {@code ’}) between two
     * letters or digits stays inside the word ({@code don't}, {@code o'clock}); every other character
     * separates words and is dropped.
     */
    WORD,
    /** Characters: every Unicode code point, whitespace and punctuation included, is one token. */
    CHAR
}
