package io.rnn4j.core.spec;

/**
 * Sizes that only the loaded data knows, used to resolve specs that depend on them (a head's number of
 * classes, a decoder's target vocabulary). {@link #UNKNOWN} where the data does not say.
 *
 * @param classes          number of class labels (or, for language models, the vocabulary size)
 * @param targetVocabulary size of the target vocabulary of sequence-to-sequence data
 * @param targetFeatures   features per target value for regression
 * @param longestTarget    the most tokens a decoder must write for one target of the loaded data, its
 *                         {@code <eos>} included (sequence-to-sequence data)
 */
public record DataFacts(int classes, int targetVocabulary, int targetFeatures, int longestTarget) {
    /** A size the data does not determine. */
    public static final int UNKNOWN = -1;

    /** Facts without {@link #longestTarget()} (what the data of most kinds says). */
    public DataFacts(int classes, int targetVocabulary, int targetFeatures) {
        this(classes, targetVocabulary, targetFeatures, UNKNOWN);
    }

    /** Facts for validation before any data is loaded. */
    public static DataFacts unknown() {
        return new DataFacts(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    /**
     * These facts with {@code longestTarget}: the most tokens a decoder writes for one target of the loaded
     * data, its end-of-sequence token included (the target's tokens plus one).
     */
    public DataFacts withLongestTarget(int longestTarget) {
        return new DataFacts(classes, targetVocabulary, targetFeatures, longestTarget);
    }
}
