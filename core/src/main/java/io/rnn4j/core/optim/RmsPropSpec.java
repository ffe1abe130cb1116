package io.rnn4j.core.optim;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Key;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;

/**
 * RMSProp (Hinton, Coursera lecture 6e; centered variant from Graves, 2013, "Generating Sequences With
 * Recurrent Neural Networks"), exactly as {@code torch.optim.RMSprop}.
 *
 * <p>For every element:
 * <pre>
 *   g   = g + weightDecay * p                           (if weightDecay != 0)
 *   s   = alpha * s + (1 - alpha) * g^2
 *   a   = alpha * a + (1 - alpha) * g                   (centered only)
 *   den = sqrt(s - a^2) + eps   (centered)   or   sqrt(s) + eps
 *   b   = momentum * b + g / den;  p = p - lr * b        (if momentum > 0)
 *   p   = p - lr * g / den                              (otherwise)
 * </pre>
 * {@code eps} is added outside the square root, as PyTorch does (TensorFlow/Keras add it inside).
 *
 * @param learningRate base learning rate ({@code >= 0}, default 1e-2 as PyTorch's)
 * @param alpha        smoothing constant of the squared-gradient average ({@code [0, 1)}, default 0.99)
 * @param eps          term added to the denominator ({@code >= 0}, default 1e-8)
 * @param weightDecay  L2 penalty added to the gradient ({@code >= 0}, default 0)
 * @param momentum     momentum factor ({@code >= 0}, default 0)
 * @param centered     whether to normalise by the estimated variance instead of the uncentered second
 *                     moment (default false)
 */
@Variant("rmsprop")
@Doc("RMSProp (Hinton 2012), as torch.optim.RMSprop.")
public record RmsPropSpec(
        @Doc("Base learning rate.") @Key("lr") @Range(min = 0) @Default("0.01") double learningRate,
        @Doc("Smoothing constant of the squared-gradient average.") @Default("0.99") @Range(min = 0, max = 1) double alpha,
        @Doc("Term added to the denominator.") @Default("1.0e-8") @Range(min = 0) double eps,
        @Doc("Weight decay (L2 penalty added to the gradient).") @Default("0.0") @Range(min = 0) double weightDecay,
        @Doc("Momentum factor.") @Default("0.0") @Range(min = 0) double momentum,
        @Doc("Normalise by the estimated variance of the gradient.") @Default("false") boolean centered) implements OptimizerSpec {

    /** Default learning rate, as PyTorch's. */
    public static final double DEFAULT_LR = 1e-2;

    /** Validates every field. */
    public RmsPropSpec {
        Checks.nonNegative("rmsprop", "lr", learningRate, "typical values are 1e-4 to 1e-2");
        Checks.unitInterval("rmsprop", "alpha", alpha, "the default is 0.99");
        Checks.nonNegative("rmsprop", "eps", eps, "the default is 1e-8");
        Checks.nonNegative("rmsprop", "weight_decay", weightDecay, "");
        Checks.nonNegative("rmsprop", "momentum", momentum, "");
    }

    /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
    public static RmsPropSpec defaults() {
        return of(DEFAULT_LR);
    }

    /** PyTorch's defaults with another learning rate. */
    public static RmsPropSpec of(double learningRate) {
        return new RmsPropSpec(learningRate, 0.99, 1e-8, 0, 0, false);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.RMSPROP;
    }
}
