package io.rnn4j.core.train;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.metrics.SeenItems;
import io.rnn4j.core.model.Flow;
import java.util.Objects;

/**
 * One batch as the {@link Trainer} consumes it.
 *
 * <p>Targets are what {@link io.rnn4j.core.loss.Loss#forward} expects: class indices stored as floats,
 * {@code [batch]} for a {@code many_to_one} classifier or {@code [batch, time]} for per-step classes;
 * values {@code [batch, n]} or {@code [batch, time, n]} for regression. Per-step targets come with
 * {@code targetMask} (which steps count); per-example targets have none.
 *
 * @param input      the model's input: a sequence batch with its mask (token ids {@code [batch, time]}
 *                   or features {@code [batch, time, features]}), or vectors {@code [batch, features]}
 * @param teacher    the teacher-forcing input of a decoder head ({@code seq2seq}: {@code <bos>} followed
 *                   by the target; {@code one_to_many}: the target itself, see the head's Javadoc), or
 *                   {@code null}
 * @param targets    the targets
 * @param targetMask the valid steps of per-step targets, or {@code null} for per-example targets (for a
 *                   sequence output without it, the output's own mask is used)
 * @param size       number of examples (the batch axis of {@code input})
 * @param seen       for next-item data whose items are never the next one twice: the items given before each
 *                   row's first step, which the ranking metrics leave out with the row's own inputs
 *                   ({@link SeenItems}); {@code null} (most data): nothing left out
 */
public record TrainBatch(Flow input, Flow teacher, Tensor targets, SequenceMask targetMask, int size,
                         SeenItems seen) {

    /** A batch whose ranking metrics leave nothing out. */
    public TrainBatch(Flow input, Flow teacher, Tensor targets, SequenceMask targetMask, int size) {
        this(input, teacher, targets, targetMask, size, null);
    }

    /** Checks that the parts agree on the batch size. */
    public TrainBatch {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(targets, "targets");
        if (size < 1 || input.batch() != size) {
            throw new IllegalArgumentException("batch size " + size + " does not match the input's batch axis "
                    + input.values().shape());
        }
        if (targets.rank() < 1 || targets.dim(0) != size) {
            throw new IllegalArgumentException("targets " + targets.shape() + " do not have the batch size " + size
                    + " as their first axis");
        }
        if (teacher != null && teacher.batch() != size) {
            throw new IllegalArgumentException("teacher " + teacher.values().shape() + " does not have the batch size "
                    + size + " as its first axis");
        }
        if (targetMask != null && (targetMask.batch() != size || targets.rank() < 2
                || targets.dim(1) != targetMask.time())) {
            throw new IllegalArgumentException("target mask " + targetMask + " does not match targets "
                    + targets.shape() + "; per-step targets are [batch, time] or [batch, time, n]");
        }
    }

    /** This batch with the ranking metrics leaving {@code seen} and each row's inputs out ({@link SeenItems}). */
    public TrainBatch withSeen(SeenItems seen) {
        return new TrainBatch(input, teacher, targets, targetMask, size, seen);
    }

    /** A batch with per-example targets and no teacher (e.g. {@code many_to_one}). */
    public static TrainBatch of(Flow input, Tensor targets) {
        return new TrainBatch(input, null, targets, null, input.batch());
    }

    /** A batch with per-step targets that share the input's mask (e.g. {@code many_to_many}). */
    public static TrainBatch perStep(Flow input, Tensor targets) {
        return new TrainBatch(input, null, targets, input.mask(), input.batch());
    }

    /** A decoder batch: per-step targets that share the teacher's mask ({@code seq2seq}, {@code one_to_many}). */
    public static TrainBatch teacherForced(Flow input, Flow teacher, Tensor targets) {
        return new TrainBatch(input, teacher, targets, teacher.mask(), input.batch());
    }
}
