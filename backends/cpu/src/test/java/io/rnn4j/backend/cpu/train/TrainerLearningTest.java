package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.classifier;
import static io.rnn4j.backend.cpu.train.TrainTesting.fixed;
import static io.rnn4j.backend.cpu.train.TrainTesting.separable;
import static io.rnn4j.backend.cpu.train.TrainTesting.shuffled;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerLearningTest {

    @Test
    void aTinyLstmClassifierLearnsASeparableTaskWithinAFewEpochs() {
        Network net = classifier(1, 8);
        History history = new History();
        Trainer trainer = new Trainer(net, spec(6, AdamSpec.of(0.05), null, null, null, null), LossKind.CROSS_ENTROPY,
                List.of(MetricKind.ACCURACY), 2, new RandomSource(2), List.of(history));
        BatchSource validation = fixed(separable(64, 11, false));

        TrainingResult result = trainer.fit(shuffled(separable(160, 10, false), 3), validation);

        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.reason()).isEqualTo("completed 6 epochs");
        assertThat(result.history()).hasSize(6);
        assertThat(history.values("val_accuracy").get(5)).as("validation accuracy after 6 epochs").isGreaterThan(0.9);
        assertThat(history.values("loss").get(5)).isLessThan(0.5 * history.values("loss").get(0));
        Map<String, Double> eval = trainer.evaluate(validation);
        assertThat(eval.keySet()).containsExactly("loss", "accuracy");
        assertThat(eval.get("accuracy")).isGreaterThan(0.9);
        // evaluate after training measures exactly what the last epoch's validation did (same weights, same passes)
        assertThat(eval.get("loss")).isEqualTo(history.values("val_loss").get(5));
        assertThat(result.bestEpoch()).isEqualTo(argmin(history.values("val_loss")) + 1);
    }

    private static int argmin(List<Double> v) {
        int best = 0;
        for (int i = 1; i < v.size(); i++) {
            if (v.get(i) < v.get(best)) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void listenersSeeEveryBatchAndEpochInOrder() {
        List<String> events = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onTrainingStart(int firstEpoch, int epochs, int trainingExamples) {
                events.add("start " + firstEpoch + "/" + epochs + " " + trainingExamples);
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                assertThat(loss).isFinite().isPositive();
                assertThat(examplesPerSecond).isPositive();
                events.add("batch " + epoch + "." + batch + "/" + batches);
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                events.add("epoch " + result.epoch() + " " + result.metrics().keySet() + " lr " + result.lr());
            }

            @Override
            public void onTrainingEnd(TrainingResult result) {
                events.add("end " + result.reason());
            }
        };
        Trainer trainer = Trainer.builder(classifier(1, 4), spec(2, AdamSpec.of(0.01), null, null, null, null))
                .loss(LossKind.CROSS_ENTROPY).metrics(List.of(MetricKind.ACCURACY, MetricKind.F1))
                .random(new RandomSource(2)).listener(recorder).build();

        trainer.fit(fixed(separable(40, 10, false)), fixed(separable(16, 11, false)));

        assertThat(events).containsExactly("start 1/2 40", "batch 1.1/3", "batch 1.2/3", "batch 1.3/3",
                "epoch 1 [val_loss, accuracy, val_accuracy, f1, val_f1] lr 0.01", "batch 2.1/3", "batch 2.2/3",
                "batch 2.3/3", "epoch 2 [val_loss, accuracy, val_accuracy, f1, val_f1] lr 0.01",
                "end completed 2 epochs");
    }

    @Test
    void historyWritesCsvWithEveryColumn(@TempDir Path dir) throws Exception {
        History history = new History();
        Trainer trainer = new Trainer(classifier(1, 4), spec(2, AdamSpec.of(0.01), null, null, null, null),
                LossKind.CROSS_ENTROPY, List.of(MetricKind.ACCURACY), 2, new RandomSource(2), List.of(history));
        trainer.fit(fixed(separable(32, 10, false)), fixed(separable(16, 11, false)));

        Path csv = dir.resolve("history.csv");
        history.writeCsv(csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,loss,val_loss,accuracy,val_accuracy,lr");
        EpochResult e2 = history.epochs().get(1);
        assertThat(lines.get(2)).isEqualTo("2," + e2.trainLoss() + "," + e2.metrics().get("val_loss") + ","
                + e2.metrics().get("accuracy") + "," + e2.metrics().get("val_accuracy") + ",0.01");
        String[] cells = lines.get(1).split(",");
        assertThat(Double.parseDouble(cells[1])).as("loss reads back exactly").isEqualTo(history.epochs().get(0).trainLoss());
    }

    @Test
    void withoutValidationOnlyTrainingValuesAreReported() {
        History history = new History();
        Trainer trainer = new Trainer(classifier(1, 4), spec(1, AdamSpec.of(0.01), null, null, null, null),
                LossKind.CROSS_ENTROPY, List.of(MetricKind.ACCURACY), 2, new RandomSource(2), List.of(history));

        TrainingResult r = trainer.fit(fixed(separable(32, 10, false)), null);

        assertThat(history.epochs().get(0).metrics().keySet()).containsExactly("accuracy");
        assertThat(history.toCsv()).startsWith("epoch,loss,accuracy,lr\n");
        assertThat(r.bestEpoch()).isEqualTo(1);
        assertThat(r.bestValue()).isEqualTo(history.values("loss").get(0));
    }

    @Test
    void aBatchWhoseTargetsDoNotFitTheHeadNamesTheBatch() {
        Trainer trainer = new Trainer(classifier(1, 4), spec(1, AdamSpec.of(0.01), null, null, null, null),
                LossKind.CROSS_ENTROPY, List.of(), 2, new RandomSource(2), List.of());
        TrainBatch good = TrainTesting.classBatch(separable(4, 1, false));
        TrainBatch bad = TrainBatch.of(good.input(), Tensor.of(new float[] {0, 1, 5, 0}, 4));

        assertThatThrownBy(() -> trainer.fit(BatchSource.of(List.of(good, bad)), null))
                .hasMessage("RNN4J-TRAIN-005: epoch 1, batch 2 of 2: the targets [4] do not fit the model's output [4, 2]: "
                        + "cross_entropy: target at batch 2 is 5.0 but class indices must be integers in 0..1 (the "
                        + "predictions have 2 classes). Targets must be class indices [batch] or [batch, time] for "
                        + "classes, or values of the output's shape for regression; check that the head (classes or "
                        + "outputs) matches the data.");
    }

    @Test
    void noBatchesIsAnError() {
        Trainer trainer = new Trainer(classifier(1, 4), spec(1, AdamSpec.of(0.01), null, null, null, null),
                LossKind.CROSS_ENTROPY, List.of(), 2, new RandomSource(2), List.of());

        assertThatThrownBy(() -> trainer.fit(BatchSource.of(List.of()), null)).hasMessage("RNN4J-TRAIN-005: the "
                + "training data gave no batches for epoch 1; check that the training split is not empty (data.train, "
                + "data.validation)");
    }

    @Test
    void batchesMustAgreeOnTheirSize() {
        Flow in = Flow.sequences(Tensor.zeros(2, 3, 2));

        assertThatThrownBy(() -> TrainBatch.of(in, Tensor.zeros(3)))
                .hasMessage("targets [3] do not have the batch size 2 as their first axis");
        assertThatThrownBy(() -> new TrainBatch(in, null, Tensor.zeros(2), null, 3))
                .hasMessage("batch size 3 does not match the input's batch axis [2, 3, 2]");
    }
}
