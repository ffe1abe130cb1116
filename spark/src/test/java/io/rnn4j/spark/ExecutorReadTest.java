package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.LineExamples;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.Prepared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sequences} training data read by the executors themselves (Spark's text source over the file, the
 * lines of the training split kept and encoded on the executors, moved to their worker each epoch) trains
 * the same weights as the batches the driver prepares and ships: K = 3 workers (uneven shards), {@code sync},
 * a shuffled, length-bucketed plan with a held-out validation fraction (so the training lines are not the
 * whole file), class labels given as names, blank lines in the file (issue 12, data on the executors).
 */
class ExecutorReadTest {

    @Test
    void executorsReadingTheirLinesTrainTheWeightsOfTheDriverShippedBatches(@TempDir Path dir) throws Exception {
        RandomSource r = new RandomSource(8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            int len = 1 + r.nextInt(7);
            StringBuilder x = new StringBuilder("[");
            double sum = 0;
            for (int t = 0; t < len; t++) {
                double a = r.nextGaussian();
                sum += a;
                x.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.4f,%.4f,%.4f]", a, r.nextGaussian(),
                        r.nextGaussian()));
            }
            lines.add("{\"x\": " + x + "], \"y\": \"" + (sum > 0 ? "up" : "down") + "\"}");
            if (i % 17 == 5) {
                lines.add("");
            }
        }
        Files.write(dir.resolve("train.jsonl"), lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("experiment.yaml"), """
                version: 1
                name: executor-read
                seed: 13
                data: {type: sequences, train: train.jsonl, validation: 0.2}
                model:
                  layers: [{gru: {units: 4}}]
                  head: {many_to_one: {}}
                training: {epochs: 2, batch_size: 10, bucket_by_length: true, optimizer: {adam: {lr: 0.02}}}
                """, StandardCharsets.UTF_8);
        ClassLoader cl = getClass().getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        Prepared p = new ExperimentPreparer(new ExperimentLoader(kinds, io.rnn4j.core.data.DataKindRegistry.discover(cl)),
                kinds).prepare(dir.resolve("experiment.yaml"), List.of());
        TrainingSpec training = p.spec().training();
        BatchPlan plan = new BatchPlan(training.batchSize(), training.shuffle(), training.bucketByLength(), p.spec().seed());
        BatchSource train = p.loaded().batches(Split.TRAIN, plan);
        LineExamples lineData = p.loaded().capability(LineExamples.class).orElseThrow();
        assertThat(lineData.trainLines()).hasSize(p.loaded().size(Split.TRAIN)).hasSizeLessThan(70);
        ExperimentRecipe recipe = ExperimentRecipe.of(p, training, "cpu");
        DistributedSpec options = new DistributedSpec(DistributedSpec.Engine.SPARK, null, 3, DistributedSpec.Strategy.SYNC, 1);

        JavaSparkContext spark = Spark.local();
        try {
            SparkTrainer shipped = new SparkTrainer(spark, recipe, options, p.spec().seed(), p.metrics(), 2, List.of(), 1);
            shipped.network().initialize(new RandomSource(p.spec().seed()));
            float[] initial = shipped.network().parameters().values().clone();
            double shippedLoss = shipped.fit(train, null).history().get(1).trainLoss();

            SparkTrainer read = new SparkTrainer(spark, recipe, options, p.spec().seed(), p.metrics(), 2, List.of(), 1);
            System.arraycopy(initial, 0, read.network().parameters().values(), 0, initial.length);
            read.readOnExecutors(lineData, plan);
            assertThat(read.readsOnExecutors()).isTrue();
            double readLoss = read.fit(train, null).history().get(1).trainLoss();

            float[] a = shipped.network().parameters().values();
            float[] b = read.network().parameters().values();
            double max = 0;
            double moved = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
                moved = Math.max(moved, Math.abs(a[i] - initial[i]));
            }
            System.out.printf(Locale.ROOT, "executor-read vs driver-shipped, K=3 sync, 2 epochs: max |dw| = %.3g "
                    + "(weights moved up to %.3g); epoch-2 loss %.6f vs %.6f%n", max, moved, readLoss, shippedLoss);
            assertThat(moved).as("training moved the weights").isGreaterThan(1e-2);
            assertThat(max).isLessThan(1e-6);
            assertThat(readLoss).isCloseTo(shippedLoss, org.assertj.core.data.Offset.offset(1e-6));
        } finally {
            spark.stop();
        }
    }
}
