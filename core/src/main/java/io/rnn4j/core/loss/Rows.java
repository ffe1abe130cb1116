package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Shape;
import io.rnn4j.core.Tensor;

/**
 * The predictions seen as {@code batch * time} rows of {@code width} values ({@code time = 1} for
 * vectors), with the mask that says which rows are valid. Validates shapes once per call.
 */
record Rows(int batch, int time, int width, SequenceMask mask, boolean sequences) {

    static Rows of(LossKind kind, Tensor predictions, SequenceMask mask, Tensor grad) {
        Shape s = predictions.shape();
        if (s.rank() != 2 && s.rank() != 3) {
            throw new IllegalArgumentException(kind.id() + ": predictions must be [batch, n] or [batch, time, n], got "
                    + s);
        }
        if (grad != null && !grad.shape().equals(s)) {
            throw new IllegalArgumentException(kind.id() + ": gradient tensor has shape " + grad.shape()
                    + " but the predictions have " + s + "; give a gradient of the predictions' shape");
        }
        if (s.rank() == 2) {
            if (mask != null) {
                throw new IllegalArgumentException(kind.id() + ": a sequence mask needs [batch, time, n] predictions, "
                        + "got " + s + " with " + mask + "; pass no mask for vectors");
            }
            return new Rows(s.dim(0), 1, s.dim(1), null, false);
        }
        if (mask != null && (mask.batch() != s.dim(0) || mask.time() != s.dim(1))) {
            throw new IllegalArgumentException(kind.id() + ": mask is for batch " + mask.batch() + " and time "
                    + mask.time() + " but the predictions are " + s);
        }
        return new Rows(s.dim(0), s.dim(1), s.dim(2), mask == null || mask.isFull() ? null : mask, true);
    }

    /** Number of rows, valid or not. */
    int count() {
        return batch * time;
    }

    boolean valid(int row) {
        return mask == null || mask.isValid(row / time, row % time);
    }

    int validCount() {
        return mask == null ? count() : mask.validSteps();
    }

    /** Where a row is, for messages: {@code batch 1, step 2} or {@code batch 1}. */
    String where(int row) {
        return !sequences ? "batch " + row : "batch " + row / time + ", step " + row % time;
    }
}
