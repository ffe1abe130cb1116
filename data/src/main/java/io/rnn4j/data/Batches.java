package io.rnn4j.data;

import io.rnn4j.core.metrics.SeenItems;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Adapts the data module's batches to what the trainer consumes. */
public final class Batches {
    private Batches() {
    }

    /** One data batch as a {@link TrainBatch}: the target layout follows the target kind. */
    public static TrainBatch toTrainBatch(Batch b) {
        Flow input = b.mask() == null ? Flow.vectors(b.inputs()) : new Flow(b.inputs(), b.mask());
        Targets t = b.targets();
        if (t instanceof Targets.Classes c) {
            return TrainBatch.of(input, c.tensor());
        }
        if (t instanceof Targets.Values v) {
            return TrainBatch.of(input, v.values());
        }
        if (t instanceof Targets.StepClasses c) {
            return TrainBatch.perStep(input, c.classes());
        }
        if (t instanceof Targets.StepValues v) {
            return TrainBatch.perStep(input, v.values());
        }
        if (t instanceof Targets.Sequences s) {
            return TrainBatch.teacherForced(input, new Flow(s.decoderInputs(), s.decoderMask()), s.decoderTargets());
        }
        throw new IllegalStateException("unknown target kind " + t.kind());
    }

    /** A source that batches {@code examples} anew every epoch with the given options (seeded). */
    public static BatchSource source(List<Example> examples, BatchOptions options) {
        return source(examples, options, null);
    }

    /**
     * {@link #source(List, BatchOptions)} whose batches carry the items their ranking metrics leave out
     * ({@link TrainBatch#seen()}): {@code seen} gives them for the examples of a batch, in its order; {@code null}
     * for none.
     */
    public static BatchSource source(List<Example> examples, BatchOptions options,
            Function<List<Example>, SeenItems> seen) {
        Batcher batcher = new Batcher(options);
        int n = examples.size();
        return new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<TrainBatch> out = new ArrayList<>();
                for (Batch b : batcher.epoch(examples, epoch)) {
                    TrainBatch t = toTrainBatch(b);
                    if (seen != null) {
                        List<Example> rows = new ArrayList<>(b.indices().length);
                        for (int i : b.indices()) {
                            rows.add(examples.get(i));
                        }
                        t = t.withSeen(seen.apply(rows));
                    }
                    out.add(t);
                }
                return out;
            }

            @Override
            public int examples() {
                return n;
            }
        };
    }
}
