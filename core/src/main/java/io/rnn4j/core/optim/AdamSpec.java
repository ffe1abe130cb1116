package io.rnn4j.core.optim;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Key;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;

/**
 * Adam (Kingma and Ba, 2015, "Adam: A Method for Stochastic Optimization"), exactly as
 * {@code torch.optim.Adam}: weight decay is an L2 penalty added to the gradient, so it is scaled by the
 * adaptive denominator (use {@link AdamWSpec} for decoupled weight decay).
 *
 * <p>For every element at step {@code t} (counting from 1):
 * <pre>
 *   g  = g + weightDecay * p                      (if weightDecay != 0)
 *   m  = beta1 * m + (1 - beta1) * g
 *   v  = beta2 * v + (1 - beta2) * g^2
 *   vm = max(vm, v)                               (amsgrad; Reddi et al. 2018)
 *   p  = p - lr / (1 - beta1^t) * m / (sqrt(v or vm) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * {@code eps} is added after the bias correction of the denominator, as PyTorch does (not inside the
 * square root, as some other libraries do).
 *
 * @param learningRate base learning rate ({@code >= 0}, default 1e-3)
 * @param beta1        decay of the first moment ({@code [0, 1)}, default 0.9)
 * @param beta2        decay of the second moment ({@code [0, 1)}, default 0.999)
 * @param eps          term added to the denominator ({@code >= 0}, default 1e-8)
 * @param weightDecay  L2 penalty added to the gradient ({@code >= 0}, default 0)
 * @param amsgrad      whether to use the AMSGrad maximum of past second moments (default false)
 */
@Variant("adam")
@Doc("Adam (Kingma and Ba 2015), as torch.optim.Adam; weight decay is an L2 penalty.")
public record AdamSpec(
        @Doc("Base learning rate.") @Key("lr") @Range(min = 0) @Default("0.001") double learningRate,
        @Doc("Decay of the first moment.") @Default("0.9") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
        @Doc("Decay of the second moment.") @Default("0.999") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
        @Doc("Term added to the denominator.") @Default("1.0e-8") @Range(min = 0) double eps,
        @Doc("Weight decay coefficient.") @Default("0.0") @Range(min = 0) double weightDecay,
        @Doc("Use the AMSGrad maximum of past second moments.") @Default("false") boolean amsgrad) implements OptimizerSpec {

    /** Default learning rate, as PyTorch's. */
    public static final double DEFAULT_LR = 1e-3;

    /** Validates every field. */
    public AdamSpec {
        Checks.nonNegative("adam", "lr", learningRate, "typical values are 1e-4 to 1e-2");
        Checks.unitInterval("adam", "beta1", beta1, "the default is 0.9");
        Checks.unitInterval("adam", "beta2", beta2, "the default is 0.999");
        Checks.nonNegative("adam", "eps", eps, "the default is 1e-8");
        Checks.nonNegative("adam", "weight_decay", weightDecay, "");
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
    public static AdamSpec defaults() {
        return of(DEFAULT_LR);
    }

    /** PyTorch's defaults with another learning rate. */
    public static AdamSpec of(double learningRate) {
        return new AdamSpec(learningRate, 0.9, 0.999, 1e-8, 0, false);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.ADAM;
    }
}
