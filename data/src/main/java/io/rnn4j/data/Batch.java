package io.rnn4j.data;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * A padded batch of examples.
 *
 * @param inputs  {@code [batch, time, features]} for feature inputs, or {@code [batch, time]} token
 *                ids as floats for token inputs; padded steps hold 0 (which is {@link Vocabulary#PAD})
 * @param mask    the valid length of each sequence (padding at the end)
 * @param targets the targets; per-step targets share {@link #mask()}
 * @param indices for each row of the batch, the index of its example in the list that was batched,
 *                to match predictions with examples
 */
public record Batch(Tensor inputs, SequenceMask mask, Targets targets, int[] indices) {

    /** Checks shapes and copies {@code indices}. */
    public Batch {
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() < 2 || inputs.dim(0) != mask.batch() || inputs.dim(1) != mask.time() || indices.length != mask.batch()) {
            throw new IllegalArgumentException("inputs " + inputs.shape() + ", mask " + mask + " and " + indices.length
                    + " indices disagree on [batch, time]");
        }
        indices = indices.clone();
    }

    /** A copy of the example indices. */
    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** Number of sequences. */
    public int size() {
        return mask.batch();
    }

    /** Padded length. */
    public int time() {
        return mask.time();
    }
}
