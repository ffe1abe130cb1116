package io.rnn4j.core.loss;

/**
 * Mean absolute error, PyTorch's {@code l1_loss}: {@code mean(|x - y|)} over valid elements, with
 * gradient {@code sign(x - y) / N}, which is 0 where {@code x == y} (as PyTorch's). Targets have the
 * predictions' shape.
 */
public final class MaeLoss extends ElementwiseLoss {

    /** The loss (it has no options). */
    public MaeLoss() {
    }

    @Override
    public LossKind kind() {
        return LossKind.MAE;
    }

    @Override
    double value(double x, double y) {
        return Math.abs(x - y);
    }

    @Override
    double derivative(double x, double y) {
        return Math.signum(x - y);
    }
}
