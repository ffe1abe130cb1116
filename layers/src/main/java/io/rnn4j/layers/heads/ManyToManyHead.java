package io.rnn4j.layers.heads;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.TiedOutputLayer;
import java.util.List;

/**
 * The {@code many_to_many} head at run time: {@code z[b, t, :] = x[b, t, :] W + b} at every valid step
 * of {@code x [batch, time, features]}, and {@code z[b, t, :] = 0} at padded steps (which also get no
 * gradient, whatever the input held there). The dense layer is {@code <name>_out}: Glorot-uniform
 * {@code W [features, n]}, zero {@code b}, linear (logits or values). The output keeps the input's mask.
 * With {@code tie_embedding} it is a {@link TiedOutputLayer}: {@code z = x E^T + b} with {@code E} the
 * embedding layer's table and only {@code b} its own.
 */
public final class ManyToManyHead implements Layer {
    private final String name;
    private final Layer out;

    /**
     * Binds the head to its parameters (declared by {@link #declare}).
     *
     * @param name     the head's name; its dense layer is {@code name + "_out"}
     * @param features features per step of the input
     * @param outputs  logits or values per step
     * @param params   the model's parameters
     * @param backend  the backend
     */
    public ManyToManyHead(String name, int features, int outputs, ParameterSet params, Backend backend) {
        this.name = name;
        this.out = new DenseLayer(name + "_out", outSpec(outputs), features, params, backend);
    }

    /**
     * Binds a head whose output weights are an embedding table (declared by {@link #declareTied}).
     *
     * @param name    the head's name; its bias is {@code name + "_out"}'s
     * @param tableId the embedding table {@code [outputs, features]}
     * @param params  the model's parameters
     * @param backend the backend
     */
    public ManyToManyHead(String name, ParamId tableId, ParameterSet params, Backend backend) {
        this.name = name;
        this.out = new TiedOutputLayer(name + "_out", tableId, params, backend);
    }

    /** Declares the bias {@code b [outputs]} of a head tied to an embedding table. */
    public static void declareTied(ParameterSet.Builder params, String name, int outputs) {
        TiedOutputLayer.declare(params, name + "_out", outputs);
    }

    private static DenseSpec outSpec(int outputs) {
        return new DenseSpec(outputs, Activation.IDENTITY, true);
    }

    /** Declares the dense layer's {@code W [features, outputs]} and {@code b [outputs]}. */
    public static void declare(ParameterSet.Builder params, String name, int features, int outputs) {
        DenseLayer.declare(params, name + "_out", outSpec(outputs), features);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        return out.parameterIds();
    }

    @Override
    public int outputSize() {
        return out.outputSize();
    }

    @Override
    public void initialize(RandomSource random) {
        out.initialize(random);
    }

    /** {@code [batch, time, features]} with its mask to {@code [batch, time, n]} with the same mask. */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        if (!input.isSequence() || input.values().rank() != 3) {
            throw new IllegalArgumentException("many_to_many head '" + name + "' expects a sequence batch [batch, time, "
                    + "features] with a mask, got " + input.values().shape());
        }
        return out.forward(input, context);
    }

    @Override
    public Flow backward(Flow gradOutput) {
        return out.backward(gradOutput);
    }
}
