package io.rnn4j.core.model;

import io.rnn4j.core.RandomSource;
import java.util.Objects;

/**
 * How a forward pass runs.
 *
 * @param training whether this is a training pass (dropout active, activations kept for backward)
 * @param random   the source of dropout masks and sampling; its state advances with every draw
 * @param teacher  what a decoder head needs for teacher forcing in training, as that head documents
 *                 it ({@code seq2seq}: the decoder input, {@code <bos>} followed by the target;
 *                 {@code one_to_many}: the target sequence itself, which the head shifts); {@code null}
 *                 otherwise
 */
public record LayerContext(boolean training, RandomSource random, Flow teacher) {

    /** Checks for null. */
    public LayerContext {
        Objects.requireNonNull(random, "random");
    }

    /** An inference pass (dropout off, nothing kept for backward). */
    public static LayerContext inference() {
        return new LayerContext(false, new RandomSource(0), null);
    }

    /** A training pass drawing dropout masks from {@code random}. */
    public static LayerContext training(RandomSource random) {
        return new LayerContext(true, random, null);
    }

    /** The same context with a teacher-forcing input. */
    public LayerContext withTeacher(Flow teacherInput) {
        return new LayerContext(training, random, teacherInput);
    }
}
