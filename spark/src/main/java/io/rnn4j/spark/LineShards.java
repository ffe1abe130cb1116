package io.rnn4j.spark;

import io.rnn4j.core.spi.LineExamples;
import io.rnn4j.core.train.BatchPlan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The training split read by the executors themselves ({@link LineExamples}, e.g. {@code sequences} JSON
 * Lines): Spark's text source reads the training file in partitions on the executors (local, HDFS or S3
 * alike) and keeps the lines of the training split there; the driver holds only their line indices and
 * each epoch's batch plan. Each epoch the driver broadcasts which worker, batch and slot every line goes
 * to (the plan the single machine uses, cut example index mod K as {@link ShardCodec} cuts a batch), the
 * lines move to their worker in one shuffle between executors, and each worker encodes its shards
 * with the data kind's encoder. The shards are those the driver would have shipped (same examples in the
 * same order; padded to the shard's longest sequence instead of the batch's, which the mask makes
 * irrelevant).
 */
final class LineShards {
    private final LineExamples source;
    private final BatchPlan plan;
    private final long[] trainLines;
    private final JavaPairRDD<Long, String> lines;

    LineShards(JavaSparkContext spark, LineExamples source, BatchPlan plan, int workers) {
        this.source = source;
        this.plan = plan;
        this.trainLines = source.trainLines();
        long[] sorted = trainLines.clone();
        Arrays.sort(sorted);
        Broadcast<long[]> keep = spark.broadcast(sorted);
        this.lines = spark.textFile(source.trainFile(), workers).zipWithIndex()
                .filter(t -> Arrays.binarySearch(keep.value(), t._2()) >= 0)
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .persist(StorageLevel.MEMORY_ONLY());
    }

    /** The batches of epoch {@code epoch} (0-based) as positions in the training split. */
    List<int[]> plan(int epoch) {
        return source.plan(plan, epoch);
    }

    /**
     * Where every training line goes in an epoch whose batches are {@code batches} (positions in the split):
     * worker (example index in its batch mod K), batch and slot, indexed like the lines in ascending order. This
     * is all the driver computes per example: a few int arrays, no example.
     */
    static Assignment assign(long[] trainLines, List<int[]> batches, int workers) {
        int n = trainLines.length;
        boolean ascending = true; // the split's lines are in file order, so usually already ascending
        for (int i = 1; i < n && ascending; i++) {
            ascending = trainLines[i] > trainLines[i - 1];
        }
        long[] keys;
        int[] rank = null; // position in the split -> index in keys; null: the same
        if (ascending) {
            keys = trainLines;
        } else {
            keys = new long[n];
            Integer[] byLine = new Integer[n];
            for (int i = 0; i < n; i++) {
                byLine[i] = i;
            }
            Arrays.sort(byLine, Comparator.comparingLong(i -> trainLines[i]));
            rank = new int[n];
            for (int r = 0; r < n; r++) {
                keys[r] = trainLines[byLine[r]];
                rank[byLine[r]] = r;
            }
        }
        int[] worker = new int[n];
        int[] batch = new int[n];
        int[] slot = new int[n];
        Arrays.fill(worker, -1);
        for (int b = 0; b < batches.size(); b++) {
            int[] idx = batches.get(b);
            for (int i = 0; i < idx.length; i++) {
                int r = rank == null ? idx[i] : rank[idx[i]];
                worker[r] = i % workers;
                batch[r] = b;
                slot[r] = i / workers;
            }
        }
        return new Assignment(keys, worker, batch, slot, batches.size());
    }

    /** Each worker's shards of the epoch whose batches are {@code batches}, one partition per worker, in order. */
    JavaRDD<EpochShards> epoch(JavaSparkContext spark, List<int[]> batches, int workers) {
        Broadcast<Assignment> assignment = spark.broadcast(assign(trainLines, batches, workers));
        LineExamples.LineEncoder encoder = source.encoder();
        return lines.flatMapToPair(t -> {
            Assignment a = assignment.value();
            int r = Arrays.binarySearch(a.keys(), t._1());
            if (r < 0 || a.worker()[r] < 0) {
                return java.util.Collections.emptyIterator();
            }
            return List.of(new Tuple2<>(a.worker()[r], new Item(a.batch()[r], a.slot()[r], t._1(), t._2()))).iterator();
        }).partitionBy(new HashPartitioner(workers)).values()
                .mapPartitionsWithIndex((w, items) -> List.of(shards(w, items, assignment.value().batches(), encoder))
                        .iterator(), true);
    }

    /** Worker {@code w}'s shards: its items grouped by batch, in slot order, encoded. */
    private static EpochShards shards(int w, Iterator<Item> items, int batches, LineExamples.LineEncoder encoder) {
        List<List<Item>> byBatch = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            byBatch.add(new ArrayList<>());
        }
        while (items.hasNext()) {
            Item it = items.next();
            byBatch.get(it.batch()).add(it);
        }
        List<byte[]> shards = new ArrayList<>(batches);
        for (List<Item> b : byBatch) {
            if (b.isEmpty()) {
                shards.add(null);
                continue;
            }
            b.sort(Comparator.comparingInt(Item::slot));
            List<String> texts = new ArrayList<>(b.size());
            long[] at = new long[b.size()];
            for (int i = 0; i < b.size(); i++) {
                texts.add(b.get(i).text());
                at[i] = b.get(i).line();
            }
            shards.add(ShardCodec.encode(encoder.batch(texts, at)));
        }
        return new EpochShards(w, shards);
    }

    /** Where the lines of one epoch go, indexed like {@code keys} (the training lines, ascending). */
    record Assignment(long[] keys, int[] worker, int[] batch, int[] slot, int batches) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One line on its way to its worker. */
    record Item(int batch, int slot, long line, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Releases the cached lines. */
    void close() {
        lines.unpersist(false);
    }
}
