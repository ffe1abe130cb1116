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
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                weightsAfter.add(net.parameters().values().clone());
            }

            @Override
            public void onTrainingEnd(TrainingResult r) {
                ends.add(r);
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
                + "trainer state were restored to those after epoch 1, the last completed epoch, so they can still be "
                + "saved (the network's parameters with TrainingDivergedException.lastGoodState()).");
        assertThat(e.id()).isEqualTo("RNN4J-TRAIN-002");
        assertThat(e.epoch()).isEqualTo(2);
        assertThat(e.step()).isEqualTo(6);
        assertThat(e.loss()).isNaN();
        assertThat(e.learningRate()).isEqualTo(0.05);
        assertThat(e.lastGoodEpoch()).isEqualTo(1);
        assertThat(net.parameters().values()).containsExactly(weightsAfter.get(0));
        assertThat(trainer.state()).isEqualTo(e.lastGoodState());
        assertThat(trainer.state().globalStep()).isEqualTo(4);
        assertThat(ends).singleElement().satisfies(r -> {
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.reason()).isEqualTo(e.getMessage().substring("RNN4J-TRAIN-002: ".length()));
        });
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
