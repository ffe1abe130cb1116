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

    @Override
    public Flow forward(Flow input, LayerContext context) {
        if (!context.training() || spec.rate() == 0f) {
            lastMask = null;
            return input;
        }
        Tensor x = input.values();
        lastMask = Dropouts.mask(context.random(), spec.rate(), x.size());
        Tensor y = Tensor.zeros(x.shape().dims());
        be.mul(MatrixView.of(x, 1, x.size()), MatrixView.of(lastMask, 1, x.size()), MatrixView.of(y, 1, y.size()), false);
        return input.with(y);
    }

    @Override
    public Flow backward(Flow gradOutput) {
        if (lastMask == null) {
            return gradOutput;
        }
        Tensor g = gradOutput.values();
        Tensor dx = Tensor.zeros(g.shape().dims());
        be.mul(MatrixView.of(g, 1, g.size()), MatrixView.of(lastMask, 1, g.size()), MatrixView.of(dx, 1, dx.size()), false);
        return gradOutput.with(dx);
    }
}
