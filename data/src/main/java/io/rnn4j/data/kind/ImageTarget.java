package io.rnn4j.data.kind;

/** What an image is labelled with. */
public enum ImageTarget {
    /** One class per image, from the field {@code label} (a {@code many_to_one} head). */
    CLASS,
    /** A label sequence per image, from the field {@code text} (a {@code ctc} head). */
    SEQUENCE
}
