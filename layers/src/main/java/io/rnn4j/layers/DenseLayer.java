package io.rnn4j.layers;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected layer {@code y = f(x W + b)} with {@code W [in, units]} (Glorot-uniform) and
 * {@code b [units]} (zeros). On a sequence batch it applies to every step; the output at a padded step
 * is zero and a padded step contributes no gradient.
 *
 * <p>Backward: {@code da = dy * f'(y)}, {@code dW += x^T da}, {@code db += sum_rows(da)},
 * {@code dx = da W^T}.
 */
public final class DenseLayer implements Layer {
    private final String name;
    private final DenseSpec spec;
    private final int inputSize;
    private final Backend be;
    private final Tensor w;
    private final Tensor dw;
    private final Tensor bias;
    private final Tensor dbias;
    private Flow lastInput;
    private Tensor lastOutput;
    private float[] lastRowMask;

    /** Binds the layer to its parameters (declared by {@link #declare}). */
    public DenseLayer(String name, DenseSpec spec, int inputSize, ParameterSet params, Backend backend) {
        this.name = name;
        this.spec = spec;
        this.inputSize = inputSize;
        this.be = backend;
        this.w = params.get(ParamId.of(name, ParamRole.KERNEL)).value();
        this.dw = params.get(ParamId.of(name, ParamRole.KERNEL)).grad();
        this.bias = spec.useBias() ? params.get(ParamId.of(name, ParamRole.BIAS)).value() : null;
        this.dbias = spec.useBias() ? params.get(ParamId.of(name, ParamRole.BIAS)).grad() : null;
    }

    /** Declares {@code W} and, if used, {@code b}. */
    public static void declare(ParameterSet.Builder builder, String name, DenseSpec spec, int inputSize) {
        builder.add(ParamId.of(name, ParamRole.KERNEL), inputSize, spec.units());
        if (spec.useBias()) {
            builder.add(ParamId.of(name, ParamRole.BIAS), spec.units());
        }
    }

    /** Glorot-uniform {@code W}, zero {@code b}, drawn from {@code random.fork(id)}. */
    @Override
    public void initialize(RandomSource random) {
        ParamId k = ParamId.of(name, ParamRole.KERNEL);
        Initializer.GLOROT_UNIFORM.fill(w, 1, spec.units(), random.fork(k.displayName()));
        if (bias != null) {
            bias.fill(0f);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        List<ParamId> ids = new ArrayList<>(List.of(ParamId.of(name, ParamRole.KERNEL)));
        if (spec.useBias()) {
            ids.add(ParamId.of(name, ParamRole.BIAS));
        }
        return ids;
    }

    @Override
    public int outputSize() {
        return spec.units();
    }

    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor x = input.values();
        if (x.dim(-1) != inputSize || (x.rank() != 2 && x.rank() != 3)) {
            throw new IllegalArgumentException("dense layer '" + name + "' expects [batch, " + inputSize
                    + "] or [batch, time, " + inputSize + "], got " + x.shape());
        }
        int rows = x.size() / inputSize;
        float[] rowMask = rowMask(input);
        MatrixView xv = MatrixView.of(x, rows, inputSize);
        if (rowMask != null) { // never let padding (even NaN) reach a product
            Tensor clean = x.copy();
            xv = MatrixView.of(clean, rows, inputSize);
            be.zeroRows(rowMask, 0, xv);
            x = clean;
        }
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = spec.units();
        Tensor y = Tensor.zeros(dims);
        MatrixView yv = MatrixView.of(y, rows, spec.units());
        be.gemm(false, false, 1f, xv, MatrixView.of(w), 0f, yv);
        if (bias != null) {
            be.addRowVector(bias.data(), bias.offset(), yv);
        }
        be.activation(spec.activation(), yv, yv);
        if (rowMask != null) {
            be.zeroRows(rowMask, 0, yv);
        }
        if (context.training()) {
            lastInput = input.with(x);
            lastOutput = y;
            lastRowMask = rowMask;
        }
        return input.with(y);
    }

    /** Batch-major row mask of a sequence batch with padding, else {@code null}. */
    static float[] rowMask(Flow f) {
        if (!f.isSequence() || f.mask().isFull()) {
            return null;
        }
        int b = f.mask().batch();
        int t = f.mask().time();
        float[] m = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < f.mask().length(i); s++) {
                m[i * t + s] = 1f;
            }
        }
        return m;
    }

    @Override
    public Flow backward(Flow gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("dense layer '" + name + "': backward needs a training forward pass first");
        }
        int rows = lastOutput.size() / spec.units();
        Tensor da = Tensor.zeros(lastOutput.shape().dims());
        MatrixView dav = MatrixView.of(da, rows, spec.units());
        be.activationBackward(spec.activation(), MatrixView.of(lastOutput, rows, spec.units()),
                MatrixView.of(gradOutput.values(), rows, spec.units()), dav, false);
        if (lastRowMask != null) {
            be.zeroRows(lastRowMask, 0, dav);
        }
        MatrixView xv = MatrixView.of(lastInput.values(), rows, inputSize);
        be.gemm(true, false, 1f, xv, dav, 1f, MatrixView.of(dw));
        if (dbias != null) {
            be.sumRows(dav, dbias.data(), dbias.offset(), true);
        }
        int[] dims = lastInput.values().shape().dims();
        Tensor dx = Tensor.zeros(dims);
        be.gemm(false, true, 1f, dav, MatrixView.of(w), 0f, MatrixView.of(dx, rows, inputSize));
        return lastInput.with(dx);
    }
}
