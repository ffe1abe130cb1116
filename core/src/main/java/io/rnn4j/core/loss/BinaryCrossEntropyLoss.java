package io.rnn4j.core.loss;

/**
 * Binary cross-entropy from logits, PyTorch's {@code binary_cross_entropy_with_logits}: for a logit
 * {@code x} and a target probability {@code y} in {@code [0, 1]} (0/1 labels or soft labels),
 * <pre>
 *   l = -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))
 *     = max(x, 0) - x y + log(1 + exp(-|x|))
 * </pre>
 * averaged over valid elements; the gradient is {@code (sigmoid(x) - y) / N}. The second form is exact
 * for any finite logit (no {@code log(0)}, no overflow), which is why the loss takes logits rather than
 * probabilities. Targets have the predictions' shape; every column is an independent binary (or
 * multi-label) output.
 */
public final class BinaryCrossEntropyLoss extends ElementwiseLoss {

    /** The loss (it has no options). */
    public BinaryCrossEntropyLoss() {
    }

    @Override
    public LossKind kind() {
        return LossKind.BINARY_CROSS_ENTROPY;
    }

    @Override
    double value(double x, double y) {
        return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    double derivative(double x, double y) {
        return sigmoid(x) - y;
    }

    /** The logistic function without overflow for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
