package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.runningSign;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static io.rnn4j.backend.cpu.train.TrainTesting.tagger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.OptimizerSpec;
import io.rnn4j.core.optim.SgdSpec;
import io.rnn4j.core.spec.TbpttSpec;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.History;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.core.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TbpttTest {
    private static final int T = 12;

    private static Trainer trainer(Network net, int epochs, OptimizerSpec opt, TbpttSpec tbptt, History history) {
        return Trainer.builder(net, spec(epochs, opt, 5.0, null, null, tbptt)).loss(LossKind.CROSS_ENTROPY)
                .metrics(List.of(MetricKind.ACCURACY)).random(new RandomSource(2)).listener(history)
                .stateful(TrainTesting.recurrentLayers()).build();
    }

    @Test
    void aManyToManyTaggerTrainsWithTruncatedBpttAndLearns() {
        History history = new History();
        Network net = tagger(1, false);
        BatchSource train = BatchSource.of(runningSign(8, 16, T, 5, true));
        BatchSource validation = BatchSource.of(runningSign(2, 16, T, 6, true));

        trainer(net, 8, AdamSpec.of(0.03), new TbpttSpec(4, 4), history).fit(train, validation);

        assertThat(history.values("loss").get(7)).isLessThan(0.7 * history.values("loss").get(0));
        assertThat(history.values("val_accuracy").get(7)).isGreaterThan(0.8);
    }

    @Test
    void withWindowsAsLongAsTheSequenceItIsExactlyFullBptt() {
        History full = new History();
        History windowed = new History();
        Network a = tagger(1, false);
        Network b = tagger(1, false);
        BatchSource train = BatchSource.of(runningSign(4, 8, T, 5, true));

        trainer(a, 2, AdamSpec.of(0.03), null, full).fit(train, null);
        trainer(b, 2, AdamSpec.of(0.03), new TbpttSpec(T, T), windowed).fit(train, null);

        assertThat(windowed.values("loss")).containsExactlyElementsOf(full.values("loss"));
        assertThat(b.parameters().values()).containsExactly(a.parameters().values());
    }

    @Test
    void theStateIsCarriedAcrossWindowsSoWindowedLossEqualsTheWholeSequenceLoss() {
        // at lr 0 nothing changes between windows: the loss over windows of 3 steps, each started from the
        // previous window's final state, must be the loss of the whole sequences
        History history = new History();
        Network net = tagger(1, false);
        BatchSource data = BatchSource.of(runningSign(3, 8, T, 5, true));
        Trainer t = trainer(net, 1, SgdSpec.of(0), new TbpttSpec(3, 3), history);

        t.fit(data, null);

        assertThat(history.values("loss").get(0)).isCloseTo(t.evaluate(data).get("loss"),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.state().globalStep()).as("one step per window").isEqualTo(3 * T / 3);
    }

    @Test
    void withBackwardShorterThanForwardTheLossCoversTheLastStepsOfEachWindow() {
        History history = new History();
        Network net = tagger(1, false);
        List<TrainBatch> batches = runningSign(2, 8, T, 5, false);
        trainer(net, 1, SgdSpec.of(0), new TbpttSpec(4, 2), history).fit(BatchSource.of(batches), null);

        // steps 2, 3, 6, 7, 10, 11 of the whole sequences, computed here from one full forward pass
        double sum = 0;
        int n = 0;
        for (TrainBatch b : batches) {
            Tensor z = net.forward(b.input(), LayerContext.inference()).values();
            for (int r = 0; r < b.size(); r++) {
                for (int s = 0; s < T; s++) {
                    if (s % 4 >= 2) {
                        double z0 = z.get(r, s, 0);
                        double z1 = z.get(r, s, 1);
                        double lse = Math.max(z0, z1) + Math.log1p(Math.exp(-Math.abs(z0 - z1)));
                        sum += lse - (b.targets().get(r, s) == 1 ? z1 : z0);
                        n++;
                    }
                }
            }
        }
        assertThat(history.values("loss").get(0)).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void tbpttOnAManyToOneHeadSaysItCannotApplyAndTrainsNothing() {
        Network net = TrainTesting.classifier(1, 4);
        float[] before = net.parameters().values().clone();
        Trainer t = trainer(net, 1, AdamSpec.of(0.01), new TbpttSpec(4, 2), new History());

        assertThatThrownBy(() -> t.fit(TrainTesting.fixed(TrainTesting.separable(16, 1, false)), null))
                .hasMessage("RNN4J-TRAIN-001: training.tbptt (forward 4, backward 2) cannot apply to this model: the head "
                        + "'many_to_one' produces one output per sequence, so its target depends on the whole sequence "
                        + "and cannot be split into windows of 4 steps. Truncated BPTT needs a sequence input with a "
                        + "target at every step (a many_to_many head). Remove training.tbptt to train with full "
                        + "backpropagation through time, or use a many_to_many head if the data has a target per step.");
        assertThat(net.parameters().values()).containsExactly(before);
    }

    @Test
    void tbpttOnABidirectionalLayerSaysItCannotApply() {
        Trainer t = trainer(tagger(1, true), 1, AdamSpec.of(0.01), new TbpttSpec(4, 4), new History());

        assertThatThrownBy(() -> t.fit(BatchSource.of(runningSign(1, 4, T, 5, false)), null))
                .hasMessage("RNN4J-TRAIN-001: training.tbptt (forward 4, backward 4) cannot apply to this model: layer "
                        + "'lstm_0' cannot carry its state from one window to the next (a bidirectional layer reads every "
                        + "sequence from its end, which a window does not contain). Truncated BPTT needs a sequence input "
                        + "with a target at every step (a many_to_many head). Remove training.tbptt to train with full "
                        + "backpropagation through time, or make the layer unidirectional.");
    }

    @Test
    void recurrentLayersCarryTheirOwnStateAcrossWindowsWithoutAnAdapter() {
        Network net = tagger(1, false);
        float[] before = net.parameters().values().clone();
        Trainer t = Trainer.builder(net, spec(1, AdamSpec.of(0.01), null, null, null, new TbpttSpec(4, 4)))
                .loss(LossKind.CROSS_ENTROPY).random(new RandomSource(2)).build(); // RecurrentLayer is Stateful
        t.fit(BatchSource.of(runningSign(1, 4, T, 5, false)), null);
        assertThat(net.parameters().values()).isNotEqualTo(before);
    }

    @Test
    void perExampleTargetsOrATeacherCannotBeCutIntoWindows() {
        Trainer t = trainer(tagger(1, false), 1, AdamSpec.of(0.01), new TbpttSpec(4, 4), new History());
        TrainBatch good = runningSign(1, 4, T, 5, false).get(0);
        TrainBatch perExample = TrainBatch.of(good.input(), Tensor.zeros(4));
        TrainBatch teacher = new TrainBatch(good.input(), Flow.sequences(Tensor.zeros(4, 3)), good.targets(),
                good.targetMask(), 4);

        assertThatThrownBy(() -> t.fit(BatchSource.of(List.of(perExample)), null)).hasMessage("RNN4J-TRAIN-001: "
                + "training.tbptt (forward 4, backward 4) cannot apply to this model: epoch 1, batch 1 of 1 has targets "
                + "[4] for inputs [4, 12, 1], not one target per input step. Truncated BPTT needs a sequence input with a "
                + "target at every step (a many_to_many head). Remove training.tbptt to train with full backpropagation "
                + "through time, or give per-step targets [batch, time] or [batch, time, n] with their mask.");
        assertThatThrownBy(() -> t.fit(BatchSource.of(List.of(teacher)), null)).hasMessageContaining("epoch 1, batch 1 "
                + "of 1 has a teacher-forcing input, so the head is a decoder whose steps are not the input's steps");
    }
}
