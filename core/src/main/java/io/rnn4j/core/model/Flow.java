package io.rnn4j.core.model;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * A value passed between layers: a sequence batch {@code [batch, time, features]} with its mask, a
 * batch of token ids {@code [batch, time]} with its mask, or a batch of vectors {@code [batch, features]}
 * (no mask). A recurrent layer also attaches its final state, which a sequence-to-sequence head uses to
 * start its decoder; in a gradient flow, {@code state} is the gradient with respect to that state.
 *
 * @param values the tensor
 * @param mask   the valid lengths of a sequence batch, or {@code null} for vectors
 * @param state  the final recurrent state of the layer that produced this value, or {@code null}
 */
public record Flow(Tensor values, SequenceMask mask, RecurrentState state) {

    /** A flow without a recurrent state. */
    public Flow(Tensor values, SequenceMask mask) {
        this(values, mask, null);
    }

    /** Checks that the mask matches the values' batch and time axes. */
    public Flow {
        Objects.requireNonNull(values, "values");
        if (mask != null && (values.rank() < 2 || values.dim(0) != mask.batch() || values.dim(1) != mask.time())) {
            throw new IllegalArgumentException("mask " + mask + " does not match values of shape " + values.shape());
        }
    }

    /** A sequence batch with every sequence at full length. */
    public static Flow sequences(Tensor values) {
        return new Flow(values, SequenceMask.full(values.dim(0), values.dim(1)));
    }

    /** A sequence batch with the given valid lengths. */
    public static Flow sequences(Tensor values, int... lengths) {
        return new Flow(values, new SequenceMask(values.dim(0), values.dim(1), lengths));
    }

    /** A batch of vectors {@code [batch, features]}. */
    public static Flow vectors(Tensor values) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("a batch of vectors is [batch, features], got " + values.shape());
        }
        return new Flow(values, null);
    }

    /** Whether this is a sequence batch (has a time axis). */
    public boolean isSequence() {
        return mask != null;
    }

    /** Number of rows in the batch. */
    public int batch() {
        return values.dim(0);
    }

    /** Size of the last axis. */
    public int features() {
        return values.dim(-1);
    }

    /** The same mask with other values (e.g. a gradient) and no state. */
    public Flow with(Tensor newValues) {
        return new Flow(newValues, mask, null);
    }

    /** The same values and mask with the given state. */
    public Flow withState(RecurrentState newState) {
        return new Flow(values, mask, newState);
    }
}
