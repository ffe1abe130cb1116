package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.dropoutClassifier;
import static io.rnn4j.backend.cpu.train.TrainTesting.fixed;
import static io.rnn4j.backend.cpu.train.TrainTesting.separable;
import static io.rnn4j.backend.cpu.train.TrainTesting.shuffled;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.archive.ArchiveContents;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.optim.SgdSpec;
import io.rnn4j.core.spec.EarlyStoppingSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.core.train.TrainerState;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.core.train.TrainingResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and backend give the same run; a run resumed from a checkpoint continues it exactly. */
class TrainerResumeTest {
    private static final BatchSource TRAIN = shuffled(separable(96, 10, false), 3);
    private static final BatchSource VALIDATION = fixed(separable(32, 11, false));

    /** Adam (moments), a step schedule (scheduler state), dropout (random state), early stopping (counters, best weights). */
    private static TrainingSpec spec(int epochs) {
        return TrainTesting.spec(epochs, AdamSpec.of(0.02), LrSchedule.step(2, 0.5), 5.0, null,
                new EarlyStoppingSpec("val_loss", 100, 0, EarlyStoppingSpec.Mode.AUTO, true), null);
    }

    private static Trainer trainer(Network net, TrainingSpec spec, long seed, TrainingListener... listeners) {
        return Trainer.builder(net, spec).loss(LossKind.CROSS_ENTROPY).metrics(List.of(MetricKind.ACCURACY))
                .random(new RandomSource(seed)).listeners(List.of(listeners)).build();
    }

    @Test
    void twoRunsWithTheSameSeedGiveTheSameLossCurveBitForBit() {
        History a = new History();
        History b = new History();
        Network netA = dropoutClassifier(5);
        Network netB = dropoutClassifier(5);

        trainer(netA, spec(4), 9, a).fit(TRAIN, VALIDATION);
        trainer(netB, spec(4), 9, b).fit(TRAIN, VALIDATION);

        assertThat(a.values("loss")).containsExactlyElementsOf(b.values("loss"));
        assertThat(a.values("val_loss")).containsExactlyElementsOf(b.values("val_loss"));
        assertThat(a.values("accuracy")).containsExactlyElementsOf(b.values("accuracy"));
        assertThat(netA.parameters().values()).containsExactly(netB.parameters().values());
        // and the random source matters: another dropout seed gives another curve
        History c = new History();
        trainer(dropoutClassifier(5), spec(4), 10, c).fit(TRAIN, VALIDATION);
        assertThat(c.values("loss")).isNotEqualTo(a.values("loss"));
    }

    @Test
    void resumingFromTheCheckpointOfEpochThreeReproducesTheUninterruptedRunExactly(@TempDir Path dir) {
        Path checkpoint = dir.resolve("epoch3.rnn4j");
        History full = new History();
        Network netA = dropoutClassifier(5);
        Trainer[] a = new Trainer[1];
        TrainingListener checkpointer = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                if (r.epoch() == 3) {
                    ModelArchive.write(checkpoint, ArchiveContents.builder().experimentYaml("name: resume-test\n")
                            .weights(netA.parameters()).trainerState(a[0].state()).backend("cpu").build());
                }
            }
        };
        a[0] = trainer(netA, spec(6), 9, full, checkpointer);
        TrainingResult uninterrupted = a[0].fit(TRAIN, VALIDATION);

        // another process: other initial weights and another random seed, both replaced by the checkpoint
        ModelArchive archive = ModelArchive.read(checkpoint);
        Network netB = dropoutClassifier(77);
        archive.weights().loadInto(netB.parameters());
        History resumed = new History();
        Trainer b = trainer(netB, spec(6), 12345, resumed);
        b.restore(archive.trainerState().orElseThrow());
        TrainingResult continued = b.fit(TRAIN, VALIDATION);

        assertThat(resumed.epochs()).extracting(EpochResult::epoch).containsExactly(4, 5, 6);
        assertThat(resumed.values("loss")).containsExactlyElementsOf(full.values("loss").subList(3, 6));
        assertThat(resumed.values("val_loss")).containsExactlyElementsOf(full.values("val_loss").subList(3, 6));
        assertThat(resumed.values("lr")).containsExactlyElementsOf(full.values("lr").subList(3, 6));
        assertThat(netB.parameters().values()).containsExactly(netA.parameters().values());
        assertThat(continued.history()).extracting(EpochResult::trainLoss)
                .containsExactlyElementsOf(uninterrupted.history().stream().map(EpochResult::trainLoss).toList());
        assertThat(continued.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(b.state().globalStep()).isEqualTo(a[0].state().globalStep()).isEqualTo(6 * 6);
    }

    @Test
    void trainerStateRoundTripsThroughItsBinaryForm() throws IOException {
        Network net = dropoutClassifier(5);
        Trainer t = trainer(net, spec(2), 9);
        t.fit(TRAIN, VALIDATION);
        TrainerState s = t.state();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        TrainerState read = TrainerState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(s);
        assertThat(read.epoch()).isEqualTo(2);
        assertThat(read.bestWeights()).hasSize(net.parameters().count());
        assertThat(read.history()).hasSize(2);
        assertThat(read.optimizer().step()).isEqualTo(12);
        byte[] b = bytes.toByteArray();
        b[3] = 0;
        assertThatThrownBy(() -> TrainerState.readFrom(new DataInputStream(new ByteArrayInputStream(b))))
                .hasMessage("not an rnn4j trainer state (magic 524e5400, expected 524e5453)");
    }

    @Test
    void aStateFromAnotherModelOrOptimizerIsRefused() {
        Trainer small = trainer(TrainTesting.classifier(1, 4), spec(1), 9);
        small.fit(TRAIN, VALIDATION);
        TrainerState state = small.state();

        Trainer big = trainer(TrainTesting.classifier(1, 8), spec(1), 9);
        assertThatThrownBy(() -> big.restore(state)).hasMessage("RNN4J-TRAIN-004: the trainer state's optimizer covers "
                + TrainTesting.classifier(1, 4).parameters().count() + " parameters but this model has "
                + TrainTesting.classifier(1, 8).parameters().count() + "; resume with the model (experiment.yaml) the "
                + "state was saved with");
        Trainer sgd = Trainer.builder(TrainTesting.classifier(1, 4), TrainTesting.spec(1, SgdSpec.of(0.1), null, null,
                null, null)).loss(LossKind.CROSS_ENTROPY).random(new RandomSource(1)).build();
        assertThatThrownBy(() -> sgd.restore(state)).hasMessage("RNN4J-TRAIN-004: the trainer state does not fit this "
                + "trainer: cannot restore a adam optimizer state into a sgd optimizer; resume with the optimizer the run "
                + "was saved with");
    }

    @Test
    void fittingAgainAfterTheLastEpochTrainsNothing() {
        Trainer t = trainer(dropoutClassifier(5), spec(1), 9);
        t.fit(TRAIN, VALIDATION);

        TrainingResult again = t.fit(TRAIN, VALIDATION);

        assertThat(again.reason()).startsWith("already trained 1 of 1 epoch");
        assertThat(again.history()).hasSize(1);
    }
}
