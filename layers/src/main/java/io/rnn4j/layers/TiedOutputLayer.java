package io.rnn4j.layers;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import java.util.List;

/**
 * A linear output layer whose weights are an embedding table, transposed (weight tying: Press and Wolf
 * 2017, "Using the Output Embedding to Improve Language Models"; Inan et al. 2017; GRU4Rec's
 * {@code constrained_embedding}): {@code z = x E^T + b} with {@code E [n, dim]} the table of an
 * {@link EmbeddingLayer} and {@code b [n]} (zeros) this layer's own. On a sequence batch it applies to every
 * step; the output at a padded step is zero and a padded step contributes no gradient.
 *
 * <p>Backward: {@code dE += dz^T x} (added to the table's gradient, which the embedding's lookup also adds
 * into, so the table learns from both uses), {@code db += sum_rows(dz)}, {@code dx = dz E}.
 */
public final class TiedOutputLayer implements Layer {
    private final String name;
    private final int dim;
    private final int outputs;
    private final Backend be;
    private final Tensor table;
    private final Tensor dtable;
    private final Tensor bias;
    private final Tensor dbias;
    private Flow lastInput;
    private float[] lastRowMask;

    /**
     * Binds the layer to the shared table and to its bias (declared by {@link #declare}).
     *
     * @param name    the layer's name (its bias is {@code ParamId.of(name, BIAS)})
     * @param tableId the embedding table {@code [outputs, dim]}
     * @param params  the model's parameters
     * @param backend the backend
     */
    public TiedOutputLayer(String name, ParamId tableId, ParameterSet params, Backend backend) {
        this.name = name;
        this.be = backend;
        this.table = params.get(tableId).value();
        this.dtable = params.get(tableId).grad();
        this.outputs = table.dim(0);
        this.dim = table.dim(1);
        this.bias = params.get(ParamId.of(name, ParamRole.BIAS)).value();
        this.dbias = params.get(ParamId.of(name, ParamRole.BIAS)).grad();
        if (bias.size() != outputs) {
            throw new IllegalArgumentException("tied output '" + name + "': bias of " + bias.size()
                    + " for a table of " + outputs + " rows");
        }
    }

    /** Declares the bias {@code b [outputs]}; the weights are the embedding's, declared by it. */
    public static void declare(ParameterSet.Builder builder, String name, int outputs) {
        builder.add(ParamId.of(name, ParamRole.BIAS), outputs);
    }

    /** Zero bias; the table is initialized by its embedding layer. */
    @Override
    public void initialize(RandomSource random) {
        bias.fill(0f);
    }

    @Override
    public String name() {
        return name;
    }

    /** Only the bias: the table belongs to the embedding layer. */
    @Override
    public List<ParamId> parameterIds() {
        return List.of(ParamId.of(name, ParamRole.BIAS));
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor x = input.values();
        if (x.dim(-1) != dim || (x.rank() != 2 && x.rank() != 3)) {
            throw new IllegalArgumentException("tied output '" + name + "' expects [batch, " + dim
                    + "] or [batch, time, " + dim + "], got " + x.shape());
        }
        int rows = x.size() / dim;
        float[] rowMask = DenseLayer.rowMask(input);
        MatrixView xv = MatrixView.of(x, rows, dim);
        if (rowMask != null) { // never let padding (even NaN) reach a product
            Tensor clean = x.copy();
            xv = MatrixView.of(clean, rows, dim);
            be.zeroRows(rowMask, 0, xv);
            x = clean;
        }
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = outputs;
        Tensor y = Tensor.zeros(dims);
        MatrixView yv = MatrixView.of(y, rows, outputs);
        be.gemm(false, true, 1f, xv, MatrixView.of(table), 0f, yv);
        be.addRowVector(bias.data(), bias.offset(), yv);
        if (rowMask != null) {
            be.zeroRows(rowMask, 0, yv);
        }
        if (context.training()) {
            lastInput = input.with(x);
            lastRowMask = rowMask;
        }
        return input.with(y);
    }

    @Override
    public Flow backward(Flow gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("tied output '" + name + "': backward needs a training forward pass first");
        }
        int rows = lastInput.values().size() / dim;
        MatrixView dz = MatrixView.of(gradOutput.values(), rows, outputs);
        if (lastRowMask != null) {
            Tensor masked = gradOutput.values().copy();
            dz = MatrixView.of(masked, rows, outputs);
            be.zeroRows(lastRowMask, 0, dz);
        }
        MatrixView xv = MatrixView.of(lastInput.values(), rows, dim);
        be.gemm(true, false, 1f, dz, xv, 1f, MatrixView.of(dtable));
        be.sumRows(dz, dbias.data(), dbias.offset(), true);
        Tensor dx = Tensor.zeros(lastInput.values().shape().dims());
        be.gemm(false, false, 1f, dz, MatrixView.of(table), 0f, MatrixView.of(dx, rows, dim));
        return lastInput.with(dx);
    }
}
