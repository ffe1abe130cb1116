package io.rnn4j.core.train;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.metrics.SeenItems;
import io.rnn4j.core.model.Flow;
import java.util.List;

/**
 * Pairs a model output with a batch's targets: which mask counts, how many targets the loss averaged
 * over (to weight batches into an epoch mean), and the loss and metric calls with the batch named in
 * their errors.
 */
final class Targets {
    private Targets() {
    }

    /** The batch's target mask, else the output's own mask (null for vector outputs). */
    static SequenceMask maskFor(Flow output, SequenceMask targetMask) {
        if (!output.isSequence()) {
            return null;
        }
        return targetMask != null ? targetMask : output.mask();
    }

    /** Number of targets a loss over {@code output} averages over: valid steps, or rows (or what the loss says). */
    static long count(Loss loss, Flow output, SequenceMask mask) {
        return loss.count(output.values(), mask);
    }

    /**
     * The loss, with its gradient written into {@code grad} if not null.
     *
     * @throws Rnn4jException {@code RNN4J-TRAIN-005} naming {@code where} if the targets do not fit
     */
    static double loss(Loss loss, Flow output, Tensor targets, SequenceMask mask, Tensor grad, String where) {
        try {
            return loss.forward(output.values(), targets, mask, grad);
        } catch (IllegalArgumentException e) {
            throw misfit(where, output, targets, e);
        }
    }

    /** Adds a batch to every metric, which compares the loss's point forecast with the targets. */
    static void update(List<Metric> metrics, Loss loss, Flow output, Tensor targets, SequenceMask mask, String where) {
        update(metrics, loss, output, targets, mask, null, null, where);
    }

    /**
     * {@link #update(List, Loss, Flow, Tensor, SequenceMask, String)} for a batch whose ranking metrics leave the
     * items already given out ({@code seen} not null; {@code inputs} the batch's input item ids).
     */
    static void update(List<Metric> metrics, Loss loss, Flow output, Tensor targets, SequenceMask mask, Tensor inputs,
            SeenItems seen, String where) {
        if (metrics.isEmpty()) {
            return;
        }
        try {
            Tensor point = loss.point(output.values());
            for (Metric m : metrics) {
                m.update(point, targets, mask, inputs, seen); // without seen items, every metric's plain update
            }
        } catch (IllegalArgumentException e) {
            throw misfit(where, output, targets, e);
        }
    }

    private static Rnn4jException misfit(String where, Flow output, Tensor targets, IllegalArgumentException e) {
        return new Rnn4jException("RNN4J-TRAIN-005", where + ": the targets " + targets.shape()
                + " do not fit the model's output " + output.values().shape() + ": " + e.getMessage()
                + ". Targets must be class indices [batch] or [batch, time] for classes, or values of the output's "
                + "shape for regression; check that the head (classes or outputs) matches the data.", e);
    }
}
