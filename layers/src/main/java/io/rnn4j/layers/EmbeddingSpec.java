package io.rnn4j.layers;

/**
 * A lookup table from token ids {@code [batch, time]} to vectors {@code [batch, time, dim]}.
 *
 * @param vocabulary number of ids ({@code >= 1}); ids must be in {@code [0, vocabulary)}
 * @param dim        vector size ({@code >= 1})
 */
public record EmbeddingSpec(int vocabulary, int dim) {

    /** Validates. */
    public EmbeddingSpec {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary must be >= 1, was " + vocabulary);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, was " + dim);
        }
    }
}
