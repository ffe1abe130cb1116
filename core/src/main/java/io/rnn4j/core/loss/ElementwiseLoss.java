package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * A loss that is the mean of {@code f(prediction, target)} over every valid element, with targets of
 * the predictions' shape.
 */
abstract class ElementwiseLoss implements Loss {

    /** The loss of one element. */
    abstract double value(double x, double y);

    /** {@code d value / d x} of one element. */
    abstract double derivative(double x, double y);

    @Override
    public final double forward(Tensor predictions, Tensor targets, SequenceMask mask, Tensor grad) {
        Rows rows = Rows.of(kind(), predictions, mask, grad);
        if (!targets.shape().equals(predictions.shape())) {
            throw new IllegalArgumentException(kind().id() + ": targets have shape " + targets.shape()
                    + " but must have the predictions' shape " + predictions.shape());
        }
        int width = rows.width();
        long n = (long) rows.validCount() * width;
        double scale = n == 0 ? 0 : 1.0 / n;
        float[] x = predictions.data();
        float[] y = targets.data();
        int xo = predictions.offset();
        int yo = targets.offset();
        double sum = 0;
        for (int r = 0; r < rows.count(); r++) {
            int base = r * width;
            if (!rows.valid(r)) {
                if (grad != null) {
                    java.util.Arrays.fill(grad.data(), grad.offset() + base, grad.offset() + base + width, 0f);
                }
                continue;
            }
            for (int j = base; j < base + width; j++) {
                double xi = x[xo + j];
                double yi = y[yo + j];
                sum += value(xi, yi);
                if (grad != null) {
                    grad.data()[grad.offset() + j] = (float) (derivative(xi, yi) * scale);
                }
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return kind().id();
    }
}
