package io.rnn4j.core.optim;

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
public record RmsPropSpec(double learningRate, double alpha, double eps, double weightDecay, double momentum,
        boolean centered) implements OptimizerSpec {

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
