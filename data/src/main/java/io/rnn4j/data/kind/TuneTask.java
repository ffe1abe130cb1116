package io.rnn4j.data.kind;

/** What a model of {@code type: tunes} data learns. */
public enum TuneTask {
    /** A character language model over whole tunes (header fields R, M, L, K, then the body). */
    LANGUAGE_MODEL,
    /** A decoder that writes a tune body from its rhythm, meter and key (a {@code one_to_many} head). */
    FROM_HEADER
}
