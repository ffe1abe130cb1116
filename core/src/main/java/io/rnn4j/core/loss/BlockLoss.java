package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;

/**
 * A loss whose predictions hold {@code blocks} blocks of {@code n} values per row (a distribution's
 * parameters or several quantiles of each target value) for {@code n} targets per row: predictions
 * {@code [batch, blocks * n]} or {@code [batch, time, blocks * n]}, targets {@code [batch, n]} or
 * {@code [batch, time, n]}. Block {@code k}'s value for target {@code i} is at {@code k * n + i} of
 * the row. The mean is over valid rows times {@code n}, i.e. over the target values, like PyTorch's
 * {@code 'mean'} reduction over the target tensor.
 */
abstract class BlockLoss implements Loss {

    /** Blocks of {@code n} values per row. */
    public abstract int blocks();

    /**
     * The loss of target {@code y} given its {@code blocks()} predicted values {@code p} (read only),
     * writing {@code d loss / d p[k]} into {@code g} (of length {@code blocks()}) when {@code g} is not null.
     */
    abstract double value(double[] p, double y, double[] g);

    @Override
    public final double forward(Tensor predictions, Tensor targets, SequenceMask mask, Tensor grad) {
        Rows rows = Rows.of(kind(), predictions, mask, grad);
        int blocks = blocks();
        int width = rows.width();
        if (width % blocks != 0) {
            throw new IllegalArgumentException(kind().id() + ": predictions have " + width + " values per row, not a "
                    + "multiple of the " + blocks + " values this loss needs per target; the head must give " + blocks
                    + " outputs per target value");
        }
        int n = width / blocks;
        int[] want = targets.shape().dims().clone();
        boolean ok = targets.rank() == predictions.rank();
        for (int a = 0; ok && a < want.length; a++) {
            int expected = a == want.length - 1 ? n : predictions.dim(a);
            ok = want[a] == expected;
        }
        if (!ok) {
            throw new IllegalArgumentException(kind().id() + ": targets have shape " + targets.shape() + " but the "
                    + "predictions " + predictions.shape() + " hold " + blocks + " values per target, so the targets "
                    + "must have " + n + " values per row");
        }
        long count = (long) rows.validCount() * n;
        double scale = count == 0 ? 0 : 1.0 / count;
        float[] x = predictions.data();
        float[] y = targets.data();
        int xo = predictions.offset();
        int yo = targets.offset();
        double[] p = new double[blocks];
        double[] g = grad == null ? null : new double[blocks];
        double sum = 0;
        for (int r = 0; r < rows.count(); r++) {
            int base = r * width;
            if (!rows.valid(r)) {
                if (grad != null) {
                    java.util.Arrays.fill(grad.data(), grad.offset() + base, grad.offset() + base + width, 0f);
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < blocks; k++) {
                    p[k] = x[xo + base + k * n + i];
                }
                sum += value(p, y[yo + r * n + i], g);
                if (grad != null) {
                    for (int k = 0; k < blocks; k++) {
                        grad.data()[grad.offset() + base + k * n + i] = (float) (g[k] * scale);
                    }
                }
            }
        }
        return sum * scale;
    }

    /** The predictions' block {@code k}: {@code [.., n]} values copied out of {@code [.., blocks * n]}. */
    static Tensor block(Tensor predictions, int blocks, int k) {
        int width = predictions.dim(-1);
        int n = width / blocks;
        int rows = predictions.size() / width;
        int[] dims = predictions.shape().dims().clone();
        dims[dims.length - 1] = n;
        Tensor out = Tensor.zeros(dims);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                out.setFlat(r * n + i, predictions.getFlat(r * width + k * n + i));
            }
        }
        return out;
    }
}
