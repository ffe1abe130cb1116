package io.rnn4j.spark;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainerState;
import io.rnn4j.core.train.TrainingResult;
import io.rnn4j.runtime.Prepared;
import io.rnn4j.runtime.spi.DistributedTraining;
import io.rnn4j.runtime.spi.PredictionRequest;
import io.rnn4j.runtime.spi.TrainingRequest;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of {@link SparkEngine}: the Spark context of a command ({@link #conf}), a training run
 * over {@link SparkTrainer}, and {@code predict} over {@link SparkPredictor}.
 */
final class SparkRuns {
    private SparkRuns() {
    }

    /**
     * The configuration of a command's Spark context: {@code spark.*} system properties first (as
     * {@code spark-submit} or {@code RNN4J_JAVA_OPTS="-Dspark.executor.memory=4g"} give them), then the
     * master (the experiment's {@code distributed.master} or {@code --master}). For a {@code local} master
     * the driver stays on loopback and the web UI is off unless set. For a cluster master the jar this class
     * came from (the {@code -all} jar) is shipped to the executors unless {@code spark.jars} is set.
     *
     * @param master the master URL, or {@code null} for the {@code spark.master} property
     * @param where  what named the master, for the error when there is none
     */
    static SparkConf conf(String master, String app, String where) {
        SparkConf conf = new SparkConf().setAppName(app);
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new Rnn4jException("RNN4J-SPARK-003", "no Spark master: " + where + " is not set and no spark.master "
                    + "property was given (spark-submit sets it). Set it, e.g. \"local[2]\" (in this JVM, 2 threads) or "
                    + "spark://host:7077 (a standalone cluster).");
        }
        String m = conf.get("spark.master");
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                    .setIfMissing("spark.ui.enabled", "false");
        } else if (!conf.contains("spark.jars")) {
            Path jar = applicationJar();
            if (jar != null) {
                conf.set("spark.jars", jar.toString());
            }
        }
        return conf;
    }

    /** The jar rnn4j-spark was loaded from, or {@code null} when it runs from a classes folder. */
    static Path applicationJar() {
        try {
            var source = SparkRuns.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    static DistributedTraining training(TrainingRequest request) {
        Prepared p = request.prepared();
        DistributedSpec options = p.spec().distributed();
        // the recipe first: it refuses what Spark cannot train (RNN4J-SPARK-001) before a context is started
        ExperimentRecipe recipe = ExperimentRecipe.of(p, p.spec().training(), request.backend());
        JavaSparkContext spark = new JavaSparkContext(conf(options.master(), "rnn4j train " + p.spec().name(),
                p.file() + ": distributed.master"));
        SparkTrainer trainer = null;
        try {
            SparkTrainer t = new SparkTrainer(spark, recipe, options, p.spec().seed(), p.metrics(),
                    p.facts().classes(), request.listeners(), request.threads());
            trainer = t;
            // sequences (JSON Lines): the executors read the training split from the file themselves
            io.rnn4j.core.spec.TrainingSpec ts = p.spec().training();
            p.loaded().capability(io.rnn4j.core.spi.LineExamples.class).ifPresent(lines -> t.readOnExecutors(lines,
                    new io.rnn4j.core.train.BatchPlan(ts.batchSize(), ts.shuffle(), ts.bucketByLength(), p.spec().seed())));
            p.originalUnits(t.network()).ifPresent(t::originalUnits);
            return new Training(spark, t);
        } catch (RuntimeException e) {
            try {
                if (trainer != null) {
                    trainer.close();
                }
            } finally {
                spark.stop();
            }
            throw e;
        }
    }

    /** A training run: the trainer and the context it owns. */
    private record Training(JavaSparkContext spark, SparkTrainer trainer) implements DistributedTraining {
        @Override
        public Network network() {
            return trainer.network();
        }

        @Override
        public TrainingResult fit(BatchSource train, BatchSource validation) {
            try {
                return trainer.fit(train, validation);
            } catch (Exception e) { // Spark's SparkException is checked but thrown from Scala code undeclared
                throw userError(e);
            }
        }

        @Override
        public TrainerState state() {
            return trainer.state();
        }

        @Override
        public void restore(TrainerState state) {
            trainer.restore(state);
        }

        /** Closes the driver network's backend, then stops the Spark context (which the run owns). */
        @Override
        public void close() {
            try {
                trainer.close();
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * The rnn4j error a task failed with (Spark wraps it in a {@code SparkException} whose message is the
     * stage's), so that the command line reports it as on one machine; else {@code e} itself.
     */
    static RuntimeException userError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rnn4jException r) {
                return r;
            }
        }
        // Spark does not always attach the task's exception as the cause; its message then ends the stage's
        // ("... most recent failure: Lost task 0.0 ...: io.rnn4j.core.Rnn4jException: RNN4J-...: message\n")
        java.util.regex.Matcher m = TASK_ERROR.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            return new Rnn4jException(m.group(1), m.group(2).strip(), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
    }

    /** An rnn4j error as a failed stage's message quotes it: id, then the message up to the driver's stack trace. */
    private static final java.util.regex.Pattern TASK_ERROR = java.util.regex.Pattern.compile(
            "io\\.rnn4j\\.[\\w.$]*Exception: (RNN4J-[A-Z]+-\\d+): (.*?)(?:\\n\\s*(?:at |Caused by|Driver stacktrace)|\\z)",
            java.util.regex.Pattern.DOTALL);

    static long predict(PredictionRequest r, Consumer<String> sink) {
        SparkSession spark = SparkSession.builder().config(conf(r.master(), "rnn4j predict " + r.model().getFileName(),
                "--master")).getOrCreate();
        try {
            long n = 0;
            Iterator<Row> rows = SparkPredictor.predictInOrder(spark.read().text(r.input().toString()), "value",
                    r.input(), r.model().toString(), r.backend(), r.batchSize()).toLocalIterator();
            while (rows.hasNext()) {
                sink.accept(rows.next().getString(1));
                n++;
            }
            return n;
        } catch (Exception e) { // Spark's SparkException is checked but thrown from Scala code undeclared
            throw userError(e);
        } finally {
            spark.stop();
        }
    }
}
