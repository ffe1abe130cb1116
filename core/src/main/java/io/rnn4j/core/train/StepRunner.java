package io.rnn4j.core.train;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.GradientClipping;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.spec.TbpttSpec;
import java.util.List;

/**
 * The optimizer steps of one batch: one step over the whole batch (full BPTT), or one step per window
 * ({@link Windows}, truncated BPTT). Each step: zero the gradients, forward in a training context (with
 * the batch's teacher), the loss and its gradient, backward (the gradient flow carries the output's
 * mask), clip, and update with the epoch's learning rate. A non-finite loss or gradient norm stops
 * before the update with a {@link Divergence}, which the trainer turns into its error.
 */
final class StepRunner {
    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Double clipNorm;
    private final Double clipValue;
    private final Windows windows;
    private long globalStep;

    /** What a batch's steps measured: the loss summed over targets, and the number of targets. */
    record Outcome(double lossSum, long count) {
        double mean() {
            return count == 0 ? 0 : lossSum / count;
        }
    }

    /** A step whose loss or gradient norm was not finite; nothing was updated. */
    static final class Divergence extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double loss;
        final double gradNorm;
        final long step;

        Divergence(double loss, double gradNorm, long step) {
            super(null, null, false, false); // a signal, not an error: no stack trace
            this.loss = loss;
            this.gradNorm = gradNorm;
            this.step = step;
        }
    }

    StepRunner(Network network, Loss loss, Optimizer optimizer, Double clipNorm, Double clipValue, TbpttSpec tbptt,
            Windows.StatefulLookup stateful) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
        this.windows = tbptt == null ? null : new Windows(network, tbptt, stateful);
    }

    long globalStep() {
        return globalStep;
    }

    void globalStep(long step) {
        this.globalStep = step;
    }

    /**
     * Trains on one batch.
     *
     * @param metrics training metrics, updated with every step's output
     * @param where   the batch in words, for errors
     */
    Outcome train(TrainBatch batch, RandomSource random, float lr, List<Metric> metrics, String where) {
        if (windows != null) {
            return windows.train(batch, random, (output, targets, mask) -> step(output, targets, mask, lr, metrics, where),
                    where);
        }
        network.parameters().zeroGrads();
        Flow out = network.forward(batch.input(), new LayerContext(true, random, batch.teacher()));
        return step(out, batch.targets(), Targets.maskFor(out, batch.targetMask()), lr, metrics, where);
    }

    /** Loss, backward, clipping and update for the output of a training forward pass. */
    private Outcome step(Flow out, Tensor targets, SequenceMask mask, float lr, List<Metric> metrics, String where) {
        long count = Targets.count(loss, out, mask);
        if (count == 0) {
            return new Outcome(0, 0); // every sequence has ended (a late window): nothing to learn from
        }
        Tensor grad = Tensor.zeros(out.values().shape().dims());
        double l = Targets.loss(loss, out, targets, mask, grad, where);
        Targets.update(metrics, out, targets, mask, where);
        if (!Double.isFinite(l)) {
            throw new Divergence(l, Double.NaN, globalStep + 1);
        }
        network.backward(new Flow(grad, out.mask()));
        ParameterSet params = network.parameters();
        double norm = clipNorm != null ? GradientClipping.byGlobalNorm(params, clipNorm)
                : GradientClipping.globalNorm(params.grads());
        if (!Double.isFinite(norm)) {
            throw new Divergence(l, norm, globalStep + 1);
        }
        if (clipValue != null) {
            GradientClipping.byValue(params, clipValue);
        }
        optimizer.step(params, lr);
        globalStep++;
        return new Outcome(l * count, count);
    }
}
