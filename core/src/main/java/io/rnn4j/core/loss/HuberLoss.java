package io.rnn4j.core.loss;

/**
 * Huber loss (Huber, 1964), PyTorch's {@code huber_loss}: with {@code d = x - y},
 * <pre>
 *   0.5 d^2                        if |d| &lt; delta
 *   delta (|d| - 0.5 delta)        otherwise
 * </pre>
 * averaged over valid elements; the gradient is {@code clamp(d, -delta, delta) / N}. Quadratic near the
 * target and linear far from it, so outliers pull less than with {@link MseLoss}. Targets have the
 * predictions' shape.
 */
public final class HuberLoss extends ElementwiseLoss {
    /** PyTorch's default {@code delta}. */
    public static final double DEFAULT_DELTA = 1.0;

    private final double delta;

    /**
     * A Huber loss with the given threshold.
     *
     * @param delta where the loss turns from quadratic to linear ({@code > 0}, default 1)
     */
    public HuberLoss(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a finite number > 0, was " + delta
                    + "; the default is 1.0");
        }
        this.delta = delta;
    }

    /** The threshold between the quadratic and the linear part. */
    public double delta() {
        return delta;
    }

    @Override
    public LossKind kind() {
        return LossKind.HUBER;
    }

    @Override
    double value(double x, double y) {
        double d = Math.abs(x - y);
        return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    @Override
    double derivative(double x, double y) {
        return Math.max(-delta, Math.min(delta, x - y));
    }

    @Override
    public String toString() {
        return "huber(delta=" + delta + ")";
    }
}
