package io.rnn4j.core.train;

import java.util.List;

/**
 * Where the {@link Trainer} gets its batches: a deterministic list per epoch. The source shuffles (or
 * not) with its own seed, so that epoch {@code e} is the same batches whether or not earlier epochs ran
 * in this process; that is what makes a resumed run equal the uninterrupted one.
 */
public interface BatchSource {

    /**
     * The batches of one epoch.
     *
     * @param epoch the 0-based epoch index (the {@link EpochResult#epoch()} number minus one), as
     *              {@code io.rnn4j.data.Batcher#epoch} counts; evaluation asks for epoch 0
     */
    List<TrainBatch> batches(int epoch);

    /** Number of examples in one epoch (for progress and throughput). */
    int examples();

    /**
     * Whether every epoch gets the same batches (no shuffling, no augmentation), so that whatever is done
     * to them can be done once. Default {@code false}.
     */
    default boolean sameEveryEpoch() {
        return false;
    }

    /** A source that returns the same batches every epoch (validation, test, or pre-shuffled data). */
    static BatchSource of(List<TrainBatch> batches) {
        List<TrainBatch> copy = List.copyOf(batches);
        int n = copy.stream().mapToInt(TrainBatch::size).sum();
        return new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                return copy;
            }

            @Override
            public int examples() {
                return n;
            }

            @Override
            public boolean sameEveryEpoch() {
                return true;
            }
        };
    }
}
