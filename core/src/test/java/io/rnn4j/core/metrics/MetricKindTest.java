package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricKindTest {

    @Test
    void idsAreStable() {
        assertThat(Arrays.stream(MetricKind.values()).map(MetricKind::id))
                .containsExactly("accuracy", "precision", "recall", "f1", "mae", "rmse", "mape", "perplexity", "cer",
                        "wer", "sequence_accuracy", "recall_at_20", "mrr_at_20");
        assertThat(MetricKind.fromId("F1")).isEqualTo(MetricKind.F1);
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> MetricKind.fromId("auc"))
                .hasMessage("unknown metric 'auc'; known metrics: accuracy, precision, recall, f1, mae, rmse, mape, "
                        + "perplexity, cer, wer, sequence_accuracy, recall_at_20, mrr_at_20");
    }

    @Test
    void directionIsKnownForMonitoring() {
        assertThat(MetricKind.ACCURACY.higherIsBetter()).isTrue();
        assertThat(MetricKind.F1.higherIsBetter()).isTrue();
        assertThat(MetricKind.RMSE.higherIsBetter()).isFalse();
        assertThat(MetricKind.PERPLEXITY.higherIsBetter()).isFalse();
    }

    @Test
    void createBuildsEveryKind() {
        for (MetricKind k : MetricKind.values()) {
            assertThat(Metric.create(k, 3, new CtcScoring(0, -1)).kind()).isEqualTo(k);
        }
        assertThat(((ClassificationMetric) Metric.create(MetricKind.F1, 2)).average()).isEqualTo(Average.BINARY);
        assertThat(((ClassificationMetric) Metric.create(MetricKind.F1, 5)).average()).isEqualTo(Average.MACRO);
    }
}
