package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Arrays;

/**
 * Softmax cross-entropy from logits and class indices, PyTorch's {@code cross_entropy} with optional
 * {@code weight} and {@code label_smoothing}, the class axis last.
 *
 * <p>Shapes: logits {@code [batch, C]} with targets {@code [batch]}, or logits {@code [batch, time, C]}
 * with targets {@code [batch, time]} and a mask; targets hold class indices as floats ({@code 0..C-1},
 * exact up to 2^24). Targets at padded steps are never read.
 *
 * <p>With {@code p = softmax(z)} per valid row {@code i}, target {@code y_i}, class weights {@code w}
 * (all 1 without weights) and smoothing {@code e}:
 * <pre>
 *   L = sum_i [ (1 - e) w[y_i] (-log p[i, y_i]) + (e / C) sum_c w[c] (-log p[i, c]) ] / W,
 *   W = sum_i w[y_i]                      (the number of valid rows without weights)
 *   dL/dz[i, c] = [ (1 - e) w[y_i] (p[i, c] - [c = y_i]) + (e / C) (p[i, c] sum_k w[k] - w[c]) ] / W
 * </pre>
 * exactly PyTorch's formula, including its normalisation of the smoothing term by the target weights
 * (label smoothing: Szegedy et al., 2016, "Rethinking the Inception Architecture"). The log-softmax is
 * computed with the maximum subtracted, so large logits neither overflow nor lose the loss.
 */
public final class CrossEntropyLoss implements Loss {
    private final float[] classWeights;
    private final double labelSmoothing;

    /** Plain cross-entropy: no class weights, no label smoothing. */
    public CrossEntropyLoss() {
        this(null, 0);
    }

    /**
     * Cross-entropy with options.
     *
     * @param classWeights   one non-negative weight per class (copied), or {@code null} for none; rare
     *                       classes get larger weights to count more
     * @param labelSmoothing {@code e} in {@code [0, 1]} (default 0): the target distribution is
     *                       {@code (1 - e)} on the target class plus {@code e / C} on every class
     */
    public CrossEntropyLoss(float[] classWeights, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("cross_entropy: label_smoothing must be in [0, 1], was "
                    + labelSmoothing + "; typical values are 0 (none) to 0.2");
        }
        if (classWeights != null) {
            for (int c = 0; c < classWeights.length; c++) {
                if (!(classWeights[c] >= 0) || Float.isInfinite(classWeights[c])) {
                    throw new IllegalArgumentException("cross_entropy: class weight " + c + " is " + classWeights[c]
                            + " but weights must be finite numbers >= 0");
                }
            }
        }
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.labelSmoothing = labelSmoothing;
    }

    /** A copy of the class weights, or {@code null} if there are none. */
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** The label-smoothing factor. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public LossKind kind() {
        return LossKind.CROSS_ENTROPY;
    }

    @Override
    public double forward(Tensor predictions, Tensor targets, SequenceMask mask, Tensor grad) {
        Rows rows = Rows.of(kind(), predictions, mask, grad);
        int classes = rows.width();
        int[] y = classIndices(rows, predictions, targets);
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException("cross_entropy: " + classWeights.length + " class weights for "
                    + "predictions with " + classes + " classes; give one weight per class");
        }
        double weightSum = 0; // sum_k w[k]
        for (int c = 0; c < classes; c++) {
            weightSum += weight(c);
        }
        double total = 0; // W: the normaliser, as PyTorch's 'mean' with weights
        for (int r = 0; r < y.length; r++) {
            if (y[r] >= 0) {
                total += weight(y[r]);
            }
        }
        double scale = total > 0 ? 1 / total : 0;
        double e = labelSmoothing;
        double[] logp = new double[classes];
        float[] x = predictions.data();
        double sum = 0;
        for (int r = 0; r < y.length; r++) {
            int base = r * classes;
            if (y[r] < 0) {
                if (grad != null) {
                    Arrays.fill(grad.data(), grad.offset() + base, grad.offset() + base + classes, 0f);
                }
                continue;
            }
            int off = predictions.offset() + base;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x[off + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(x[off + c] - max);
            }
            double lse = max + Math.log(z);
            double smooth = 0; // sum_c w[c] (-log p[c])
            for (int c = 0; c < classes; c++) {
                logp[c] = x[off + c] - lse;
                smooth -= weight(c) * logp[c];
            }
            double wy = weight(y[r]);
            sum += (1 - e) * wy * -logp[y[r]] + e / classes * smooth;
            if (grad != null) {
                int go = grad.offset() + base;
                for (int c = 0; c < classes; c++) {
                    double p = Math.exp(logp[c]);
                    double g = (1 - e) * wy * (p - (c == y[r] ? 1 : 0)) + e / classes * (p * weightSum - weight(c));
                    grad.data()[go + c] = (float) (g * scale);
                }
            }
        }
        return sum * scale;
    }

    private double weight(int c) {
        return classWeights == null ? 1 : classWeights[c];
    }

    /** The class index of every row, or -1 for a padded row; validates the targets of valid rows. */
    private int[] classIndices(Rows rows, Tensor predictions, Tensor targets) {
        int[] dims = predictions.shape().dims();
        int[] expected = Arrays.copyOf(dims, dims.length - 1);
        if (!Arrays.equals(targets.shape().dims(), expected)) {
            throw new IllegalArgumentException("cross_entropy: targets must be class indices of shape "
                    + Arrays.toString(expected) + " (the predictions " + predictions.shape()
                    + " without the class axis), got " + targets.shape());
        }
        int classes = rows.width();
        int[] y = new int[rows.count()];
        for (int r = 0; r < y.length; r++) {
            if (!rows.valid(r)) {
                y[r] = -1;
                continue;
            }
            float t = targets.getFlat(r);
            if (!(t >= 0 && t < classes) || t != (int) t) {
                throw new IllegalArgumentException("cross_entropy: target at " + rows.where(r) + " is " + t
                        + " but class indices must be integers in 0.." + (classes - 1) + " (the predictions have "
                        + classes + " classes)");
            }
            y[r] = (int) t;
        }
        return y;
    }

    @Override
    public String toString() {
        return "cross_entropy(weights=" + Arrays.toString(classWeights) + ", label_smoothing=" + labelSmoothing + ")";
    }
}
