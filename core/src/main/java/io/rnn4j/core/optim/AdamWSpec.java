package io.rnn4j.core.optim;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Key;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;

/**
 * AdamW (Loshchilov and Hutter, 2019, "Decoupled Weight Decay Regularization"), exactly as
 * {@code torch.optim.AdamW}: before the Adam update, every parameter is shrunk by
 * {@code p = p * (1 - lr * weightDecay)}, where {@code lr} is the learning rate of the current step
 * (so a schedule scales the decay too). The gradient itself carries no penalty; the rest is
 * {@link AdamSpec}'s update.
 *
 * @param learningRate base learning rate ({@code >= 0}, default 1e-3)
 * @param beta1        decay of the first moment ({@code [0, 1)}, default 0.9)
 * @param beta2        decay of the second moment ({@code [0, 1)}, default 0.999)
 * @param eps          term added to the denominator ({@code >= 0}, default 1e-8)
 * @param weightDecay  decoupled weight decay ({@code >= 0}, default 1e-2 as PyTorch's)
 * @param amsgrad      whether to use the AMSGrad maximum of past second moments (default false)
 */
@Variant("adamw")
@Doc("AdamW (Loshchilov and Hutter 2019), as torch.optim.AdamW: decoupled weight decay.")
public record AdamWSpec(
        @Doc("Base learning rate.") @Key("lr") @Range(min = 0) @Default("0.001") double learningRate,
        @Doc("Decay of the first moment.") @Default("0.9") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
        @Doc("Decay of the second moment.") @Default("0.999") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
        @Doc("Term added to the denominator.") @Default("1.0e-8") @Range(min = 0) double eps,
        @Doc("Decoupled weight decay coefficient.") @Default("0.01") @Range(min = 0) double weightDecay,
        @Doc("Use the AMSGrad maximum of past second moments.") @Default("false") boolean amsgrad) implements OptimizerSpec {

    /** Default learning rate, as PyTorch's. */
    public static final double DEFAULT_LR = 1e-3;
    /** Default decoupled weight decay, as PyTorch's. */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    /** Validates every field. */
    public AdamWSpec {
        Checks.nonNegative("adamw", "lr", learningRate, "typical values are 1e-4 to 1e-2");
        Checks.unitInterval("adamw", "beta1", beta1, "the default is 0.9");
        Checks.unitInterval("adamw", "beta2", beta2, "the default is 0.999");
        Checks.nonNegative("adamw", "eps", eps, "the default is 1e-8");
        Checks.nonNegative("adamw", "weight_decay", weightDecay, "the default is 0.01");
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no AMSGrad. */
    public static AdamWSpec defaults() {
        return of(DEFAULT_LR);
    }

    /** PyTorch's defaults with another learning rate. */
    public static AdamWSpec of(double learningRate) {
        return new AdamWSpec(learningRate, 0.9, 0.999, 1e-8, DEFAULT_WEIGHT_DECAY, false);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.ADAMW;
    }
}
