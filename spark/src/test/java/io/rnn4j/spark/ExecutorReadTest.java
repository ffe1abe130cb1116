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

    private static void assertSameBatches(List<io.rnn4j.core.train.TrainBatch> got,
            List<io.rnn4j.core.train.TrainBatch> expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int b = 0; b < got.size(); b++) {
            io.rnn4j.core.train.TrainBatch g = got.get(b);
            io.rnn4j.core.train.TrainBatch e = expected.get(b);
            assertThat(g.size()).isEqualTo(e.size());
            assertThat(g.input().values().toArray()).as("batch %d inputs", b).containsExactly(e.input().values().toArray());
            assertThat(g.targets().toArray()).as("batch %d targets", b).containsExactly(e.targets().toArray());
        }
    }

    @Test
    void executorsReadingTheirLinesTrainTheWeightsOfTheDriverShippedBatches(@TempDir Path dir) throws Exception {
        RandomSource r = new RandomSource(8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            lines.add(TestLines.sequence(r, 1, 7, 3, new String[] {"\"down\"", "\"up\""}));
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
        Files.writeString(dir.resolve("distributed.yaml"), Files.readString(dir.resolve("experiment.yaml"))
                + "distributed: {engine: spark, master: \"local[2]\", workers: 3, strategy: sync}\n", StandardCharsets.UTF_8);
        ClassLoader cl = getClass().getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        ExperimentPreparer preparer = new ExperimentPreparer(new ExperimentLoader(kinds,
                io.rnn4j.core.data.DataKindRegistry.discover(cl)), kinds);
        Prepared p = preparer.prepare(dir.resolve("experiment.yaml"), List.of());
        // the driver of a distributed run streams the file instead (DataKind.loadForCluster): the same lines, plan,
        // validation examples and fitted pipeline, with no training example kept
        Prepared streamed = preparer.prepare(dir.resolve("distributed.yaml"), List.of());
        LineExamples streamedLines = streamed.loaded().capability(LineExamples.class).orElseThrow();
        assertThat(streamed.loaded()).isNotInstanceOf(p.loaded().getClass());
        assertThat(streamed.pipeline().store().keySet()).isEqualTo(p.pipeline().store().keySet());
        for (String entry : p.pipeline().store().keySet()) {
            assertThat(streamed.pipeline().store().get(entry)).as(entry).isEqualTo(p.pipeline().store().get(entry));
        }
        for (Split split : Split.values()) {
            assertThat(streamed.loaded().size(split)).as(split.toString()).isEqualTo(p.loaded().size(split));
        }
        assertThat(streamed.loaded().report(Split.VALIDATION, null).toString())
                .isEqualTo(p.loaded().report(Split.VALIDATION, null).toString());
        TrainingSpec training = p.spec().training();
        BatchPlan plan = new BatchPlan(training.batchSize(), training.shuffle(), training.bucketByLength(), p.spec().seed());
        BatchSource train = p.loaded().batches(Split.TRAIN, plan);
        LineExamples lineData = p.loaded().capability(LineExamples.class).orElseThrow();
        assertThat(lineData.trainLines()).hasSize(p.loaded().size(Split.TRAIN)).hasSizeLessThan(70);
        assertThat(streamedLines.trainLines()).containsExactly(lineData.trainLines());
        for (int e = 0; e < 2; e++) {
            assertThat(streamedLines.plan(plan, e)).as("epoch %d", e).usingRecursiveComparison()
                    .isEqualTo(lineData.plan(plan, e));
        }
        // validation batches equal value for value, and the training batches the streamed data reads from the file
        assertSameBatches(streamed.loaded().batches(Split.VALIDATION, BatchPlan.evaluation(10)).batches(0),
                p.loaded().batches(Split.VALIDATION, BatchPlan.evaluation(10)).batches(0));
        assertSameBatches(streamed.loaded().batches(Split.TRAIN, plan).batches(1), train.batches(1));
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

            // the streamed driver's lines train the same weights
            SparkTrainer fromStream = new SparkTrainer(spark, ExperimentRecipe.of(streamed, training, "cpu"), options,
                    p.spec().seed(), p.metrics(), 2, List.of(), 1);
            System.arraycopy(initial, 0, fromStream.network().parameters().values(), 0, initial.length);
            fromStream.readOnExecutors(streamedLines, plan);
            fromStream.fit(streamed.loaded().batches(Split.TRAIN, plan), null);
            float[] c = fromStream.network().parameters().values();
            double maxStreamed = 0;
            for (int i = 0; i < a.length; i++) {
                maxStreamed = Math.max(maxStreamed, Math.abs(a[i] - c[i]));
            }
            System.out.printf(Locale.ROOT, "streamed driver vs driver-shipped: max |dw| = %.3g%n", maxStreamed);
            assertThat(maxStreamed).isLessThan(1e-6);
        } finally {
            spark.stop();
        }
    }
}
