package io.rnn4j.core.spec;

/**
 * Sizes that only the loaded data knows, used to resolve specs that depend on them (a head's number of
 * classes, a decoder's target vocabulary). {@link #UNKNOWN} where the data does not say.
 *
 * @param classes          number of class labels (or, for language models, the vocabulary size)
 * @param targetVocabulary size of the target vocabulary of sequence-to-sequence data
 * @param targetFeatures   features per target value for regression
 */
public record DataFacts(int classes, int targetVocabulary, int targetFeatures) {
    /** A size the data does not determine. */
    public static final int UNKNOWN = -1;

    /** Facts for validation before any data is loaded. */
    public static DataFacts unknown() {
        return new DataFacts(UNKNOWN, UNKNOWN, UNKNOWN);
    }
}
