/**
 * The runtime's plugin interfaces: a {@link io.rnn4j.runtime.spi.DistributedEngine} trains an experiment
 * with a {@code distributed:} section on a cluster and runs {@code predict --engine}, so that the runner
 * and the CLI reach a cluster library (Apache Spark, module {@code rnn4j-spark}) without depending on it.
 * Engines are discovered through {@code META-INF/services} like every other plugin
 * ({@link io.rnn4j.runtime.EngineRegistry}).
 */
package io.rnn4j.runtime.spi;
