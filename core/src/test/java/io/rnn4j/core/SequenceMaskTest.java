package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceMaskTest {

    @Test
    void aLengthOfZeroIsRejected() {
        assertThatThrownBy(() -> new SequenceMask(2, 5, new int[] {3, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence 1 has length 0 but lengths must be in 1..5 (the padded length of the batch)");
    }

    @Test
    void aLengthLongerThanTheBatchIsRejected() {
        assertThatThrownBy(() -> new SequenceMask(2, 5, new int[] {6, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence 0 has length 6 but lengths must be in 1..5 (the padded length of the batch)");
    }

    @Test
    void oneLengthPerSequenceIsRequired() {
        assertThatThrownBy(() -> new SequenceMask(3, 5, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mask has 2 lengths for a batch of 3; give one length per sequence");
    }

    @Test
    void lengthsAreCopiedInAndOut() {
        int[] lengths = {2, 3};
        SequenceMask m = new SequenceMask(2, 3, lengths);
        lengths[0] = 99;
        m.lengths()[1] = 99;
        assertThat(m.lengths()).containsExactly(2, 3);
    }

    @Test
    void validityFollowsTheLengths() {
        SequenceMask m = new SequenceMask(3, 4, new int[] {4, 1, 2});
        assertThat(m.isValid(0, 3)).isTrue();
        assertThat(m.isValid(1, 1)).isFalse();
        assertThat(m.length(2)).isEqualTo(2);
        assertThat(m.validSteps()).isEqualTo(7);
        assertThat(m.isFull()).isFalse();
        assertThat(SequenceMask.full(2, 3).isFull()).isTrue();
    }

    @Test
    void toTensorIsOneAtValidStepsAndZeroAtPadding() {
        Tensor t = new SequenceMask(3, 3, new int[] {3, 1, 2}).toTensor();
        assertThat(t.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(t.toArray()).containsExactly(
                1, 1, 1,
                1, 0, 0,
                1, 1, 0);
    }

    @Test
    void lengthsInWindowCountTheValidStepsOfEachSequenceInsideTheWindow() {
        SequenceMask m = new SequenceMask(3, 6, new int[] {6, 2, 4});
        assertThat(m.lengthsInWindow(2, 4)).containsExactly(2, 0, 2);
        assertThat(m.lengthsInWindow(0, 3)).containsExactly(3, 2, 3);
    }

    @Test
    void masksWithEqualLengthsAreEqual() {
        SequenceMask a = new SequenceMask(2, 3, new int[] {3, 1});
        assertThat(a).isEqualTo(new SequenceMask(2, 3, new int[] {3, 1}))
                .hasSameHashCodeAs(new SequenceMask(2, 3, new int[] {3, 1}))
                .isNotEqualTo(new SequenceMask(2, 3, new int[] {3, 2}))
                .hasToString("SequenceMask[batch=2, time=3, lengths=[3, 1]]");
    }
}
