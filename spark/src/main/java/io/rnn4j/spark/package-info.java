/**
 * Data-parallel training on Apache Spark (the {@code distributed:} section of an experiment).
 *
 * <p>{@link io.rnn4j.spark.SparkTrainer} trains a model that every JVM builds from a
 * {@link io.rnn4j.spark.ModelRecipe} ({@link io.rnn4j.spark.ExperimentRecipe} for an experiment file):
 * the driver keeps the flat parameters, the optimizer and the schedule; K Spark partitions are the
 * workers; each global batch is cut into K shards by example index mod K.
 *
 * <ul>
 *   <li>{@code strategy: sync} is exact: per step one broadcast of the parameters, one gradient pass per
 *       worker ({@link io.rnn4j.core.train.GradientPass}), the gradients added on the driver in partition
 *       order in double precision, divided by the global count of targets, then one clipped optimizer step
 *       ({@link io.rnn4j.core.train.ParameterUpdate}): the single-machine step regrouped, equal to float
 *       rounding (tested to 1e-5 after 20 steps for K = 1, 2, 4).</li>
 *   <li>{@code strategy: local_sgd} is not exact: each worker takes {@code sync_every} steps with a K
 *       times smaller batch, then parameters and optimizer state are averaged; one Spark job per round.</li>
 *   <li>Dropout masks on the workers come from a source fixed by seed, step and worker: runs repeat bit
 *       for bit and a retried task recomputes the same result, but the masks are not the single machine's.</li>
 *   <li>Training-pass metrics: each worker measures its shards and returns the metrics' statistics
 *       (a confusion matrix, sums and counts) with its gradient; the driver adds them up
 *       ({@code TrainMetrics}), so {@code metrics.csv} has a local run's columns. Validation
 *       runs on the driver. Quantile and Gaussian heads train like any other (their losses are means over
 *       rows; the recipe carries the quantile levels).</li>
 *   <li>Data: for {@code sequences} the driver streams the training file (it keeps line numbers and input
 *       lengths, {@link io.rnn4j.core.spi.DataKind#loadForCluster}) and the executors read and encode their
 *       lines ({@code LineShards}); other kinds are prepared on the driver and shipped as shards.</li>
 *   <li>Not supported yet, each refused with {@code RNN4J-SPARK-001} before training: truncated BPTT,
 *       early stopping.</li>
 *   <li>Backends: the driver's closes with {@link io.rnn4j.spark.SparkTrainer#close()}, the executors' when
 *       {@code fit} ends.</li>
 *   <li>Executors discover layer kinds and backends through the same {@code META-INF/services}
 *       registries as one machine (the {@code -all} jar merges the service files), with
 *       {@code spark.task.cpus} threads per task. The onnxruntime backend is not on this module's class
 *       path (its native library crashes next to Spark's here); executors train on cpu or vector.</li>
 * </ul>
 *
 * <p>{@link io.rnn4j.spark.SparkEngine} is the {@code spark} {@link io.rnn4j.runtime.spi.DistributedEngine}
 * plugin: {@code rnn4j train} runs an experiment with {@code distributed: {engine: spark}} through it (the
 * runner keeps initialisation, checkpoints, {@code --resume}, evaluation and outputs; only {@code fit}
 * runs on Spark) and {@code rnn4j predict --engine spark} runs {@link io.rnn4j.spark.SparkPredictor}. The
 * CLI and the runner do not depend on this module; the plugin registry finds it on the class path.
 *
 * <p>{@link io.rnn4j.spark.SparkPredictor} is batch inference: a {@code Dataset<Row>} of JSON Lines inputs
 * mapped through a model archive per partition, equal to single-machine {@code predict} line for line.
 *
 * <p>Error ids: {@code RNN4J-SPARK-001} an option that distributed training does not support;
 * {@code RNN4J-SPARK-002} the plugin is on the class path but Spark is not; {@code RNN4J-SPARK-003} no
 * Spark master (neither {@code distributed.master}/{@code --master} nor {@code spark.master}).
 */
package io.rnn4j.spark;
