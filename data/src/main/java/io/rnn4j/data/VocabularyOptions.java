package io.rnn4j.data;

/**
 * How a {@link Vocabulary} is built.
 *
 * @param maxSize    the largest size, reserved tokens included (like Keras {@code max_tokens});
 *                   0 for no limit
 * @param minFreq    tokens seen fewer times are left out (and map to {@code <unk>})
 * @param generation whether {@code <bos>}=2 and {@code <eos>}=3 are reserved as well, for decoders
 *                   and language models
 */
public record VocabularyOptions(int maxSize, int minFreq, boolean generation) {

    /** Validates. */
    public VocabularyOptions {
        int reserved = generation ? 4 : 2;
        if (maxSize != 0 && maxSize <= reserved) {
            throw DataErrors.invalidOption("tokenizer.max_vocab", maxSize,
                    "0 (no limit) or more than the " + reserved + " reserved tokens");
        }
        if (minFreq < 1) {
            throw DataErrors.invalidOption("tokenizer.min_freq", minFreq, "a count of at least 1");
        }
    }
}
