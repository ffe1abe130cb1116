package io.rnn4j.core.spi;

/**
 * A capability of a data pipeline ({@link DataPipeline#capability}) whose targets are label sequences
 * (transcripts) for a CTC head: the text of decoded labels, and the label that separates words.
 */
public interface LabelSequences {

    /** The transcript of data labels {@code 0..labels-1}. */
    String text(int[] labels);

    /** The label between words (the space of a character transcript), or -1 when every label is a word. */
    int separator();
}
