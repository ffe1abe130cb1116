package io.rnn4j.data;

/** What an example's target is, and so which head and loss fit it. */
public enum TargetKind {
    /** One class index per sequence (many-to-one classification). */
    CLASS,
    /** One vector of values per sequence, possibly of width 1 (many-to-one regression, forecasts). */
    VALUES,
    /** One class index per step (many-to-many tagging, next-token language models). */
    STEP_CLASSES,
    /** One vector of values per step (many-to-many regression). */
    STEP_VALUES,
    /** A target token sequence wrapped in {@code <bos>}/{@code <eos>} (sequence-to-sequence). */
    SEQUENCE
}
