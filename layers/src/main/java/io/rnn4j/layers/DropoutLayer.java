package io.rnn4j.layers;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import java.util.List;

/**
 * Inverted dropout ({@link DropoutSpec}): a mask drawn from the context's random source in training,
 * the identity in inference. Backward multiplies by the same mask.
 */
public final class DropoutLayer implements Layer {
    private final String name;
    private final DropoutSpec spec;
    private final int size;
    private final Backend be;
    private float[] lastMask;
    private float[] rowMask;

    /** A dropout layer over inputs of {@code size} features. */
    public DropoutLayer(String name, DropoutSpec spec, int size, Backend backend) {
        this.name = name;
        this.spec = spec;
        this.size = size;
        this.be = backend;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        return List.of();
    }

    @Override
    public int outputSize() {
        return size;
    }

    /** Dropout has no parameters. */
    @Override
    public void initialize(io.rnn4j.core.RandomSource random) {
    }

    /**
     * In training, multiplies by a fresh mask; in inference, copies. Either way the output at padded
     * steps is zero, whatever the padding held. In inference an input whose padded steps are all
     * {@code +0.0} already (an embedding's output) is returned as it is: the copy would equal it.
     */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor x = input.values();
        if (!context.training() && paddingIsZero(input)) {
            // the copy below would equal the input bit for bit: nothing dropped, padded steps already +0.0
            return input;
        }
        Tensor y = Tensor.zeros(x.shape().dims());
        if (context.training() && spec.rate() > 0f) {
            lastMask = Dropouts.mask(context.random(), spec.rate(), x.size());
            be.mul(MatrixView.of(x, 1, x.size()), MatrixView.of(lastMask, 1, x.size()), MatrixView.of(y, 1, y.size()), false);
        } else {
            lastMask = null;
            be.copy(MatrixView.of(x, 1, x.size()), MatrixView.of(y, 1, y.size()));
        }
        rowMask = DenseLayer.rowMask(input);
        if (rowMask != null) {
            be.zeroRows(rowMask, 0, MatrixView.of(y, rowMask.length, size));
        }
        return new Flow(y, input.mask(), input.state()); // a recurrent state passes through untouched
    }

    /**
     * Whether every value at a padded step of {@code f} is {@code +0.0} (what {@code zeroRows} writes there),
     * or {@code f} has no padded steps. Reads only the padded steps.
     */
    static boolean paddingIsZero(Flow f) {
        if (!f.isSequence() || f.mask().isFull()) {
            return true;
        }
        Tensor x = f.values();
        int b = f.mask().batch();
        int t = f.mask().time();
        int width = x.size() / (b * t);
        float[] d = x.data();
        int o = x.offset();
        for (int i = 0; i < b; i++) {
            for (int k = (i * t + f.mask().length(i)) * width, end = (i + 1) * t * width; k < end; k++) {
                if (Float.floatToRawIntBits(d[o + k]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Multiplies by the forward mask; padded steps get no gradient. */
    @Override
    public Flow backward(Flow gradOutput) {
        Tensor g = gradOutput.values();
        Tensor dx = Tensor.zeros(g.shape().dims());
        if (lastMask != null) {
            be.mul(MatrixView.of(g, 1, g.size()), MatrixView.of(lastMask, 1, g.size()), MatrixView.of(dx, 1, dx.size()), false);
        } else {
            be.copy(MatrixView.of(g, 1, g.size()), MatrixView.of(dx, 1, dx.size()));
        }
        if (rowMask != null) {
            be.zeroRows(rowMask, 0, MatrixView.of(dx, rowMask.length, size));
        }
        return new Flow(dx, gradOutput.mask(), gradOutput.state());
    }
}
