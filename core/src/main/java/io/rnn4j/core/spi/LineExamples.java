package io.rnn4j.core.spi;

import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.TrainBatch;
import java.io.Serializable;
import java.util.List;

/**
 * A capability of {@link LoadedData} ({@link LoadedData#capability}) whose training split is lines of one
 * text file that another JVM can read and encode by itself: a cluster's executors read their examples from
 * the file (local, HDFS or S3 alike) instead of receiving them from the driver. The {@code sequences} kind
 * (JSON Lines) offers it. The batches the executors build are those of {@link LoadedData#batches} for the
 * training split.
 */
public interface LineExamples {

    /** The training file, as a path or URL every executor can read. */
    String trainFile();

    /** The 0-based line index in {@link #trainFile()} of each example of the training split, in split order. */
    long[] trainLines();

    /**
     * The batches of epoch {@code epoch} (0-based) as positions in the training split (indices into
     * {@link #trainLines()}), in the order {@link LoadedData#batches} gives them for this plan.
     */
    List<int[]> plan(BatchPlan plan, int epoch);

    /** What turns lines of the training file into a batch, on any JVM (it travels by Java serialization). */
    LineEncoder encoder();

    /** Encodes lines of the training file into a training batch, as {@link LoadedData#batches} would. */
    interface LineEncoder extends Serializable {
        /**
         * One batch of lines, in the given order.
         *
         * @param texts the lines' text
         * @param lines their 0-based line indices in the file (for located errors)
         */
        TrainBatch batch(List<String> texts, long[] lines);
    }
}
