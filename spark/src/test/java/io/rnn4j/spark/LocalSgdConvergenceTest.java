package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.Prepared;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code local_sgd} is not exact but converges: on the forecasting example (air passengers, LSTM 32,
 * Adam) trained for 30 epochs without early stopping, K = 2 workers averaging every 4 steps reach a
 * validation loss within 50% of the single-machine run's and below half of where training started.
 * ({@code sync} is held to the single machine by {@link SyncEquivalenceTest}.)
 */
class LocalSgdConvergenceTest {
    private static final Path FORECASTING = Path.of("../examples/forecasting/experiment.yaml");
    private static final int EPOCHS = 30;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = Spark.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void localSgdOnTwoWorkersConvergesCloseToTheSingleMachineRunOnTheForecastingExample() {
        LayerKindRegistry kinds = LayerKindRegistry.discover(getClass().getClassLoader());
        Prepared p = new ExperimentPreparer(new ExperimentLoader(kinds,
                io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader())), kinds).prepare(FORECASTING, List.of());
        TrainingSpec base = p.spec().training();
        TrainingSpec training = new TrainingSpec(EPOCHS, base.batchSize(), base.optimizer(), base.schedule(),
                base.clipNorm(), base.clipValue(), base.loss(), base.metrics(), null, null, base.bucketByLength(),
                base.shuffle());
        ExperimentRecipe recipe = ExperimentRecipe.of(p, training, "cpu");
        BatchSource train = p.loaded().batches(Split.TRAIN, new BatchPlan(training.batchSize(), training.shuffle(),
                training.bucketByLength(), p.spec().seed()));
        BatchSource validation = p.loaded().batches(Split.VALIDATION, BatchPlan.evaluation(training.batchSize()));

        Network single = recipe.network(1);
        single.initialize(new RandomSource(p.spec().seed()));
        float[] initial = single.parameters().values().clone();
        Trainer t = Trainer.builder(single, training).loss(recipe.loss()).metrics(p.metrics())
                .random(new RandomSource(p.spec().seed()).fork("training")).build();
        double start = t.evaluate(validation).get("loss");
        double singleLoss = t.fit(train, validation).history().get(EPOCHS - 1).metrics().get("val_loss");

        double local = distributed(recipe, p, initial, DistributedSpec.Strategy.LOCAL_SGD, 4, train, validation);

        System.out.printf("forecasting val_loss after %d epochs: start %.5f, single machine %.5f, "
                + "local_sgd K=2 every 4 %.5f%n", EPOCHS, start, singleLoss, local);
        assertThat(local).isLessThan(start * 0.5).isLessThan(singleLoss * 1.5);
    }

    private static double distributed(ExperimentRecipe recipe, Prepared p, float[] initial,
            DistributedSpec.Strategy strategy, int every, BatchSource train, BatchSource validation) {
        SparkTrainer s = new SparkTrainer(spark, recipe, new DistributedSpec(DistributedSpec.Engine.SPARK, null, 2,
                strategy, every), p.spec().seed(), p.metrics(), 2, List.of());
        System.arraycopy(initial, 0, s.network().parameters().values(), 0, initial.length);
        return s.fit(train, validation).history().get(EPOCHS - 1).metrics().get("val_loss");
    }
}
