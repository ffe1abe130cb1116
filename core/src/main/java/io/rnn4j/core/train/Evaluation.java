package io.rnn4j.core.train;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.metrics.Metric;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import java.util.List;

/**
 * The loss and metrics of a model over a batch source, in inference passes (dropout off, nothing kept
 * for backward, so a pending training backward is not disturbed). A batch with a teacher is run with
 * it: decoder heads are evaluated teacher-forced, which measures the same thing as the training loss
 * (the next token given the true previous ones) rather than free-running generation.
 */
final class Evaluation {
    private Evaluation() {
    }

    /** The mean loss over every valid target of the source; the metrics receive every batch. */
    static double run(Network network, Loss loss, List<Metric> metrics, BatchSource source, String what) {
        Running r = new Running(network, loss, metrics);
        r.add(source, what);
        return r.loss();
    }

    /**
     * The loss and metrics accumulated over several sources in turn (the windows of a split read in
     * pieces): the same sums in the same order as one source holding all their batches, so the result is
     * the same to the last bit when the batches are.
     */
    static final class Running {
        private final Network network;
        private final Loss loss;
        private final List<Metric> metrics;
        // inference draws nothing from it today; a separate fixed source keeps evaluation from ever
        // shifting the training stream (which would break resume = uninterrupted)
        private final RandomSource random = new RandomSource(0);
        private double sum;
        private long count;

        Running(Network network, Loss loss, List<Metric> metrics) {
            this.network = network;
            this.loss = loss;
            this.metrics = metrics;
            for (Metric m : metrics) {
                m.reset();
            }
        }

        /** Adds every batch of {@code source} (its epoch 0). */
        void add(BatchSource source, String what) {
            List<TrainBatch> batches = source.batches(0);
            for (int i = 0; i < batches.size(); i++) {
                TrainBatch b = batches.get(i);
                String where = what + " batch " + (i + 1) + " of " + batches.size();
                Flow out = network.forward(b.input(), new LayerContext(false, random, b.teacher()));
                SequenceMask mask = Targets.maskFor(out, b.targetMask());
                long n = Targets.count(loss, out, mask);
                if (n == 0) {
                    continue;
                }
                sum += Targets.loss(loss, out, b.targets(), mask, null, where) * n;
                count += n;
                Targets.update(metrics, loss, out, b.targets(), mask, b.input().values(), b.seen(), where);
            }
        }

        /** The mean loss over every valid target added (NaN if none). */
        double loss() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }
}
