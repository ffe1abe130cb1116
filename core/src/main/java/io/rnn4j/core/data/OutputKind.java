package io.rnn4j.core.data;

import java.util.Locale;

/** What a model trained on a data kind predicts, as the kind declares it. */
public enum OutputKind {
    /** One class per example (a {@code many_to_one} head with softmax). */
    CLASS,
    /** Real values per example (regression, forecasts). */
    VALUES,
    /** One class per step (tagging, next-token prediction). */
    STEP_CLASSES,
    /** Real values per step. */
    STEP_VALUES,
    /** A token sequence decoded by a {@code seq2seq} head (its size is the target vocabulary). */
    SEQUENCE;

    /** Whether the head predicts at every step rather than once per example. */
    public boolean perStep() {
        return this == STEP_CLASSES || this == STEP_VALUES || this == SEQUENCE;
    }

    /** Whether the model predicts classes or tokens (cross-entropy) rather than values (a distance). */
    public boolean classifies() {
        return this == CLASS || this == STEP_CLASSES || this == SEQUENCE;
    }

    /** The lower-case name used in messages. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
