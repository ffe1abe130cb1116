package io.rnn4j.core.train;

import io.rnn4j.core.optim.GradientClipping;
import io.rnn4j.core.optim.Optimizer;
import java.util.Objects;

/**
 * The second half of a training step: clip the gradients by global norm ({@code clip_norm}), then by
 * value ({@code clip_value}), and take one optimizer step on the flat parameters. Nothing is updated
 * when the gradient norm is not finite; the caller reports the divergence.
 *
 * <p>The single-machine {@link Trainer} applies it after each {@link GradientPass}; a data-parallel
 * driver applies it once per global batch to the summed and averaged gradients of its workers.
 */
public final class ParameterUpdate {
    private final Optimizer optimizer;
    private final Double clipNorm;
    private final Double clipValue;

    /**
     * An update.
     *
     * @param optimizer the optimizer (its state moves with every applied step)
     * @param clipNorm  the global-norm limit, or {@code null} for none
     * @param clipValue the per-element limit, or {@code null} for none
     */
    public ParameterUpdate(Optimizer optimizer, Double clipNorm, Double clipValue) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Clips {@code grads} in place and updates {@code values}, unless the gradient norm is not finite.
     *
     * @param values       the flat parameters, updated in place
     * @param grads        their gradients (of the mean loss), clipped in place
     * @param learningRate the rate for this step (the schedule's)
     * @return the gradient's global norm before clipping; not finite means nothing was updated
     */
    public double apply(float[] values, float[] grads, float learningRate) {
        double norm = clipNorm != null ? GradientClipping.byGlobalNorm(grads, clipNorm)
                : GradientClipping.globalNorm(grads);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        if (clipValue != null) {
            GradientClipping.byValue(grads, clipValue);
        }
        optimizer.step(values, grads, learningRate);
        return norm;
    }
}
