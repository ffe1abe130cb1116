package io.rnn4j.data;

/**
 * How examples are batched. YAML (under {@code training:}): {@code batch_size}, {@code shuffle},
 * {@code bucket_by_length}, {@code bucket_chunk}, and the experiment's {@code seed}.
 *
 * @param batchSize      {@code batch_size}: sequences per batch; the last batch may be smaller
 * @param shuffle        {@code shuffle}: a new seeded order every epoch (true for training, false for
 *                       evaluation)
 * @param bucketByLength {@code bucket_by_length}: sort by length within chunks of {@code bucketChunk}
 *                       batches, then shuffle the batches, so that a batch holds sequences of similar
 *                       length and little padding
 * @param bucketChunk    {@code bucket_chunk}: batches per sorting chunk (default 50)
 * @param seed           the experiment seed
 */
public record BatchOptions(int batchSize, boolean shuffle, boolean bucketByLength, int bucketChunk, long seed) {

    /** Validates. */
    public BatchOptions {
        if (batchSize < 1) {
            throw DataErrors.invalidOption("training", "batch_size", batchSize, "at least 1");
        }
        if (bucketChunk < 1) {
            throw DataErrors.invalidOption("training", "bucket_chunk", bucketChunk, "at least 1 batch");
        }
    }

    /** Shuffled training batches without bucketing. */
    public static BatchOptions training(int batchSize, long seed) {
        return new BatchOptions(batchSize, true, false, 50, seed);
    }

    /** Evaluation batches: file order, no shuffling. */
    public static BatchOptions evaluation(int batchSize) {
        return new BatchOptions(batchSize, false, false, 50, 0);
    }

    /** These options with length bucketing in chunks of {@code chunk} batches. */
    public BatchOptions withBucketing(int chunk) {
        return new BatchOptions(batchSize, shuffle, true, chunk, seed);
    }
}
