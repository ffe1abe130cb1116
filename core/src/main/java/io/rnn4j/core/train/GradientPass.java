package io.rnn4j.core.train;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import java.util.List;

/**
 * The first half of a training step, without the update: zero the gradients, forward in a training
 * context (with the batch's teacher), the loss and its gradient, and backward, leaving in
 * {@code network.parameters().grads()} the gradient of the <em>mean</em> loss over the batch's targets.
 *
 * <p>This is the seam for data-parallel training: a worker runs it on its shard of a global batch and
 * sends back {@code grads * count} (the gradient of the loss <em>sum</em>), {@link Result#lossSum()} and
 * {@link Result#count()}; the driver adds the shards, divides by the global count and applies one
 * {@link ParameterUpdate}. The single-machine {@link Trainer} runs the same two halves, one after the
 * other, on the whole batch. The count is what the loss averages over: valid steps of a sequence output
 * (padded steps are never counted), else rows; a loss with class weights averages over the sum of the
 * weights instead, so it cannot be split this way.
 */
public final class GradientPass {
    private GradientPass() {
    }

    /**
     * What a pass measured.
     *
     * @param loss  the mean loss over the batch's targets (not finite: the pass diverged and backward did
     *              not run)
     * @param count the number of targets the loss averaged over (0: nothing to learn; gradients are zero)
     */
    public record Result(double loss, long count) {
        /** The loss summed over the targets ({@code loss * count}; 0 when there are none). */
        public double lossSum() {
            return count == 0 ? 0 : loss * count;
        }

        /** Whether the loss is finite, i.e. the gradients were computed. */
        public boolean finite() {
            return Double.isFinite(loss);
        }
    }

    /**
     * Runs the pass on a whole batch (full backpropagation through time).
     *
     * @param network the model; its gradients are overwritten
     * @param loss    the loss
     * @param batch   the batch, or one worker's shard of a global batch
     * @param random  the source of dropout masks
     * @param metrics training metrics updated with the pass's output (may be empty)
     * @param where   the batch in words, for errors
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-TRAIN-005} if the targets do not fit the output
     */
    public static Result run(Network network, Loss loss, TrainBatch batch, RandomSource random, List<Metric> metrics,
            String where) {
        network.parameters().zeroGrads();
        Flow out = network.forward(batch.input(), new LayerContext(true, random, batch.teacher()));
        return backward(network, loss, out, batch.targets(), Targets.maskFor(out, batch.targetMask()), metrics,
                batch.input().values(), batch.seen(), where);
    }

    /** Loss, metrics and backward for the output of a training forward pass (gradients already zeroed). */
    static Result backward(Network network, Loss loss, Flow out, Tensor targets, SequenceMask mask, List<Metric> metrics,
            String where) {
        return backward(network, loss, out, targets, mask, metrics, null, null, where);
    }

    /** {@link #backward(Network, Loss, Flow, Tensor, SequenceMask, List, String)}, the metrics leaving {@code seen} out. */
    static Result backward(Network network, Loss loss, Flow out, Tensor targets, SequenceMask mask, List<Metric> metrics,
            Tensor inputs, io.rnn4j.core.metrics.SeenItems seen, String where) {
        long count = Targets.count(loss, out, mask);
        if (count == 0) {
            return new Result(0, 0); // every sequence has ended (a late window): nothing to learn from
        }
        Tensor grad = Tensor.zeros(out.values().shape().dims());
        double l = Targets.loss(loss, out, targets, mask, grad, where);
        Targets.update(metrics, loss, out, targets, mask, inputs, seen, where);
        if (!Double.isFinite(l)) {
            return new Result(l, count);
        }
        network.backward(new Flow(grad, out.mask()));
        return new Result(l, count);
    }
}
