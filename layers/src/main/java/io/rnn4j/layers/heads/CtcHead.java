package io.rnn4j.layers.heads;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.LogSpace;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spi.Backend;
import java.util.List;

/**
 * The {@code ctc} head at run time: the {@code many_to_many} dense layer {@code <name>_out} to
 * {@code C = classes + 1} logits at every valid step, then a log-softmax over them:
 * <pre>
 *   z[b, t, :] = x[b, t, :] W + b,   y[b, t, c] = z[b, t, c] - log sum_k exp z[b, t, k]
 * </pre>
 * at valid steps, {@code y = 0} at padded steps (which also get no gradient). The output is the per-step
 * log-probabilities that {@link io.rnn4j.core.loss.CtcLoss} and {@link io.rnn4j.core.ctc.CtcDecoder}
 * read, and what the ONNX export ends with. Backward: {@code dz = dy - softmax(z) sum_c dy[c]} per step.
 * The log-softmax is computed in double with the maximum subtracted.
 */
public final class CtcHead implements Layer {
    private final String name;
    private final ManyToManyHead dense;
    private Tensor lastOutput;
    private SequenceMask lastMask;

    /**
     * Binds the head to its parameters (declared by {@link #declare}).
     *
     * @param name     the head's name; its dense layer is {@code name + "_out"}
     * @param features features per step of the input
     * @param outputs  {@code classes + 1}
     * @param params   the model's parameters
     * @param backend  the backend
     */
    public CtcHead(String name, int features, int outputs, ParameterSet params, Backend backend) {
        this.name = name;
        this.dense = new ManyToManyHead(name, features, outputs, params, backend);
    }

    /** Declares {@code <name>_out}'s {@code W [features, outputs]} and {@code b [outputs]}. */
    public static void declare(ParameterSet.Builder params, String name, int features, int outputs) {
        ManyToManyHead.declare(params, name, features, outputs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        return dense.parameterIds();
    }

    @Override
    public int outputSize() {
        return dense.outputSize();
    }

    @Override
    public void initialize(RandomSource random) {
        dense.initialize(random);
    }

    @Override
    public Flow forward(Flow input, LayerContext context) {
        if (!input.isSequence() || input.values().rank() != 3) {
            throw new IllegalArgumentException("ctc head '" + name + "' expects a sequence batch [batch, time, features] "
                    + "with a mask, got " + input.values().shape());
        }
        Flow z = dense.forward(input, context);
        Tensor y = z.values().copy();
        int batch = y.dim(0);
        int time = y.dim(1);
        int c = y.dim(2);
        float[] d = y.data();
        SequenceMask mask = z.mask();
        for (int b = 0; b < batch; b++) {
            int len = mask == null ? time : mask.length(b);
            for (int t = 0; t < time; t++) {
                int o = y.offset() + (b * time + t) * c;
                if (t >= len) {
                    java.util.Arrays.fill(d, o, o + c, 0f);
                    continue;
                }
                LogSpace.logSoftmaxInPlace(d, o, c);
            }
        }
        if (context.training()) {
            lastOutput = y;
            lastMask = mask;
        }
        return new Flow(y, mask);
    }

    @Override
    public Flow backward(Flow gradOutput) {
        if (lastOutput == null) {
            throw new IllegalStateException("ctc head '" + name + "': backward without a training forward pass");
        }
        Tensor g = gradOutput.values();
        Tensor dz = Tensor.zeros(g.shape().dims());
        int batch = g.dim(0);
        int time = g.dim(1);
        int c = g.dim(2);
        float[] y = lastOutput.data();
        for (int b = 0; b < batch; b++) {
            int len = lastMask == null ? time : lastMask.length(b);
            for (int t = 0; t < len; t++) {
                int row = (b * time + t) * c;
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += g.getFlat(row + k);
                }
                for (int k = 0; k < c; k++) {
                    dz.setFlat(row + k, (float) (g.getFlat(row + k) - Math.exp(y[lastOutput.offset() + row + k]) * sum));
                }
            }
        }
        lastOutput = null;
        return dense.backward(new Flow(dz, gradOutput.mask()));
    }
}
