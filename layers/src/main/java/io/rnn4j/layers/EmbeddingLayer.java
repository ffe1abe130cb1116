package io.rnn4j.layers;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import java.util.List;

/**
 * A lookup table: token ids {@code [batch, time]} (integral float values) become vectors
 * {@code [batch, time, dim]}. The table {@code E [vocabulary, dim]} starts as {@code N(0, 1)}, as in
 * PyTorch, or Glorot-uniform ({@link EmbeddingInit}). Padded steps output zero and their ids are ignored (they may be anything); the backward pass
 * scatter-adds the output gradient of valid steps into the rows of {@code E} that were used.
 */
public final class EmbeddingLayer implements Layer {
    private final String name;
    private final int vocabulary;
    private final int dim;
    private final Backend be;
    private final Tensor table;
    private final Tensor dtable;
    private final EmbeddingInit init;
    private int[] lastIds;
    private int[] lastValidRows;

    /** Binds the layer to its {@code [vocabulary, dim]} table (declared by {@link #declare}). */
    public EmbeddingLayer(String name, int vocabulary, int dim, ParameterSet params, Backend backend) {
        this(name, vocabulary, dim, EmbeddingInit.NORMAL, params, backend);
    }

    /** Binds the layer to its table, drawn as {@code init} says. */
    public EmbeddingLayer(String name, int vocabulary, int dim, EmbeddingInit init, ParameterSet params, Backend backend) {
        this.init = init;
        this.name = name;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.be = backend;
        this.table = params.get(ParamId.of(name, ParamRole.EMBEDDING)).value();
        this.dtable = params.get(ParamId.of(name, ParamRole.EMBEDDING)).grad();
    }

    /** Declares the {@code [vocabulary, dim]} table. */
    public static void declare(ParameterSet.Builder builder, String name, int vocabulary, int dim) {
        builder.add(ParamId.of(name, ParamRole.EMBEDDING), vocabulary, dim);
    }

    /** Draws the table from {@code N(0, 1)} (or Glorot-uniform) with {@code random.fork(id)}. */
    @Override
    public void initialize(RandomSource random) {
        RandomSource r = random.fork(ParamId.of(name, ParamRole.EMBEDDING).displayName());
        if (init == EmbeddingInit.GLOROT_UNIFORM) {
            io.rnn4j.core.Initializer.GLOROT_UNIFORM.fill(table, 1, dim, r);
            return;
        }
        for (int i = 0; i < table.size(); i++) {
            table.setFlat(i, (float) r.nextGaussian());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        return List.of(ParamId.of(name, ParamRole.EMBEDDING));
    }

    @Override
    public int outputSize() {
        return dim;
    }

    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor ids = input.values();
        if (!input.isSequence() || ids.rank() != 2) {
            throw new IllegalArgumentException("embedding '" + name + "' expects token ids [batch, time] with a mask, got "
                    + ids.shape());
        }
        int b = ids.dim(0);
        int t = ids.dim(1);
        int[] idx = new int[b * t];
        float[] in = ids.data();
        int base = ids.offset();
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < input.mask().length(i); s++) {
                float v = in[base + i * t + s];
                int id = (int) v;
                if (id != v || id < 0 || id >= vocabulary) {
                    throw new Rnn4jException("RNN4J-LAYER-001", "embedding '" + name + "': token id " + v
                            + " at batch row " + i + ", step " + s + " is not an integer in [0, " + vocabulary
                            + "). Raise the embedding's vocabulary or fix the tokenizer's ids.");
                }
                idx[i * t + s] = id;
            }
        }
        // the valid steps of each sequence are gathered; padded steps stay the zeros they were made with
        Tensor y = Tensor.zeros(b, t, dim);
        MatrixView yv = MatrixView.of(y, b * t, dim);
        MatrixView tv = MatrixView.of(table);
        for (int i = 0; i < b; i++) {
            int len = input.mask().length(i);
            if (len > 0) {
                be.gatherRows(tv, idx, i * t, yv.rows(i * t, len));
            }
        }
        if (context.training()) {
            int[] valid = new int[input.mask().validSteps()];
            int n = 0;
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < input.mask().length(i); s++) {
                    valid[n++] = i * t + s;
                }
            }
            lastIds = idx;
            lastValidRows = valid;
        }
        return input.with(y);
    }

    /** Adds the gradient into the table; token ids have no gradient, so this returns {@code null}. */
    @Override
    public Flow backward(Flow gradOutput) {
        if (lastIds == null) {
            throw new IllegalStateException("embedding '" + name + "': backward needs a training forward pass first");
        }
        int d = dim;
        MatrixView g = MatrixView.of(gradOutput.values(), gradOutput.values().size() / d, d);
        // gather the gradient rows of valid steps, then one scatter-add into the table
        int n = lastValidRows.length;
        float[] rows = new float[n * d];
        int[] ids = new int[n];
        for (int j = 0; j < n; j++) {
            ids[j] = lastIds[lastValidRows[j]];
            System.arraycopy(g.data(), g.index(lastValidRows[j], 0), rows, j * d, d);
        }
        be.scatterAddRows(MatrixView.of(rows, n, d), ids, 0, MatrixView.of(dtable));
        return null;
    }
}
