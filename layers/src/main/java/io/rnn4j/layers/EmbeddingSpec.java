package io.rnn4j.layers;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;

/**
 * Options of the {@code embedding} layer kind: a lookup table from token ids {@code [batch, time]} to
 * vectors {@code [batch, time, dim]}.
 *
 * @param dim        vector size
 * @param vocabulary number of ids; {@code null} takes the size of the data's vocabulary
 * @param init       how the table's initial values are drawn
 */
@Doc("Lookup table from token ids to dense vectors.")
public record EmbeddingSpec(
        @Doc("Size of each vector.") @Range(min = 1) int dim,
        @Doc("Number of token ids; by default the size of the data's vocabulary.") @Range(min = 1) Integer vocabulary,
        @Doc("Initial values of the table: normal (N(0, 1), as PyTorch) or glorot_uniform (U(-a, a), "
                + "a = sqrt(6 / (vocabulary + dim)); small rows, for a table tied to the output with tie_embedding).")
        @Default("normal") EmbeddingInit init)
        implements LayerSpec {

    /** A table drawn from {@code N(0, 1)}. */
    public EmbeddingSpec(int dim, Integer vocabulary) {
        this(dim, vocabulary, EmbeddingInit.NORMAL);
    }

    /** Validates. */
    public EmbeddingSpec {
        java.util.Objects.requireNonNull(init, "init");
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, was " + dim);
        }
        if (vocabulary != null && vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary must be >= 1, was " + vocabulary);
        }
    }
}
