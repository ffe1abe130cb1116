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
}
