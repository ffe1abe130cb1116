package io.rnn4j.core.loss;

/**
 * Mean squared error, PyTorch's {@code mse_loss}: {@code mean((x - y)^2)} over valid elements, with
 * gradient {@code 2 (x - y) / N}. Targets have the predictions' shape.
 */
public final class MseLoss extends ElementwiseLoss {

    /** The loss (it has no options). */
    public MseLoss() {
    }

    @Override
    public LossKind kind() {
        return LossKind.MSE;
    }

    @Override
    double value(double x, double y) {
        double d = x - y;
        return d * d;
    }

    @Override
    double derivative(double x, double y) {
        return 2 * (x - y);
    }
}
