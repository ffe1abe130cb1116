package io.rnn4j.layers.heads;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import java.util.List;

/**
 * The {@code many_to_one} head at run time: {@code z_b = W^T pool(x_b) + b}.
 *
 * <p>{@code pool} is a {@link Pooling} over the valid steps of sequence {@code b} of
 * {@code x [batch, time, features]} (padded steps are never read); a {@code [batch, features]} input
 * (a recurrent layer's final state) is used as it is, which is {@link Pooling#LAST} for it. The dense
 * layer ({@code <name>_out}, Glorot-uniform {@code W [features, n]}, zero {@code b}) is linear:
 * {@code z} are logits (the loss applies the softmax) or regression values.
 *
 * <p>Backward: {@code dp = dz W^T}; {@link Pooling#LAST} routes {@code dp_b} to step {@code len_b - 1},
 * {@link Pooling#MEAN} spreads {@code dp_b / len_b} over the valid steps, {@link Pooling#MAX} routes
 * each feature's gradient to the step that held the maximum. Padded steps get zero. A sequence of
 * length 0 pools to zeros and gets no gradient.
 *
 * <p>With {@link Distribution#GAUSSIAN} the dense layer gives {@code 2n} values per example: the first
 * {@code n} are the means as they are, the second {@code n} become scales
 * {@code softplus(z) = log(1 + e^z) > 0}, whose gradient is {@code sigmoid(z)}.
 */
public final class ManyToOneHead implements Layer {
    private final String name;
    private final Pooling pooling;
    private final int features;
    private final DenseLayer out;
    private final Backend backend;
    private final Distribution distribution;
    private Tensor lastRaw;
    private Flow lastInput;
    private int[] lastArgmax;

    /**
     * Binds the head to its parameters (declared by {@link #declare}).
     *
     * @param name     the head's name; its dense layer is {@code name + "_out"}
     * @param pooling  how steps are reduced
     * @param features features per step of the input
     * @param outputs  logits or values per example
     * @param params   the model's parameters
     * @param backend  the backend
     */
    public ManyToOneHead(String name, Pooling pooling, int features, int outputs, ParameterSet params,
            Backend backend) {
        this(name, pooling, features, outputs, Distribution.NONE, params, backend);
    }

    /**
     * Binds a head that forecasts {@code distribution} (its {@code outputs} are all its values: twice the
     * number of forecast values for a Gaussian).
     */
    public ManyToOneHead(String name, Pooling pooling, int features, int outputs, Distribution distribution,
            ParameterSet params, Backend backend) {
        if (distribution == Distribution.GAUSSIAN && outputs % 2 != 0) {
            throw new IllegalArgumentException("a Gaussian head needs an even number of values (means and scales), got "
                    + outputs);
        }
        this.distribution = distribution;
        this.name = name;
        this.pooling = pooling;
        this.features = features;
        this.out = new DenseLayer(name + "_out", outSpec(outputs), features, params, backend);
        this.backend = backend;
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

    /** {@code [batch, time, features]} (masked) or {@code [batch, features]} to {@code [batch, n]}. */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor x = input.values();
        if (x.dim(-1) != features || x.rank() != (input.isSequence() ? 3 : 2)) {
            throw new IllegalArgumentException("many_to_one head '" + name + "' expects [batch, time, " + features
                    + "] or [batch, " + features + "], got " + x.shape());
        }
        Tensor pooled;
        int[] argmax = null;
        if (!input.isSequence()) {
            if (pooling != Pooling.LAST) {
                throw new IllegalArgumentException("many_to_one head '" + name + "' cannot " + pooling
                        + "-pool a batch of vectors; only LAST applies to a recurrent layer's final state");
            }
            pooled = x;
        } else {
            pooled = Tensor.zeros(x.dim(0), features);
            if (pooling == Pooling.MAX && context.training()) { // where each maximum came from: for backward only
                argmax = new int[x.dim(0) * features];
            }
            pool(x, input.mask(), pooled, argmax);
        }
        Flow y = out.forward(Flow.vectors(pooled), context);
        if (distribution == Distribution.GAUSSIAN) {
            Tensor raw = y.values();
            Tensor z = raw.copy();
            int w = z.dim(1);
            for (int b = 0; b < z.dim(0); b++) {
                for (int j = w / 2; j < w; j++) {
                    z.setFlat(b * w + j, (float) softplus(raw.getFlat(b * w + j)));
                }
            }
            lastRaw = context.training() ? raw.copy() : null;
            y = Flow.vectors(z);
        }
        if (context.training()) {
            lastInput = input;
            lastArgmax = argmax;
        }
        return y;
    }

    /** {@code log(1 + e^x)} without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Pools the valid steps of each sequence; {@code argmax} (max pooling in training, else null) gets the steps. */
    private void pool(Tensor x, SequenceMask mask, Tensor pooled, int[] argmax) {
        // step by step over contiguous rows of the input (not feature by feature across steps); the same
        // values as a per-feature loop: the first step holding the maximum wins, sums are added in step order
        int t = mask.time();
        float[] in = x.data();
        int base = x.offset();
        float[] out = pooled.data();
        int outBase = pooled.offset();
        double[] sums = pooling == Pooling.MEAN ? new double[features] : null;
        for (int b = 0; b < mask.batch(); b++) {
            int len = mask.length(b);
            if (len == 0) {
                continue;
            }
            int row = base + b * t * features;
            int o = outBase + b * features;
            switch (pooling) {
                case LAST -> System.arraycopy(in, row + (len - 1) * features, out, o, features);
                case MEAN -> {
                    java.util.Arrays.fill(sums, 0);
                    for (int s0 = 0; s0 < len; s0++) {
                        int r = row + s0 * features;
                        for (int f = 0; f < features; f++) {
                            sums[f] += in[r + f];
                        }
                    }
                    for (int f = 0; f < features; f++) {
                        out[o + f] = (float) (sums[f] / len);
                    }
                }
                case MAX -> {
                    if (argmax == null) { // inference: the maxima only, without a branch per value (in vectors)
                        backend.maxRows(new MatrixView(in, row, len, features, features),
                                new MatrixView(out, o, 1, features, features));
                        continue;
                    }
                    System.arraycopy(in, row, out, o, features);
                    int a = b * features;
                    java.util.Arrays.fill(argmax, a, a + features, 0);
                    for (int s0 = 1; s0 < len; s0++) {
                        int r = row + s0 * features;
                        for (int f = 0; f < features; f++) {
                            if (in[r + f] > out[o + f]) {
                                out[o + f] = in[r + f];
                                argmax[a + f] = s0;
                            }
                        }
                    }
                }
                default -> throw new AssertionError(pooling);
            }
        }
    }

    @Override
    public Flow backward(Flow gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("many_to_one head '" + name + "': backward needs a training forward pass first");
        }
        if (distribution == Distribution.GAUSSIAN) {
            Tensor g = gradOutput.values().copy();
            int w = g.dim(1);
            for (int b = 0; b < g.dim(0); b++) {
                for (int j = w / 2; j < w; j++) {
                    double x = lastRaw.getFlat(b * w + j);
                    g.setFlat(b * w + j, (float) (g.getFlat(b * w + j) / (1 + Math.exp(-x))));
                }
            }
            gradOutput = Flow.vectors(g);
        }
        Tensor dp = out.backward(gradOutput).values();
        if (!lastInput.isSequence()) {
            return Flow.vectors(dp);
        }
        SequenceMask mask = lastInput.mask();
        int t = mask.time();
        Tensor dx = Tensor.zeros(mask.batch(), t, features);
        for (int b = 0; b < mask.batch(); b++) {
            int len = mask.length(b);
            for (int f = 0; f < features && len > 0; f++) {
                float g = dp.getFlat(b * features + f);
                switch (pooling) {
                    case LAST -> dx.setFlat((b * t + len - 1) * features + f, g);
                    case MEAN -> {
                        for (int s = 0; s < len; s++) {
                            dx.setFlat((b * t + s) * features + f, g / len);
                        }
                    }
                    case MAX -> dx.setFlat((b * t + lastArgmax[b * features + f]) * features + f, g);
                    default -> throw new AssertionError(pooling);
                }
            }
        }
        return new Flow(dx, mask);
    }
}
