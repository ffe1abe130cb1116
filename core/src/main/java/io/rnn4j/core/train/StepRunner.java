package io.rnn4j.core.train;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.Optimizer;
import io.rnn4j.core.spec.TbpttSpec;
import io.rnn4j.core.spec.ExplosionGuardSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimizer steps of one batch: one step over the whole batch (full BPTT), or one step per window
 * ({@link Windows}, truncated BPTT). Each step is a {@link GradientPass} (zero the gradients, forward in
 * a training context with the batch's teacher, the loss and its gradient, backward; the gradient flow
 * carries the output's mask) then a {@link ParameterUpdate} (clip, update with the epoch's learning
 * rate). A non-finite loss or gradient norm, or the {@link ExplosionGuard} firing with
 * {@code action: stop}, stops before the update with a {@link Divergence}, which the trainer turns into
 * its error.
 */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final Network network;
    private final Loss loss;
    private final ParameterUpdate update;
    private final Windows windows;
    private final ExplosionGuard guard;
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
        /** Why the explosion guard fired, or {@code null} for a non-finite loss or gradient norm. */
        final String guard;

        Divergence(double loss, double gradNorm, long step, String guard) {
            super(null, null, false, false); // a signal, not an error: no stack trace
            this.loss = loss;
            this.gradNorm = gradNorm;
            this.step = step;
            this.guard = guard;
        }
    }

    StepRunner(Network network, Loss loss, Optimizer optimizer, Double clipNorm, Double clipValue, TbpttSpec tbptt,
            Windows.StatefulLookup stateful, ExplosionGuardSpec guard) {
        this.guard = new ExplosionGuard(guard);
        this.network = network;
        this.loss = loss;
        this.update = new ParameterUpdate(optimizer, clipNorm, clipValue);
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
        return update(GradientPass.run(network, loss, batch, random, metrics, where), lr, where);
    }

    /** Loss, backward, clipping and update for the output of a training forward pass. */
    private Outcome step(Flow out, Tensor targets, SequenceMask mask, float lr, List<Metric> metrics, String where) {
        GradientPass.Result r = GradientPass.backward(network, loss, out, targets, mask, metrics, where);
        return update(r, lr, where);
    }

    /** Clipping and the optimizer step after a {@link GradientPass}; a non-finite loss or norm is a divergence. */
    private Outcome update(GradientPass.Result r, float lr, String where) {
        if (r.count() == 0) {
            return new Outcome(0, 0);
        }
        if (!r.finite()) {
            throw new Divergence(r.loss(), Double.NaN, globalStep + 1, null);
        }
        ParameterSet params = network.parameters();
        double norm = update.apply(params.values(), params.grads(), lr);
        if (!Double.isFinite(norm)) {
            throw new Divergence(r.loss(), norm, globalStep + 1, null);
        }
        String exploding = guard.observe(r.loss(), norm);
        if (exploding != null) {
            if (guard.stops()) {
                throw new Divergence(r.loss(), norm, globalStep + 1, exploding);
            }
            if (guard.firstWarning()) {
                LOG.warn("training is exploding at step {} ({}): {}; set training.explosion_guard.action: stop to end it "
                        + "there, or lower the learning rate", globalStep + 1, where, exploding);
            }
        }
        globalStep++;
        return new Outcome(r.loss() * r.count(), r.count());
    }
}
