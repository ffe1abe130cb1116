package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.classifier;
import static io.rnn4j.backend.cpu.train.TrainTesting.separable;
import static io.rnn4j.backend.cpu.train.TrainTesting.shuffled;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.SgdSpec;
import io.rnn4j.core.spec.ExplosionGuardSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainingDivergedException;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceTest {

    /** The separable task, with a NaN input in the second batch of the second epoch (a bad record in the data). */
    private static BatchSource poisoned() {
        BatchSource clean = shuffled(separable(64, 10, false), 3);
        return new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<TrainBatch> b = new ArrayList<>(clean.batches(epoch));
                if (epoch == 1) {
                    TrainBatch t = b.get(1);
                    Tensor x = t.input().values().copy();
                    x.setFlat(0, Float.NaN);
                    b.set(1, TrainBatch.of(new Flow(x, t.input().mask()), t.targets()));
                }
                return b;
            }

            @Override
            public int examples() {
                return clean.examples();
            }
        };
    }

    @Test
    void aNanLossStopsTrainingWithTheWeightsOfTheLastCompletedEpoch() {
        Network net = classifier(1, 8);
        List<float[]> weightsAfter = new ArrayList<>();
        List<TrainingResult> ends = new ArrayList<>();
        List<TrainingDivergedException> diverged = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                weightsAfter.add(net.parameters().values().clone());
            }

            @Override
            public void onTrainingEnd(TrainingResult r) {
                ends.add(r);
            }

            @Override
            public void onTrainingDiverged(TrainingDivergedException d) {
                diverged.add(d);
            }
        };
        Trainer trainer = Trainer.builder(net, spec(5, AdamSpec.of(0.05), null, null, null, null))
                .loss(LossKind.CROSS_ENTROPY).random(new RandomSource(2)).listener(listener).build();

        TrainingDivergedException e = catchThrowableOfType(() -> trainer.fit(poisoned(), null),
                TrainingDivergedException.class);

        assertThat(e).hasMessage("RNN4J-TRAIN-002: training diverged in epoch 2, step 6 (batch 2 of 4): the loss is "
                + "NaN, at learning rate 0.05 with gradient clipping off. Likely causes: a learning rate too high for this "
                + "model (try 10 times lower: training.optimizer.adam.lr), or exploding gradients without clipping (set "
                + "training.clip_norm, e.g. 1.0), or NaN or infinite values in the inputs or targets. The weights and the "
                + "trainer state were restored to those after epoch 1, the last completed epoch.");
        assertThat(e.id()).isEqualTo("RNN4J-TRAIN-002");
        assertThat(e.epoch()).isEqualTo(2);
        assertThat(e.step()).isEqualTo(6);
        assertThat(e.loss()).isNaN();
        assertThat(e.learningRate()).isEqualTo(0.05);
        assertThat(e.lastGoodEpoch()).isEqualTo(1);
        assertThat(net.parameters().values()).containsExactly(weightsAfter.get(0));
        assertThat(trainer.state()).isEqualTo(e.lastGoodState());
        assertThat(trainer.state().globalStep()).isEqualTo(4);
        // issue 10: the message was given three times (log, onTrainingEnd's reason, the error); listeners now hear
        // onTrainingDiverged with the error itself, and the trainer does not log it
        assertThat(ends).isEmpty();
        assertThat(diverged).containsExactly(e);
        assertThat(e.bestEpoch()).isEqualTo(1);
        assertThat(e.bestWeights()).hasValueSatisfying(w -> assertThat(w).containsExactly(weightsAfter.get(0)));
    }

    /**
     * Issue 10 point 3: after a divergence the model must be the best epoch's weights, not the last completed
     * epoch's. Validation here gets worse after epoch 1 (its targets flip), and epoch 3 meets a NaN.
     */
    @Test
    void aDivergenceCarriesTheBestEpochsWeightsBesidesTheLastGoodState() {
        Network net = classifier(1, 8);
        List<float[]> weightsAfter = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                weightsAfter.add(net.parameters().values().clone());
            }
        };
        BatchSource clean = shuffled(separable(64, 10, false), 3);
        BatchSource train = new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<TrainBatch> b = new ArrayList<>(clean.batches(epoch));
                if (epoch == 2) { // the third epoch
                    TrainBatch t = b.get(1);
                    Tensor x = t.input().values().copy();
                    x.setFlat(0, Float.NaN);
                    b.set(1, TrainBatch.of(new Flow(x, t.input().mask()), t.targets()));
                }
                return b;
            }

            @Override
            public int examples() {
                return clean.examples();
            }
        };
        List<TrainBatch> right = TrainTesting.fixed(separable(32, 11, false)).batches(0);
        List<TrainBatch> wrong = TrainTesting.fixed(separable(32, 11, true)).batches(0);
        int[] calls = {0};
        BatchSource validation = new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                return calls[0]++ == 0 ? right : wrong; // after epoch 1 the validation labels flip: epoch 1 stays best
            }

            @Override
            public int examples() {
                return 32;
            }
        };
        Trainer trainer = Trainer.builder(net, spec(5, AdamSpec.of(0.05), null, null, null, null))
                .loss(LossKind.CROSS_ENTROPY).random(new RandomSource(2)).listener(listener).build();

        TrainingDivergedException e = catchThrowableOfType(() -> trainer.fit(train, validation),
                TrainingDivergedException.class);

        assertThat(e.epoch()).isEqualTo(3);
        assertThat(e.lastGoodEpoch()).isEqualTo(2);
        assertThat(net.parameters().values()).containsExactly(weightsAfter.get(1));
        assertThat(e.monitor()).isEqualTo("val_loss");
        assertThat(e.bestEpoch()).isEqualTo(1);
        assertThat(e.bestWeights()).hasValueSatisfying(w -> assertThat(w).containsExactly(weightsAfter.get(0)));
        assertThat(weightsAfter.get(0)).isNotEqualTo(weightsAfter.get(1));
    }

    /** Issue 10 point 3: Adam at lr 1e6 kept a loss near 1e14 for 20 epochs without a word. */
    @Test
    void theExplosionGuardStopsAFiniteButExplodingLossBeforeItReachesInfinity() {
        List<Double> losses = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                losses.add(loss);
            }
        };
        Network net = TrainTesting.network(ValueType.sequence(2),
                List.of(TrainTesting.layer("lstm", TrainTesting.lstm(4, 1, false, 0f, 0f, false), 0)),
                TrainTesting.head("many_to_one", new ManyToOneSpec(Pooling.LAST, null, 1)), 1);
        List<TrainBatch> batches = new ArrayList<>();
        for (TrainBatch b : TrainTesting.fixed(separable(64, 10, false)).batches(0)) {
            Tensor y = Tensor.zeros(b.size(), 1);
            y.fill(1f);
            batches.add(TrainBatch.of(b.input(), y));
        }
        TrainingSpec guarded = spec(30, AdamSpec.of(1e6), null, null, null, null)
                .withExplosionGuard(new ExplosionGuardSpec(1e4, null, 5, ExplosionGuardSpec.Action.STOP));
        Trainer trainer = Trainer.builder(net, guarded).loss(LossKind.MSE).random(new RandomSource(2)).build();

        TrainingDivergedException e = catchThrowableOfType(() -> trainer.fit(BatchSource.of(batches), null),
                TrainingDivergedException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("has stayed above 10000 times its lowest smoothed value",
                "for 5 steps (training.explosion_guard)", "at learning rate 1000000.0");
        assertThat(e.loss()).isFinite();

        // the same run without the guard trains every epoch at an absurd but finite loss: what went unflagged
        Network again = TrainTesting.network(ValueType.sequence(2),
                List.of(TrainTesting.layer("lstm", TrainTesting.lstm(4, 1, false, 0f, 0f, false), 0)),
                TrainTesting.head("many_to_one", new ManyToOneSpec(Pooling.LAST, null, 1)), 1);
        TrainingSpec off = guarded.withExplosionGuard(new ExplosionGuardSpec(1e4, null, 5, ExplosionGuardSpec.Action.OFF));
        Trainer unguarded = Trainer.builder(again, off).loss(LossKind.MSE).random(new RandomSource(2)).listener(listener)
                .build();
        TrainingResult r = unguarded.fit(BatchSource.of(batches), null);
        assertThat(r.history()).hasSize(30);
        assertThat(losses.get(losses.size() - 1)).isFinite().isGreaterThan(1e4 * losses.get(0));
    }

    @Test
    void aHugeLearningRateDivergesAndIsReportedWithTheClippingSetting() {
        // regression with large targets: plain SGD at lr 1000 multiplies the error by about -2000 per step
        Network net = TrainTesting.network(ValueType.sequence(2),
                List.of(TrainTesting.layer("lstm", TrainTesting.lstm(4, 1, false, 0f, 0f, false), 0)),
                TrainTesting.head("many_to_one", new ManyToOneSpec(Pooling.LAST, null, 1)), 1);
        List<TrainBatch> batches = new ArrayList<>();
        for (TrainBatch b : TrainTesting.fixed(separable(64, 10, false)).batches(0)) {
            Tensor y = Tensor.zeros(b.size(), 1);
            y.fill(10f);
            batches.add(TrainBatch.of(b.input(), y));
        }
        Trainer trainer = Trainer.builder(net, spec(50, SgdSpec.of(1000), null, 1e30, null, null)).loss(LossKind.MSE)
                .random(new RandomSource(2)).build();

        TrainingDivergedException e = catchThrowableOfType(() -> trainer.fit(BatchSource.of(batches), null),
                TrainingDivergedException.class);

        assertThat(e.getMessage()).startsWith("RNN4J-TRAIN-002: training diverged in epoch ")
                .contains("at learning rate 1000.0 with gradient clipping on (clip_value 1.0E30). Likely causes: a "
                        + "learning rate too high for this model (try 10 times lower: training.optimizer.sgd.lr), or NaN "
                        + "or infinite values in the inputs or targets.");
        for (float v : net.parameters().values()) {
            assertThat(v).isFinite();
        }
    }
}
