package io.rnn4j.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One worker's part of an epoch: its shard of every global batch, in step order ({@code null} where a
 * batch has fewer examples than workers), encoded by {@link ShardCodec}. The driver ships it once per
 * epoch; every step's task then reads its shard from the cached partition.
 *
 * @param worker the worker (partition) index k
 * @param shards the shards, one per step of the epoch
 */
record EpochShards(int worker, List<byte[]> shards) implements Serializable {
    private static final long serialVersionUID = 1L;
}
