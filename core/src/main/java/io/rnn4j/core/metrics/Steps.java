package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Shape;
import io.rnn4j.core.Tensor;
import java.util.Arrays;

/**
 * Predictions seen as {@code batch * time} rows of {@code width} values ({@code time = 1} for vectors)
 * and the mask that says which rows count.
 */
record Steps(int batch, int time, int width, SequenceMask mask, boolean sequences) {

    static Steps of(String metric, Tensor predictions, SequenceMask mask) {
        Shape s = predictions.shape();
        if (s.rank() != 2 && s.rank() != 3) {
            throw new IllegalArgumentException(metric + ": predictions must be [batch, n] or [batch, time, n], got " + s);
        }
        if (s.rank() == 2) {
            if (mask != null) {
                throw new IllegalArgumentException(metric + ": a sequence mask needs [batch, time, n] predictions, "
                        + "got " + s + " with " + mask + "; pass no mask for vectors");
            }
            return new Steps(s.dim(0), 1, s.dim(1), null, false);
        }
        if (mask != null && (mask.batch() != s.dim(0) || mask.time() != s.dim(1))) {
            throw new IllegalArgumentException(metric + ": mask is for batch " + mask.batch() + " and time "
                    + mask.time() + " but the predictions are " + s);
        }
        return new Steps(s.dim(0), s.dim(1), s.dim(2), mask, true);
    }

    int count() {
        return batch * time;
    }

    boolean valid(int row) {
        return mask == null || mask.isValid(row / time, row % time);
    }

    String where(int row) {
        return sequences ? "batch " + row / time + ", step " + row % time : "batch " + row;
    }

    /**
     * Checks that {@code targets} hold one class index per row: the predictions' shape without the
     * class axis (or, for one-column binary predictions, also the predictions' own shape).
     */
    void checkClassTargets(String metric, Tensor predictions, Tensor targets) {
        int[] dims = predictions.shape().dims();
        int[] expected = Arrays.copyOf(dims, dims.length - 1);
        boolean ok = Arrays.equals(targets.shape().dims(), expected)
                || (width == 1 && targets.shape().equals(predictions.shape()));
        if (!ok) {
            throw new IllegalArgumentException(metric + ": targets must be class indices of shape "
                    + Arrays.toString(expected) + " (the predictions " + predictions.shape()
                    + " without the class axis), got " + targets.shape());
        }
    }

    /** The class index of a valid row's target, validated. */
    int classAt(String metric, Tensor targets, int row, int classes) {
        float t = targets.getFlat(row);
        if (!(t >= 0 && t < classes) || t != (int) t) {
            throw new IllegalArgumentException(metric + ": target at " + where(row) + " is " + t
                    + " but class indices must be integers in 0.." + (classes - 1));
        }
        return (int) t;
    }
}
