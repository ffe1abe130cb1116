package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.Prepared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local_sgd} converges on the sentiment example too (issue 12): the fine-food reviews of
 * {@code examples/sentiment} (the first 1,200 training rows, to stay fast), its tokenizer settings, a smaller
 * embedding + GRU + max-pooling classifier, Adam; 6 epochs on one machine and with {@code local_sgd} on
 * K = 2 workers averaging every 4 steps from the same initial weights. {@code local_sgd} is not exact: it is
 * held to a validation loss within 10% of the single machine's and clearly below the untrained model's,
 * and to a validation accuracy within 5 points of the single machine's.
 */
class LocalSgdSentimentTest {
    private static final int EPOCHS = 6;

    @Test
    void localSgdOnTwoWorkersConvergesCloseToTheSingleMachineRunOnTheSentimentExample(@TempDir Path dir)
            throws Exception {
        List<String> rows = Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("train.csv"), rows.subList(0, 1201), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("experiment.yaml"), """
                version: 1
                name: sentiment-local-sgd
                seed: 42
                data:
                  type: text_classification
                  train: train.csv
                  text: review
                  label: score
                  tokenizer: {type: word, lowercase: true, max_vocab: 8000, min_freq: 2}
                  max_length: 60
                  validation: 0.15
                model:
                  layers:
                    - embedding: {dim: 16}
                    - gru: {units: 16, return_sequences: true}
                  head:
                    many_to_one: {pooling: max, classes: 2}
                training:
                  epochs: %d
                  batch_size: 32
                  optimizer: {adam: {lr: 5.0e-3}}
                  clip_norm: 5.0
                  bucket_by_length: true
                """.formatted(EPOCHS), StandardCharsets.UTF_8);
        ClassLoader cl = getClass().getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        Prepared p = new ExperimentPreparer(new ExperimentLoader(kinds, io.rnn4j.core.data.DataKindRegistry.discover(cl)),
                kinds).prepare(dir.resolve("experiment.yaml"), List.of());
        TrainingSpec training = p.spec().training();
        ExperimentRecipe recipe = ExperimentRecipe.of(p, training, "cpu");
        BatchSource train = p.loaded().batches(Split.TRAIN, new BatchPlan(training.batchSize(), training.shuffle(),
                training.bucketByLength(), p.spec().seed()));
        BatchSource validation = p.loaded().batches(Split.VALIDATION, BatchPlan.evaluation(training.batchSize()));

        Network single = recipe.network(1);
        single.initialize(new RandomSource(p.spec().seed()));
        float[] initial = single.parameters().values().clone();
        Trainer t = Trainer.builder(single, training).loss(recipe.loss()).metrics(p.metrics())
                .classes(p.facts().classes()).random(new RandomSource(p.spec().seed()).fork("training")).build();
        double start = t.evaluate(validation).get("loss");
        Map<String, Double> one = last(t.fit(train, validation).history());

        Map<String, Double> local;
        JavaSparkContext spark = Spark.local();
        try {
            SparkTrainer s = new SparkTrainer(spark, recipe, new DistributedSpec(DistributedSpec.Engine.SPARK, null, 2,
                    DistributedSpec.Strategy.LOCAL_SGD, 4), p.spec().seed(), p.metrics(), p.facts().classes(), List.of());
            System.arraycopy(initial, 0, s.network().parameters().values(), 0, initial.length);
            local = last(s.fit(train, validation).history());
        } finally {
            spark.stop();
        }
        System.out.printf("sentiment (1,200 reviews) after %d epochs: val_loss start %.4f, single machine %.4f, "
                + "local_sgd K=2 every 4 %.4f; val_accuracy single %.4f, local_sgd %.4f%n", EPOCHS, start,
                one.get("val_loss"), local.get("val_loss"), one.get("val_accuracy"), local.get("val_accuracy"));
        assertThat(one.get("val_loss")).as("the single machine learns").isLessThan(start * 0.9);
        assertThat(local.get("val_loss")).isLessThan(start * 0.9).isLessThan(one.get("val_loss") * 1.10);
        assertThat(local.get("val_accuracy")).isGreaterThan(one.get("val_accuracy") - 0.05);
    }

    private static Map<String, Double> last(List<EpochResult> history) {
        assertThat(history).hasSize(EPOCHS);
        return history.get(EPOCHS - 1).metrics();
    }
}
