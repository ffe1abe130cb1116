package io.rnn4j.spark;

import java.io.Serializable;

/**
 * What one worker sends back after its part of a step (sync) or round (local SGD).
 *
 * @param worker    the worker (partition) index
 * @param values    sync: the gradient of the shard's mean loss; local SGD: the worker's parameters after
 *                  its steps; {@code null} when the worker had no examples
 * @param optimizer local SGD: the worker's optimizer state ({@code OptimizerState} bytes), else {@code null}
 * @param lossSum   the loss summed over the shard's targets
 * @param count     the number of targets the loss averaged over
 * @param finite    whether every loss was finite
 * @param nanos     time spent computing on the worker
 * @param metrics   the training metrics' statistics over the worker's shards ({@code Metric#statistics}), one
 *                  entry per metric of the run's {@link TrainMetrics}; {@code null} when the worker had no examples
 */
record ShardResult(int worker, float[] values, byte[] optimizer, double lossSum, long count, boolean finite, long nanos,
        double[][] metrics) implements Serializable {
    private static final long serialVersionUID = 1L;
}
