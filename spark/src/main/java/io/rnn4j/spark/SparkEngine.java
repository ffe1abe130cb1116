package io.rnn4j.spark;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.runtime.spi.DistributedEngine;
import io.rnn4j.runtime.spi.DistributedTraining;
import io.rnn4j.runtime.spi.PredictionRequest;
import io.rnn4j.runtime.spi.TrainingRequest;
import java.util.function.Consumer;

/**
 * The {@code spark} {@link DistributedEngine}: what {@code rnn4j train} runs for an experiment with
 * {@code distributed: {engine: spark, ...}} and what {@code rnn4j predict --engine spark} runs, registered in
 * {@code META-INF/services/io.rnn4j.runtime.spi.DistributedEngine}. A small provider: discovering it loads
 * no Spark class, so the rnn4j-spark jar without Spark's jars is found and then refused with a clear message
 * when used ({@code RNN4J-SPARK-002}). The work is in {@link SparkRuns}.
 */
public final class SparkEngine implements DistributedEngine {
    /** A class every Spark installation has. */
    private static final String SPARK_CLASS = "org.apache.spark.SparkContext";

    /** The provider (created by the plugin registry). */
    public SparkEngine() {
    }

    @Override
    public String id() {
        return "spark";
    }

    @Override
    public DistributedTraining training(TrainingRequest request) {
        requireSpark();
        return SparkRuns.training(request);
    }

    @Override
    public long predict(PredictionRequest request, Consumer<String> sink) {
        requireSpark();
        return SparkRuns.predict(request, sink);
    }

    private static void requireSpark() {
        try {
            Class.forName(SPARK_CLASS, false, SparkEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new Rnn4jException("RNN4J-SPARK-002", "the spark engine (rnn4j-spark) is on the class path but "
                    + "Apache Spark is not (no " + SPARK_CLASS + "). Spark is the cluster's, not inside the rnn4j-spark jar: "
                    + "add Spark 4.1 for Scala 2.13 to RNN4J_PLUGINS (e.g. RNN4J_PLUGINS=$SPARK_HOME/jars:"
                    + "/path/to/rnn4j-spark-<version>-all.jar), or run the application with spark-submit.");
        }
    }
}
