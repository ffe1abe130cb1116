package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.classifier;
import static io.rnn4j.backend.cpu.train.TrainTesting.fixed;
import static io.rnn4j.backend.cpu.train.TrainTesting.separable;
import static io.rnn4j.backend.cpu.train.TrainTesting.shuffled;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.optim.PlateauMode;
import io.rnn4j.core.spec.EarlyStoppingSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation data whose labels are the opposite of the training data's: the better the model learns,
 * the worse its validation loss, so the best epoch is known to be an early one.
 */
class EarlyStoppingTest {
    private static final BatchSource TRAIN = shuffled(separable(96, 10, false), 3);
    private static final BatchSource CONTRARY = fixed(separable(32, 11, true));

    private static Trainer trainer(Network net, TrainingSpec spec, List<MetricKind> metrics, TrainingListener... ls) {
        return Trainer.builder(net, spec).loss(LossKind.CROSS_ENTROPY).metrics(metrics).random(new RandomSource(2))
                .listeners(List.of(ls)).build();
    }

    @Test
    void stopsWhenValidationLossStopsImprovingAndRestoresTheBestWeights() {
        Network net = classifier(1, 8);
        History history = new History();
        List<float[]> weightsAfter = new ArrayList<>();
        TrainingListener snapshots = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                weightsAfter.add(net.parameters().values().clone());
            }
        };
        EarlyStoppingSpec es = new EarlyStoppingSpec("val_loss", 2, 0, EarlyStoppingSpec.Mode.AUTO, true);
        Trainer trainer = trainer(net, spec(20, AdamSpec.of(0.05), null, null, es, null), List.of(), history, snapshots);

        TrainingResult result = trainer.fit(TRAIN, CONTRARY);

        List<Double> val = history.values("val_loss");
        int best = 0;
        for (int i = 1; i < val.size(); i++) {
            best = val.get(i) < val.get(best) ? i : best;
        }
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.history()).hasSize(best + 1 + 2); // patience 2 after the best epoch
        assertThat(result.bestEpoch()).isEqualTo(best + 1);
        assertThat(result.bestValue()).isEqualTo(val.get(best));
        assertThat(result.reason()).isEqualTo("early stopping: val_loss did not improve by more than 0.0 for 2 epochs "
                + "(patience 2); best " + val.get(best) + " at epoch " + (best + 1) + "; restored the weights of epoch "
                + (best + 1) + " (val_loss " + val.get(best) + ")");
        assertThat(net.parameters().values()).containsExactly(weightsAfter.get(best));
        assertThat(net.parameters().values()).isNotEqualTo(weightsAfter.get(weightsAfter.size() - 1));
        assertThat(trainer.evaluate(CONTRARY).get("loss")).isEqualTo(val.get(best));
    }

    @Test
    void withoutRestoreBestTheLastWeightsStay() {
        Network net = classifier(1, 8);
        List<float[]> weightsAfter = new ArrayList<>();
        TrainingListener snapshots = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                weightsAfter.add(net.parameters().values().clone());
            }
        };
        EarlyStoppingSpec es = new EarlyStoppingSpec("val_loss", 2, 0, EarlyStoppingSpec.Mode.AUTO, false);

        TrainingResult result = trainer(net, spec(20, AdamSpec.of(0.05), null, null, es, null), List.of(), snapshots)
                .fit(TRAIN, CONTRARY);

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.reason()).doesNotContain("restored");
        assertThat(net.parameters().values()).containsExactly(weightsAfter.get(weightsAfter.size() - 1));
    }

    @Test
    void scoresAreMaximisedInAutoModeAndMinDeltaSetsTheBar() {
        History history = new History();
        // an improvement must exceed 0.5 in accuracy: impossible after the first epoch
        EarlyStoppingSpec es = new EarlyStoppingSpec("val_accuracy", 1, 0.5, EarlyStoppingSpec.Mode.AUTO, true);

        TrainingResult result = trainer(classifier(1, 8), spec(20, AdamSpec.of(0.05), null, null, es, null),
                List.of(MetricKind.ACCURACY), history).fit(TRAIN, fixed(separable(32, 11, false)));

        assertThat(result.history()).hasSize(2);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(result.bestValue()).isEqualTo(history.values("val_accuracy").get(0));
        assertThat(result.reason()).startsWith("early stopping: val_accuracy did not improve by more than 0.5 for 1 epoch");
    }

    @Test
    void reduceOnPlateauIsFedTheMonitoredValue() {
        History history = new History();
        LrSchedule plateau = new LrSchedule.ReduceOnPlateau(PlateauMode.MIN, 0.1, 0, 1e-4,
                io.rnn4j.core.optim.ThresholdMode.REL, 0, 0, 1e-8);

        trainer(classifier(1, 8), spec(3, AdamSpec.of(0.05), plateau, null, null, null, null), List.of(), history)
                .fit(TRAIN, CONTRARY);

        // epoch 1 sets the best val_loss; epoch 2 is worse (the labels are contrary), so epoch 3 runs at lr * 0.1
        assertThat(history.values("val_loss").get(1)).isGreaterThan(history.values("val_loss").get(0));
        assertThat(history.values("lr")).containsExactly(0.05, 0.05, 0.05 * 0.1);
    }

    @Test
    void aMonitorThatIsNotMeasuredFailsBeforeTraining() {
        EarlyStoppingSpec f1 = new EarlyStoppingSpec("val_f1", 2, 0, EarlyStoppingSpec.Mode.AUTO, true);
        EarlyStoppingSpec typo = new EarlyStoppingSpec("val_acuracy", 2, 0, EarlyStoppingSpec.Mode.AUTO, true);
        EarlyStoppingSpec val = new EarlyStoppingSpec("val_loss", 2, 0, EarlyStoppingSpec.Mode.AUTO, true);
        Network net = classifier(1, 4);
        float[] before = net.parameters().values().clone();

        assertThatThrownBy(() -> trainer(net, spec(2, AdamSpec.of(0.05), null, null, f1, null),
                List.of(MetricKind.ACCURACY)).fit(TRAIN, CONTRARY))
                .hasMessage("RNN4J-TRAIN-003: training.early_stopping.monitor is 'val_f1', but the metric 'f1' is not "
                        + "computed (training.metrics is [accuracy]); add it to training.metrics or monitor one of loss, "
                        + "val_loss, accuracy, val_accuracy");
        assertThatThrownBy(() -> trainer(net, spec(2, AdamSpec.of(0.05), null, null, typo, null),
                List.of(MetricKind.ACCURACY)).fit(TRAIN, CONTRARY))
                .hasMessage("RNN4J-TRAIN-003: training.early_stopping.monitor is 'val_acuracy', but that is not a "
                        + "quantity the trainer measures; use one of loss, val_loss, accuracy, val_accuracy");
        assertThatThrownBy(() -> trainer(net, spec(2, AdamSpec.of(0.05), null, null, val, null), List.of())
                .fit(TRAIN, null))
                .hasMessage("RNN4J-TRAIN-003: training.early_stopping.monitor is 'val_loss', which is measured on "
                        + "validation data, but training was given none; hold out validation data (data.validation) or "
                        + "monitor 'loss' (measured on the training data)");
        assertThat(net.parameters().values()).containsExactly(before);
    }
}
