package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

class LossBehaviourTest {

    @Test
    void paddedStepsContributeNothingWhateverTheyHold() {
        RandomSource rng = new RandomSource(7);
        SequenceMask mask = new SequenceMask(2, 3, new int[] {3, 1});
        Tensor logits = LossFixtures.uniform(rng, -2, 2, 2, 3, 4);
        Tensor targets = LossFixtures.classes(rng, 4, 2, 3);
        Tensor grad = Tensor.zeros(2, 3, 4);
        double clean = new CrossEntropyLoss().forward(logits, targets, mask, grad);

        // garbage at the padded steps of sequence 1: huge logits and an out-of-range class
        for (int t = 1; t < 3; t++) {
            targets.setFlat(3 + t, -1f);
            for (int c = 0; c < 4; c++) {
                logits.setFlat((3 + t) * 4 + c, 1e30f);
            }
        }
        Tensor grad2 = Tensor.zeros(2, 3, 4);
        double dirty = new CrossEntropyLoss().forward(logits, targets, mask, grad2);

        assertThat(dirty).isEqualTo(clean);
        assertThat(grad2.toArray()).containsExactly(grad.toArray());
        for (int i = 4 * 4; i < 6 * 4; i++) {
            assertThat(grad2.getFlat(i)).isZero();
        }
    }

    @Test
    void meanIsOverValidStepsOnly() {
        // one valid step of two: MSE of the valid step alone
        Tensor x = Tensor.of(new float[] {1f, 3f, 100f, 100f}, 1, 2, 2);
        Tensor y = Tensor.of(new float[] {0f, 0f, 0f, 0f}, 1, 2, 2);

        double value = new MseLoss().forward(x, y, new SequenceMask(1, 2, new int[] {1}), null);

        assertThat(value).isEqualTo((1.0 + 9.0) / 2);
    }

    @Test
    void batchWithoutValidStepsHasZeroLossAndGradient() {
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 1, 2);
        Tensor y = Tensor.of(new float[] {0f, 1f}, 2, 1);
        Tensor grad = Tensor.zeros(2, 1, 2);
        grad.fill(5f);

        double value = new CrossEntropyLoss().forward(x, y, new SequenceMask(2, 1, new int[] {0, 0}), grad);

        assertThat(value).isZero();
        assertThat(grad.toArray()).containsOnly(0f);
    }

    @Test
    void fullMaskEqualsNoMask() {
        RandomSource rng = new RandomSource(3);
        Tensor x = LossFixtures.uniform(rng, -1, 1, 2, 3, 2);
        Tensor y = LossFixtures.uniform(rng, 0, 1, 2, 3, 2);
        Loss bce = new BinaryCrossEntropyLoss();

        assertThat(bce.forward(x, y, SequenceMask.full(2, 3), null)).isEqualTo(bce.forward(x, y, null));
    }

    @Test
    void extremeLogitsGiveFiniteExactLosses() {
        Tensor logits = Tensor.of(new float[] {1000f, -1000f, 0f}, 1, 3);

        double ce = new CrossEntropyLoss().forward(logits, Tensor.of(new float[] {1f}, 1), null);
        double bce = new BinaryCrossEntropyLoss().forward(Tensor.of(new float[] {-1000f, 1000f}, 1, 2),
                Tensor.of(new float[] {1f, 1f}, 1, 2), null);

        assertThat(ce).isEqualTo(2000.0);
        assertThat(bce).isEqualTo(500.0);
    }

    @Test
    void labelSmoothingOfOneIsUniformTarget() {
        // e = 1: L = mean over classes of -log p, minimal (log C) for uniform logits
        Tensor logits = Tensor.of(new float[] {0f, 0f, 0f, 0f}, 1, 4);

        double value = new CrossEntropyLoss(null, 1.0).forward(logits, Tensor.of(new float[] {2f}, 1), null);

        assertThat(value).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void invalidTargetNamesWhereAndWhatIsAllowed() {
        Tensor logits = Tensor.zeros(2, 3, 5);
        Tensor targets = Tensor.zeros(2, 3);
        targets.setFlat(4, 5f);

        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, targets, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: target at batch 1, step 1 is 5.0 but class indices must be integers in "
                        + "0..4 (the predictions have 5 classes)");
        targets.setFlat(4, 1.5f);
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, targets, null, null))
                .hasMessageContaining("is 1.5 but class indices must be integers");
    }

    @Test
    void shapeMismatchesAreExplained() {
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.zeros(2, 3, 5), Tensor.zeros(2, 3, 1), null))
                .hasMessage("cross_entropy: targets must be class indices of shape [2, 3] (the predictions [2, 3, 5] "
                        + "without the class axis), got [2, 3, 1]");
        assertThatThrownBy(() -> new MseLoss().forward(Tensor.zeros(2, 3), Tensor.zeros(3, 2), null))
                .hasMessage("mse: targets have shape [3, 2] but must have the predictions' shape [2, 3]");
        assertThatThrownBy(() -> new MaeLoss().forward(Tensor.zeros(2, 3), Tensor.zeros(2, 3),
                SequenceMask.full(2, 3), null))
                .hasMessageStartingWith("mae: a sequence mask needs [batch, time, n] predictions, got [2, 3]");
        assertThatThrownBy(() -> new HuberLoss(1).forward(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .hasMessage("huber: gradient tensor has shape [3, 2] but the predictions have [2, 3]; give a gradient "
                        + "of the predictions' shape");
        assertThatThrownBy(() -> new CrossEntropyLoss(new float[] {1f, 1f}, 0).forward(Tensor.zeros(1, 3),
                Tensor.zeros(1), null))
                .hasMessage("cross_entropy: 2 class weights for predictions with 3 classes; give one weight per class");
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> new HuberLoss(0))
                .hasMessage("huber: delta must be a finite number > 0, was 0.0; the default is 1.0");
        assertThatThrownBy(() -> new CrossEntropyLoss(null, 1.5))
                .hasMessage("cross_entropy: label_smoothing must be in [0, 1], was 1.5; typical values are 0 (none) "
                        + "to 0.2");
        assertThatThrownBy(() -> new CrossEntropyLoss(new float[] {1f, -1f}, 0))
                .hasMessage("cross_entropy: class weight 1 is -1.0 but weights must be finite numbers >= 0");
    }

    @Test
    void kindsHaveStableIdsAndDefaults() {
        assertThat(Loss.of(LossKind.fromId("huber"))).isInstanceOfSatisfying(HuberLoss.class,
                h -> assertThat(h.delta()).isEqualTo(1.0));
        assertThat(Loss.of(LossKind.CROSS_ENTROPY).kind().id()).isEqualTo("cross_entropy");
        assertThatThrownBy(() -> LossKind.fromId("nll"))
                .hasMessage("unknown loss 'nll'; known losses: cross_entropy, binary_cross_entropy, mse, mae, huber, ctc");
    }

    @Test
    void worksOnTensorsThatAreWindowsOfLargerBuffers() {
        float[] buffer = {9f, 9f, 1f, 3f, 9f};
        Tensor x = new Tensor(buffer, 2, io.rnn4j.core.Shape.of(1, 2));
        float[] gradBuffer = new float[6];
        Tensor grad = new Tensor(gradBuffer, 3, io.rnn4j.core.Shape.of(1, 2));

        double value = new MseLoss().forward(x, Tensor.of(new float[] {0f, 1f}, 1, 2), grad);

        assertThat(value).isEqualTo((1.0 + 4.0) / 2);
        assertThat(gradBuffer).containsExactly(0f, 0f, 0f, 1f, 2f, 0f);
    }
}
