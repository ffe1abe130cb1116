package io.rnn4j.core.optim;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Key;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Variant;

/**
 * Stochastic gradient descent with momentum, exactly as {@code torch.optim.SGD}.
 *
 * <p>For every element, with gradient {@code g}, parameter {@code p}, momentum buffer {@code b} and
 * learning rate {@code lr} at step {@code t} (counting from 1):
 * <pre>
 *   g = g + weightDecay * p                             (L2 penalty, if weightDecay != 0)
 *   b = g                           at t = 1            (if momentum != 0)
 *   b = momentum * b + (1 - dampening) * g   at t > 1
 *   g = g + momentum * b            (nesterov)
 *   g = b                           (otherwise, if momentum != 0)
 *   p = p - lr * g
 * </pre>
 * Note that the first momentum step copies the gradient without dampening, as PyTorch does.
 * Nesterov momentum follows Sutskever et al. (2013), "On the importance of initialization and momentum
 * in deep learning", in PyTorch's formulation.
 *
 * @param learningRate base learning rate ({@code >= 0}; PyTorch has no default, neither has rnn4j)
 * @param momentum     momentum factor ({@code >= 0}, default 0 = no momentum buffer)
 * @param dampening    dampening of the momentum ({@code >= 0}, default 0)
 * @param nesterov     whether to use Nesterov momentum (default false; needs {@code momentum > 0} and
 *                     {@code dampening == 0})
 * @param weightDecay  L2 penalty added to the gradient ({@code >= 0}, default 0)
 */
@Variant("sgd")
@Doc("Stochastic gradient descent with optional momentum and Nesterov momentum, as torch.optim.SGD.")
public record SgdSpec(
        @Doc("Base learning rate.") @Key("lr") @Range(min = 0) @Default("0.01") double learningRate,
        @Doc("Momentum factor.") @Default("0.0") @Range(min = 0) double momentum,
        @Doc("Dampening of the momentum.") @Default("0.0") @Range(min = 0) double dampening,
        @Doc("Use Nesterov momentum.") @Default("false") boolean nesterov,
        @Doc("Weight decay (L2 penalty added to the gradient).") @Default("0.0") @Range(min = 0) double weightDecay)
        implements OptimizerSpec {

    /** Validates every field. */
    public SgdSpec {
        Checks.nonNegative("sgd", "lr", learningRate, "typical values are 1e-3 to 1e-1");
        Checks.nonNegative("sgd", "momentum", momentum, "typical values are 0 (none) or 0.9");
        Checks.nonNegative("sgd", "dampening", dampening, "");
        Checks.nonNegative("sgd", "weight_decay", weightDecay, "");
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd: nesterov needs momentum > 0 and dampening = 0, found momentum "
                    + momentum + " and dampening " + dampening + "; set momentum (e.g. 0.9) or turn nesterov off");
        }
    }

    /** Plain SGD with PyTorch's defaults: no momentum, no dampening, no Nesterov, no weight decay. */
    public static SgdSpec of(double learningRate) {
        return new SgdSpec(learningRate, 0, 0, false, 0);
    }

    /** SGD with classical momentum and otherwise the defaults. */
    public static SgdSpec withMomentum(double learningRate, double momentum) {
        return new SgdSpec(learningRate, momentum, 0, false, 0);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.SGD;
    }
}
