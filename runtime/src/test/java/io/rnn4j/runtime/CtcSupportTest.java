package io.rnn4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.CtcSettings;
import io.rnn4j.core.loss.CtcLoss;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Label sequences mapped to a CTC head's outputs: once for fixed batches, as read for per-epoch ones. */
class CtcSupportTest {
    private static final CtcSettings BLANK_1 = new CtcSettings(new CtcLoss(1, CtcLoss.Reduction.MEAN, false), 3, 4);

    private static TrainBatch batch(float... labels) {
        Flow input = new Flow(Tensor.zeros(1, 4, 2), new SequenceMask(1, 4, new int[] {4}));
        return new TrainBatch(input, null, Tensor.of(labels, 1, labels.length), null, 1);
    }

    /** A source that counts how often it is asked for an epoch and how often a batch is read. */
    private static final class Counting implements BatchSource {
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger read = new AtomicInteger();
        final boolean same;
        final List<TrainBatch> fixed = List.of(batch(0, 1, -1), batch(2, 2, 0));

        Counting(boolean same) {
            this.same = same;
        }

        @Override
        public List<TrainBatch> batches(int epoch) {
            asked.incrementAndGet();
            List<TrainBatch> out = new ArrayList<>();
            for (TrainBatch b : fixed) {
                out.add(b);
            }
            return new java.util.AbstractList<>() {
                @Override
                public TrainBatch get(int i) {
                    read.incrementAndGet();
                    return out.get(i);
                }

                @Override
                public int size() {
                    return out.size();
                }
            };
        }

        @Override
        public int examples() {
            return 2;
        }

        @Override
        public boolean sameEveryEpoch() {
            return same;
        }
    }

    @Test
    void batchesThatAreTheSameEveryEpochAreMappedOnce() {
        Counting source = new Counting(true);
        BatchSource mapped = CtcSupport.mapped(source, BLANK_1);
        assertThat(mapped.sameEveryEpoch()).isTrue();
        List<TrainBatch> first = mapped.batches(0);
        for (int e = 1; e < 5; e++) {
            assertThat(mapped.batches(e)).isSameAs(first);
        }
        assertThat(source.asked).hasValue(1);
        assertThat(source.read).hasValue(2);
        // blank 1: labels 0 -> 0, 1 -> 2, 2 -> 3; the padding stays -1
        assertThat(first.get(0).targets().toArray()).containsExactly(0f, 2f, -1f);
        assertThat(first.get(1).targets().toArray()).containsExactly(3f, 3f, 0f);
        assertThat(source.fixed.get(0).targets().toArray()).as("the source's batch is not changed")
                .containsExactly(0f, 1f, -1f);
    }

    @Test
    void perEpochBatchesAreMappedWhenRead() {
        Counting source = new Counting(false);
        BatchSource mapped = CtcSupport.mapped(source, BLANK_1);
        assertThat(mapped.sameEveryEpoch()).isFalse();
        List<TrainBatch> epoch = mapped.batches(0);
        assertThat(source.asked).hasValue(1);
        assertThat(epoch).hasSize(2);
        assertThat(source.read).as("nothing read before the trainer reads it").hasValue(0);
        assertThat(epoch.get(1).targets().toArray()).containsExactly(3f, 3f, 0f);
        assertThat(source.read).hasValue(1);
        mapped.batches(1);
        assertThat(source.asked).hasValue(2);
    }
}
