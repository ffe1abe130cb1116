package io.rnn4j.spark;

import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.TrainingListener;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver program of {@link SparkClusterIT}, run in its own JVM as {@code spark-submit} would run it:
 * trains {@link Models} on a standalone cluster with {@code sync} on 2 workers and writes the final
 * weights. Arguments: master URL, comma-separated application jars, weights output file, marker file
 * written after epoch 1 (the test kills a worker then).
 */
public final class ClusterDriver {
    private ClusterDriver() {
    }

    /** Entry point; exit code 0 when training finished. */
    public static void main(String[] args) throws IOException {
        String master = args[0];
        String jars = args[1];
        Path out = Path.of(args[2]);
        Path marker = Path.of(args[3]);
        SparkConf conf = new SparkConf().setMaster(master).setAppName("rnn4j-cluster-test")
                .set("spark.jars", jars).set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false").set("spark.executor.memory", "512m").set("spark.executor.cores", "1")
                .set("spark.cores.max", "2").set("spark.task.maxFailures", "4")
                .set("spark.executor.extraJavaOptions", System.getProperty("rnn4j.spark.javaOptions", ""))
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            Models.Recipe recipe = SparkClusterIT.recipe(150);
            TrainingListener signal = new TrainingListener() {
                @Override
                public void onEpochEnd(EpochResult r) {
                    if (r.epoch() == 1) {
                        try {
                            Files.writeString(marker, "epoch 1 done\n");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            };
            SparkTrainer t = new SparkTrainer(spark, recipe, new DistributedSpec(DistributedSpec.Engine.SPARK, master, 2,
                    DistributedSpec.Strategy.SYNC, 1), 7, List.of(MetricKind.ACCURACY), 3, List.of(signal));
            t.fit(SparkClusterIT.data(), null);
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
                float[] w = t.network().parameters().values();
                o.writeInt(w.length);
                for (float v : w) {
                    o.writeFloat(v);
                }
            }
            System.out.println("rnn4j cluster driver: " + t.stats().summary());
        }
    }
}
