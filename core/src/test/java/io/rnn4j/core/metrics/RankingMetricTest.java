package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Recall@k and MRR@k on small cases whose ranks are read off by hand. */
class RankingMetricTest {

    @Test
    void recallAndMrrCountRanksUpToK() {
        // row 0: target 2 scored 0.9, one class higher (0.95) -> rank 2
        // row 1: target 0 scored highest -> rank 1
        // row 2: target 3 scored lowest of 5 -> rank 5
        Tensor scores = Tensor.of(new float[] {
            0.1f, 0.95f, 0.9f, 0.2f, 0.3f,
            5f, 1f, 2f, 3f, 4f,
            0.5f, 0.4f, 0.3f, 0.0f, 0.2f}, 3, 5);
        Tensor targets = Tensor.of(new float[] {2, 0, 3}, 3);
        RankingMetric recall2 = RankingMetric.recall(2);
        RankingMetric mrr2 = RankingMetric.mrr(2);
        recall2.update(scores, targets);
        mrr2.update(scores, targets);
        assertThat(recall2.result()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(mrr2.result()).isCloseTo((0.5 + 1) / 3, within(1e-12));
        RankingMetric mrr5 = RankingMetric.mrr(5);
        mrr5.update(scores, targets);
        assertThat(mrr5.result()).isCloseTo((0.5 + 1 + 0.2) / 3, within(1e-12));
        assertThat(RankingMetric.rank(scores.data(), 10, 5, 3)).isEqualTo(5);
    }

    @Test
    void tiesCountInTheTargetsFavourAndPaddedStepsAreSkipped() {
        Tensor scores = Tensor.of(new float[] {1, 1, 1, 0, 9, 9, 9, 9}, 1, 2, 4); // [batch 1, time 2, 4]
        Tensor targets = Tensor.of(new float[] {2, 3}, 1, 2);
        RankingMetric r = RankingMetric.recall(1);
        r.update(scores, targets, new SequenceMask(1, 2, new int[] {1}));
        assertThat(r.result()).isEqualTo(1.0);
        assertThat(r.count()).isEqualTo(1);
        r.reset();
        assertThat(r.result()).isNaN();
        r.add(1);
        r.add(30);
        assertThat(r.result()).isEqualTo(0.5);
        assertThat(Metric.create(MetricKind.MRR_AT_20, 100).kind()).isEqualTo(MetricKind.MRR_AT_20);
        assertThat(((RankingMetric) Metric.create(MetricKind.RECALL_AT_20, 100)).k()).isEqualTo(20);
    }

    @Test
    void seenItemsAreLeftOutOfTheRankingAndASeenTargetIsAMiss() {
        // one session piece of 3 steps over 6 items; inputs 1, 2, 3; the piece's session held item 5 before it
        // step 0: scores put 5 (seen before the piece) then 1 (the input) above the target 4 -> rank 3, 1 unseen
        // step 1: 2 (input now) highest, target 0 second -> rank 2, 1 unseen
        // step 2: target 1 was an input at step 0: a miss, though it scores highest (rank 1 unseen would be a hit)
        Tensor scores = Tensor.of(new float[] {
            0.1f, 0.8f, 0.0f, 0.0f, 0.5f, 0.9f,
            0.7f, 0.1f, 0.9f, 0.0f, 0.0f, 0.0f,
            0.0f, 0.9f, 0.0f, 0.0f, 0.0f, 0.0f}, 1, 3, 6);
        Tensor targets = Tensor.of(new float[] {4, 0, 1}, 1, 3);
        Tensor inputs = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        SeenItems seen = new SeenItems(new int[][] {{5}});
        RankingMetric plain = RankingMetric.recall(1);
        plain.update(scores, targets, null);
        assertThat(plain.result()).isCloseTo(1.0 / 3, within(1e-12)); // only step 2 (target 1 ranked first)
        RankingMetric recall = RankingMetric.recall(1);
        RankingMetric mrr = RankingMetric.mrr(20);
        recall.update(scores, targets, null, inputs, seen);
        mrr.update(scores, targets, null, inputs, seen);
        assertThat(recall.count()).isEqualTo(3);
        assertThat(recall.result()).isCloseTo(2.0 / 3, within(1e-12)); // steps 0 and 1, not 2
        assertThat(mrr.result()).isCloseTo((1 + 1 + 0) / 3.0, within(1e-12));
        // only the piece's own inputs (nothing before it): 5 stays in step 0's ranking -> rank 2
        RankingMetric mrrPiece = RankingMetric.mrr(20);
        mrrPiece.update(scores, targets, null, inputs, SeenItems.inputsOnly(1));
        assertThat(mrrPiece.result()).isCloseTo((0.5 + 1 + 0) / 3.0, within(1e-12));
        // without seen items it is the plain update; every other metric ignores them
        RankingMetric none = RankingMetric.recall(1);
        none.update(scores, targets, null, inputs, null);
        assertThat(none.result()).isEqualTo(plain.result());
    }

    @Test
    void seenItemsOfPaddedStepsAndOtherRowsDoNotLeak() {
        // two rows, time 2; row 1 has one valid step. Row 0's inputs must not be left out of row 1's ranking.
        Tensor scores = Tensor.of(new float[] {
            0f, 0f, 0f, 1f, // row 0 step 0: target 3 highest -> rank 1
            0f, 0f, 0f, 0f, // row 0 step 1: target 0, ties -> rank 1
            0f, 0f, 9f, 1f, // row 1 step 0: 2 (row 0's input, not row 1's) above the target 3 -> rank 2
            9f, 9f, 9f, 9f}, 2, 2, 4);
        Tensor targets = Tensor.of(new float[] {3, 0, 3, 0}, 2, 2);
        Tensor inputs = Tensor.of(new float[] {2, 3, 1, 0}, 2, 2);
        RankingMetric mrr = RankingMetric.mrr(20);
        mrr.update(scores, targets, new SequenceMask(2, 2, new int[] {2, 1}), inputs, SeenItems.inputsOnly(2));
        assertThat(mrr.count()).isEqualTo(3);
        assertThat(mrr.result()).isCloseTo((1 + 1 + 0.5) / 3, within(1e-12));
    }
}
