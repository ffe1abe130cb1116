package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** CER, WER and sequence accuracy on hand-made greedy transcripts. */
class SequenceMetricTest {
    private static final int WIDTH = 5; // blank 0, a 1, b 2, c 3, space 4

    /** One frame per output index given (the index scores 5, the others 0). */
    private static Tensor scores(int[]... frames) {
        int time = 0;
        for (int[] f : frames) {
            time = Math.max(time, f.length);
        }
        Tensor x = Tensor.zeros(frames.length, time, WIDTH);
        for (int b = 0; b < frames.length; b++) {
            for (int t = 0; t < frames[b].length; t++) {
                x.data()[(b * time + t) * WIDTH + frames[b][t]] = 5f;
            }
        }
        return x;
    }

    private static SequenceMask mask(int[]... frames) {
        int time = 0;
        int[] lengths = new int[frames.length];
        for (int b = 0; b < frames.length; b++) {
            lengths[b] = frames[b].length;
            time = Math.max(time, frames[b].length);
        }
        return new SequenceMask(frames.length, time, lengths);
    }

    @Test
    void cerWerAndSequenceAccuracyOfTwoTranscripts() {
        // decoded: "ab c" and "ab"; targets: "ab c" and "abc"
        int[][] frames = {{1, 1, 2, 0, 4, 3}, {1, 0, 2, 2}};
        Tensor targets = Tensor.of(new float[] {1, 2, 4, 3, 1, 2, 3, -1}, 2, 4);
        CtcScoring scoring = new CtcScoring(0, 4);
        Metric cer = Metric.create(MetricKind.CER, 5, scoring);
        Metric wer = Metric.create(MetricKind.WER, 5, scoring);
        Metric acc = Metric.create(MetricKind.SEQUENCE_ACCURACY, 5, scoring);
        for (Metric m : new Metric[] {cer, wer, acc}) {
            m.update(scores(frames), targets, mask(frames));
        }
        // labels: 0 edits of 4, 1 deletion of 3 -> 1/7
        assertThat(cer.result()).isCloseTo(1.0 / 7, within(1e-12));
        // words: "ab c" vs "ab c" 0 of 2; "ab" vs "abc" 1 substitution of 1 -> 1/3
        assertThat(wer.result()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(acc.result()).isEqualTo(0.5);
        cer.reset();
        assertThat(cer.result()).isNaN();
    }

    @Test
    void withoutASeparatorWerCountsLabels() {
        int[][] frames = {{1, 2, 3}};
        Tensor targets = Tensor.of(new float[] {1, 3, 3}, 1, 3);
        Metric wer = Metric.create(MetricKind.WER, 5, new CtcScoring(0, -1));
        wer.update(scores(frames), targets, mask(frames));
        assertThat(wer.result()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void insertionsCanMakeTheErrorRateExceedOne() {
        int[][] frames = {{1, 0, 1, 0, 1}};
        Tensor targets = Tensor.of(new float[] {1}, 1, 1);
        Metric cer = Metric.create(MetricKind.CER, 5, new CtcScoring(0, -1));
        cer.update(scores(frames), targets, mask(frames));
        assertThat(cer.result()).isEqualTo(2.0);
    }

    @Test
    void sequenceMetricsNeedACtcHead() {
        assertThatThrownBy(() -> Metric.create(MetricKind.CER, 5))
                .hasMessageContaining("the metric cer compares decoded label sequences and needs a ctc head");
        assertThat(MetricKind.fromId("sequence_accuracy").higherIsBetter()).isTrue();
        assertThat(MetricKind.fromId("wer").higherIsBetter()).isFalse();
    }
}
