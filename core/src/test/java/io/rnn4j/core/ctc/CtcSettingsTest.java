package io.rnn4j.core.ctc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.loss.CtcLoss;
import org.junit.jupiter.api.Test;

class CtcSettingsTest {

    @Test
    void labelsMapToOutputsAroundTheBlank() {
        CtcSettings first = new CtcSettings(new CtcLoss(), 3, 4);
        assertThat(new int[] {first.output(0), first.output(2)}).containsExactly(1, 3);
        assertThat(first.labels(new int[] {3, 1})).containsExactly(2, 0);
        CtcSettings last = new CtcSettings(new CtcLoss(3, CtcLoss.Reduction.SUM, false), 3, 4);
        assertThat(last.output(2)).isEqualTo(2);
        CtcSettings middle = new CtcSettings(new CtcLoss(1, CtcLoss.Reduction.MEAN, false), 3, 2);
        assertThat(middle.labels(new int[] {0, 2, 3})).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> middle.label(1)).hasMessage("output 1 is the blank, not a label");
        assertThat(middle.beam().beamWidth()).isEqualTo(2);
        assertThat(middle.greedy().blank()).isEqualTo(1);
    }

    @Test
    void aBlankBeyondTheLabelsIsRefused() {
        assertThatThrownBy(() -> new CtcSettings(new CtcLoss(5, CtcLoss.Reduction.MEAN, false), 3, 4))
                .hasMessageContaining("need labels >= 1, blank in 0..labels");
    }
}
