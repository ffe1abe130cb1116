package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Known values, edge cases and errors of the CTC loss. */
class CtcLossBehaviourTest {

    /**
     * warp-ctc's {@code small_test} (tests/test_cpu.cpp): two frames, five outputs, labels {@code 1 2};
     * the only alignment is {@code 1 2}, so the loss is {@code -log(p0[1] p1[2])}, 2.4628 (the value
     * warp-ctc's README prints for it).
     */
    @Test
    void warpCtcSmallTestHasItsAnalyticScore() {
        float[] acts = {0.1f, 0.6f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.6f, 0.1f, 0.1f};
        Tensor x = Tensor.of(acts, 1, 2, 5);
        Tensor grad = Tensor.zeros(1, 2, 5);
        double loss = new CtcLoss(0, CtcLoss.Reduction.SUM, false).forward(x, Tensor.of(new float[] {1, 2}, 1, 2), null,
                grad);
        double z = 4 * Math.exp(0.1f) + Math.exp(0.6f);
        double expected = -Math.log(Math.exp(0.6f) / z * Math.exp(0.6f) / z);
        assertThat(loss).isCloseTo(expected, within(1e-12));
        assertThat(loss).isCloseTo(2.4628, within(1e-4));
        // one path: the gradient is p - onehot(path)
        assertThat(grad.get(0, 0, 1)).isCloseTo((float) (Math.exp(0.6f) / z - 1), within(1e-6f));
        assertThat(grad.get(0, 1, 0)).isCloseTo((float) (Math.exp(0.1f) / z), within(1e-6f));
    }

    @Test
    void emptyLabelsScoreTheAllBlankPath() {
        Tensor x = Tensor.of(new float[] {0, 0, 0, 0}, 1, 2, 2); // p = 1/2 everywhere
        double loss = new CtcLoss().forward(x, Tensor.of(new float[] {-1}, 1, 1), null, null);
        assertThat(loss).isCloseTo(2 * Math.log(2), within(1e-12));
    }

    @Test
    void repeatedLabelsNeedABlankBetweenThem() {
        // "a a" needs 3 frames; with 2 it is impossible: +inf, or 0 with zero_infinity, never NaN
        Tensor x = Tensor.of(new float[] {0.3f, -0.2f, 0.1f, 0.5f}, 1, 2, 2);
        Tensor y = Tensor.of(new float[] {1, 1}, 1, 2);
        Tensor grad = Tensor.zeros(1, 2, 2);
        assertThat(new CtcLoss().forward(x, y, null, grad)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(grad.toArray()).containsOnly(0f);
        assertThat(new CtcLoss(0, CtcLoss.Reduction.MEAN, true).forward(x, y, null, grad)).isZero();
        assertThat(grad.toArray()).containsOnly(0f);
    }

    @Test
    void anInputOfLengthZeroGivesZeroForNoLabelsAndInfinityOtherwise() {
        Tensor x = Tensor.zeros(2, 3, 3);
        SequenceMask mask = new SequenceMask(2, 3, new int[] {0, 0});
        CtcLoss sum = new CtcLoss(0, CtcLoss.Reduction.SUM, false);
        assertThat(sum.forward(x, Tensor.of(new float[] {-1, -1}, 2, 1), mask, null)).isZero();
        assertThat(sum.forward(x, Tensor.of(new float[] {1, -1}, 2, 1), mask, null)).isInfinite();
    }

    @Test
    void meanCountsSequencesAndSumCountsBatches() {
        Tensor x = Tensor.zeros(4, 5, 3);
        assertThat(new CtcLoss().count(x, null)).isEqualTo(4);
        assertThat(new CtcLoss(0, CtcLoss.Reduction.SUM, false).count(x, null)).isEqualTo(1);
    }

    @Test
    void theBlankAsALabelIsRefusedWithWhereItIs() {
        Tensor x = Tensor.zeros(2, 3, 3);
        assertThatThrownBy(() -> new CtcLoss().forward(x, Tensor.of(new float[] {1, 2, 2, 0}, 2, 2), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ctc: label 1 of sequence 1 is 0.0 but labels must be integer output indices in 0..2 other "
                        + "than the blank (0)");
    }

    @Test
    void labelsAfterThePaddingAreRefused() {
        Tensor x = Tensor.zeros(1, 3, 3);
        assertThatThrownBy(() -> new CtcLoss().forward(x, Tensor.of(new float[] {1, -1, 2}, 1, 3), null, null))
                .hasMessageContaining("has 2.0 at position 2 after the padding began at position 1");
    }

    @Test
    void aBlankOutsideTheOutputsIsRefused() {
        Tensor x = Tensor.zeros(1, 3, 3);
        assertThatThrownBy(() -> new CtcLoss(3, CtcLoss.Reduction.MEAN, false).forward(x,
                Tensor.of(new float[] {1}, 1, 1), null, null))
                .hasMessageContaining("blank is output 3 but the predictions have only 3 outputs per frame");
    }

    @Test
    void vectorPredictionsAreRefused() {
        assertThatThrownBy(() -> new CtcLoss().forward(Tensor.zeros(2, 3), Tensor.zeros(2, 1), null, null))
                .hasMessageContaining("per-frame scores [batch, time, classes + 1]");
    }

    @Test
    void aLargeBatchGivesTheSameResultInParallel() {
        // big enough to be split between threads: each sequence alone must give the same loss
        io.rnn4j.core.RandomSource rng = new io.rnn4j.core.RandomSource(5);
        int batch = 16;
        int time = 100;
        Tensor x = LossFixtures.uniform(rng, -2f, 2f, batch, time, 6);
        float[] labels = new float[batch * 10];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1 + rng.nextInt(5);
        }
        CtcLoss sum = new CtcLoss(0, CtcLoss.Reduction.SUM, false);
        double all = sum.forward(x, Tensor.of(labels, batch, 10), null, null);
        double each = 0;
        for (int b = 0; b < batch; b++) {
            Tensor one = Tensor.of(java.util.Arrays.copyOfRange(x.data(), b * time * 6, (b + 1) * time * 6), 1, time, 6);
            each += sum.forward(one, Tensor.of(java.util.Arrays.copyOfRange(labels, b * 10, b * 10 + 10), 1, 10), null,
                    null);
        }
        assertThat(all).isEqualTo(each);
    }
}
