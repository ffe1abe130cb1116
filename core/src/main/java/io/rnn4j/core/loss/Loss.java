package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * A training loss: its mean value over the valid elements of a batch, and its gradient with respect to
 * the predictions, which starts the backward pass.
 *
 * <p>Shapes: predictions are vectors {@code [batch, n]} or sequences {@code [batch, time, n]}; for
 * sequences a {@link SequenceMask} (or {@code null}: every step valid) says which steps are real. Padded
 * steps contribute nothing: neither to the value, nor to the count it is averaged over, nor to the
 * gradient (which is exactly 0 there), and their targets are never read, so padding may hold any value.
 *
 * <p>Reduction is PyTorch's default {@code 'mean'}: the sum over valid elements divided by their
 * number (for {@link CrossEntropyLoss}, by the number of valid steps, or by the sum of their target
 * weights when class weights are given). A batch without any valid element (e.g. a truncated-BPTT chunk
 * after every sequence ended) has loss 0 and gradient 0, where PyTorch would return NaN.
 *
 * <p>Losses are immutable and thread-safe. Arithmetic is in double; the gradient is stored in float32.
 */
public interface Loss {

    /** Which loss this is. */
    LossKind kind();

    /**
     * Computes the mean loss and, if {@code grad} is not null, writes {@code d loss / d predictions}
     * into it (overwriting every element; zero at padded steps).
     *
     * @param predictions the network output, {@code [batch, n]} or {@code [batch, time, n]}
     * @param targets     the targets; their shape depends on the loss (see the implementation)
     * @param mask        valid steps of a sequence batch, or {@code null} (every step valid; required to
     *                    be null for vector predictions)
     * @param grad        tensor of the predictions' shape that receives the gradient (must not overlap
     *                    the predictions), or {@code null} to compute the value only (validation)
     * @return the mean loss over valid elements
     * @throws IllegalArgumentException if shapes disagree or a target is invalid, with what was expected
     */
    double forward(Tensor predictions, Tensor targets, SequenceMask mask, Tensor grad);

    /** {@link #forward(Tensor, Tensor, SequenceMask, Tensor)} without a mask. */
    default double forward(Tensor predictions, Tensor targets, Tensor grad) {
        return forward(predictions, targets, null, grad);
    }

    /**
     * How many terms the value of {@link #forward} averages over, so that batches are weighted into an
     * epoch's mean: by default the valid steps of a sequence batch ({@code mask} not null), else the rows
     * of the batch. A loss averaged over something else (e.g. sequences) says so here.
     *
     * @param predictions the network output
     * @param mask        the mask passed to {@link #forward}, or {@code null}
     */
    default long count(Tensor predictions, SequenceMask mask) {
        return mask != null ? mask.validSteps() : predictions.dim(0);
    }

    /** The loss of this kind with its default options (no class weights, no smoothing, delta 1; CTC: blank 0,
     * mean reduction). */
    static Loss of(LossKind kind) {
        return switch (kind) {
            case CROSS_ENTROPY -> new CrossEntropyLoss();
            case BINARY_CROSS_ENTROPY -> new BinaryCrossEntropyLoss();
            case MSE -> new MseLoss();
            case MAE -> new MaeLoss();
            case HUBER -> new HuberLoss(HuberLoss.DEFAULT_DELTA);
            case CTC -> new CtcLoss();
        };
    }
}
