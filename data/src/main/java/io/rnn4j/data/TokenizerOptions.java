package io.rnn4j.data;

import java.util.Objects;

/**
 * The {@code tokenizer:} block of a text data set: how text is cut and how the vocabulary is built
 * from the training split.
 *
 * @param type      {@code type}: word or char
 * @param lowercase {@code lowercase}: lower-case before tokenizing
 * @param maxVocab  {@code max_vocab}: the largest vocabulary, reserved tokens included; 0 for no limit
 * @param minFreq   {@code min_freq}: a token seen fewer times in the training split maps to {@code <unk>}
 */
public record TokenizerOptions(TokenizerKind type, boolean lowercase, int maxVocab, int minFreq) {

    /** Validates. */
    public TokenizerOptions {
        Objects.requireNonNull(type, "type");
        if (maxVocab < 0) {
            throw DataErrors.invalidOption("tokenizer.max_vocab", maxVocab, "0 (no limit) or a positive size");
        }
        if (minFreq < 1) {
            throw DataErrors.invalidOption("tokenizer.min_freq", minFreq, "a count of at least 1");
        }
    }

    /** Word tokens, lower-cased, no size limit, every token kept. */
    public static TokenizerOptions words() {
        return new TokenizerOptions(TokenizerKind.WORD, true, 0, 1);
    }

    /** Character tokens, case kept, no size limit, every character kept. */
    public static TokenizerOptions chars() {
        return new TokenizerOptions(TokenizerKind.CHAR, false, 0, 1);
    }

    /** The tokenizer these options describe. */
    public Tokenizer tokenizer() {
        return new Tokenizer(type, lowercase);
    }

    /** Vocabulary options; {@code generation} adds {@code <bos>} and {@code <eos>}. */
    public VocabularyOptions vocabulary(boolean generation) {
        return new VocabularyOptions(maxVocab, minFreq, generation);
    }
}
