package io.rnn4j.data.images;

/** How an image becomes a sequence. */
public enum ReadOrder {
    /** Top to bottom: {@code height} steps of {@code width} pixels (the row-by-row MNIST classifier). */
    ROWS,
    /** Left to right: {@code width} steps of {@code height} pixels (handwriting read as it is written). */
    COLUMNS
}
