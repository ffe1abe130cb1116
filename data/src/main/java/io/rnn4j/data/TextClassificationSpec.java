package io.rnn4j.data;

import java.util.Objects;

/**
 * {@code type: text_classification}: a CSV file with a text column and a label column. The
 * vocabulary and the label list are built from the training split (after a validation fraction is
 * taken out). An empty text becomes the single token {@code <unk>}, so every sequence has a step.
 *
 * @param splits    {@code train}, {@code validation}, {@code test}; fractions by seeded shuffle
 * @param text      {@code text}: the text column
 * @param label     {@code label}: the label column
 * @param tokenizer {@code tokenizer}: {@code {type, lowercase, max_vocab, min_freq}}
 * @param maxLength {@code max_length}: texts are truncated to their first {@code max_length} tokens;
 *                  0 for no limit
 */
public record TextClassificationSpec(SplitSpec splits, String text, String label, TokenizerOptions tokenizer,
                                     int maxLength) implements DataSpec {

    /** Validates. */
    public TextClassificationSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (maxLength < 0) {
            throw DataErrors.invalidOption("max_length", maxLength, "0 (no limit) or a positive number of tokens");
        }
        if (text.equals(label)) {
            throw DataErrors.invalidOption("label", label, "a column other than the text column");
        }
    }

    @Override
    public String type() {
        return "text_classification";
    }
}
