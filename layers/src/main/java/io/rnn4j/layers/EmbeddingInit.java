package io.rnn4j.layers;

/** How an {@code embedding} table's initial values are drawn. */
public enum EmbeddingInit {
    /** {@code N(0, 1)} for every entry, as PyTorch's {@code nn.Embedding}. */
    NORMAL,
    /**
     * Glorot/Xavier uniform over the table {@code [vocabulary, dim]}: {@code U(-a, a)} with
     * {@code a = sqrt(6 / (vocabulary + dim))}, small rows as GRU4Rec draws its tables. Suits a table that is
     * also the output weights ({@code tie_embedding}), whose logits {@code h E^T} are then small at the start
     * rather than of the order of {@code sqrt(dim)}.
     */
    GLOROT_UNIFORM
}
