package io.rnn4j.core.train;

/**
 * How a split is cut into batches, as a data kind is asked for them.
 *
 * @param batchSize      examples per batch, at least 1 (the last batch may be smaller)
 * @param shuffle        reshuffle every epoch (seeded by {@code seed} and the epoch)
 * @param bucketByLength batch sequences of similar length together
 * @param seed           the seed of the shuffle
 */
public record BatchPlan(int batchSize, boolean shuffle, boolean bucketByLength, long seed) {

    /** Checks the batch size. */
    public BatchPlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
    }

    /** In order, not shuffled, not bucketed: for evaluation and reports. */
    public static BatchPlan evaluation(int batchSize) {
        return new BatchPlan(batchSize, false, false, 0);
    }
}
