package io.rnn4j.data;

/** What the steps of an input sequence hold. */
public enum InputKind {
    /** Real-valued features: batches are {@code [batch, time, features]} tensors. */
    FEATURES,
    /**
     * Token ids into a vocabulary: batches are {@code [batch, time]} tensors of ids stored as floats
     * (exact up to 2^24), padded with {@link Vocabulary#PAD}, for an {@code embedding} layer.
     */
    TOKENS
}
