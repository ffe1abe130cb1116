package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spec.DistributedSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainingResult;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code strategy: sync} equals the single-JVM trainer: K = 1, 2 and 4 workers on {@code local[2]}, 20
 * steps (2 epochs of 10 masked batches of 8, the last of 6, reshuffled each epoch, clip_norm 1), SGD and
 * Adam, an LSTM classifier and a GRU tagger; the same weights to 1e-5, and the same run twice gives the
 * same weights bit for bit.
 */
class SyncEquivalenceTest {
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = Spark.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The classes of a model's outputs: 3 for the classifier, 2 per step for the tagger. */
    private static int classes(Models.Kind kind) {
        return kind == Models.Kind.LSTM_CLASSIFIER ? 3 : 2;
    }

    private static TrainingResult singleMachine(Models.Recipe recipe, BatchSource data, float[] weights) {
        Network net = recipe.network(1);
        Trainer t = Trainer.builder(net, recipe.training()).loss(recipe.loss()).metrics(List.of(MetricKind.ACCURACY))
                .classes(classes(recipe.kind())).random(new RandomSource(7)).build();
        TrainingResult r = t.fit(data, null);
        assertThat(t.state().globalStep()).isEqualTo(20);
        assertThat(r.history()).hasSize(2);
        System.arraycopy(net.parameters().values(), 0, weights, 0, weights.length);
        return r;
    }

    private static SparkTrainer distributed(Models.Recipe recipe, BatchSource data, int workers) {
        SparkTrainer t = new SparkTrainer(spark, recipe, new DistributedSpec(DistributedSpec.Engine.SPARK, null, workers,
                DistributedSpec.Strategy.SYNC, 1), 7, List.of(MetricKind.ACCURACY), classes(recipe.kind()), List.of());
        last = t.fit(data, null);
        return t;
    }

    private static TrainingResult last;

    @ParameterizedTest(name = "{0}, adam={1}")
    @CsvSource({"LSTM_CLASSIFIER, false", "LSTM_CLASSIFIER, true", "GRU_TAGGER, false", "GRU_TAGGER, true"})
    void syncOnOneTwoAndFourWorkersGivesTheSingleMachineWeightsAfterTwentySteps(Models.Kind kind, boolean adam) {
        Models.Recipe recipe = new Models.Recipe(kind, adam, 2, 11);
        BatchSource data = Models.data(kind, 78, 5);
        float[] initial = recipe.network(1).parameters().values().clone();
        float[] expected = new float[initial.length];
        TrainingResult local = singleMachine(recipe, data, expected);
        assertThat(maxAbsDiff(expected, initial)).as("training moved the weights").isGreaterThan(1e-2);

        for (int k : new int[] {1, 2, 4}) {
            SparkTrainer t = distributed(recipe, data, k);
            float[] got = t.network().parameters().values();
            assertThat(maxAbsDiff(got, expected)).as("K = %d", k).isLessThan(1e-5);
            if (k == 1) { // one shard is the whole batch: gradient * count / count is the gradient, exactly
                assertThat(got).as("K = 1").containsExactly(expected);
            }
            assertThat(t.state().globalStep()).isEqualTo(20);
            assertThat(t.stats().jobs()).isEqualTo(20);
            // the training accuracy added up from the workers' confusion matrices: the single machine's counts
            for (int e = 0; e < 2; e++) {
                assertThat(last.history().get(e).metrics().get("accuracy")).as("K = %d, epoch %d accuracy", k, e + 1)
                        .isEqualTo(local.history().get(e).metrics().get("accuracy"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LSTM_CLASSIFIER", "GRU_TAGGER"})
    void theSameSeedGivesTheSameWeightsRunAfterRun(Models.Kind kind) {
        Models.Recipe recipe = new Models.Recipe(kind, true, 2, 11);
        BatchSource data = Models.data(kind, 78, 5);

        float[] a = distributed(recipe, data, 2).network().parameters().values();
        float[] b = distributed(recipe, data, 2).network().parameters().values();

        assertThat(a).containsExactly(b);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
