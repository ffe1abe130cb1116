package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** On {@link ConfusionMatrixTest}'s worked example unless said otherwise. */
class ClassificationMetricTest {

    private static double resultOnExample(ClassificationMetric metric) {
        ConfusionMatrixTest.feedExample(metric::update);
        return metric.result();
    }

    @Test
    void accuracyIsCorrectOverValidSteps() {
        assertThat(resultOnExample(ClassificationMetric.accuracy(3))).isEqualTo(0.6);
    }

    @Test
    void macroAveragesArePerClassMeans() {
        // precision (2/3 + 1/2 + 2/3) / 3 = 11/18; recall (1/2 + 2/3 + 2/3) / 3 = 11/18
        assertThat(resultOnExample(ClassificationMetric.precision(3, Average.MACRO))).isCloseTo(11.0 / 18,
                within(1e-15));
        assertThat(resultOnExample(ClassificationMetric.recall(3, Average.MACRO))).isCloseTo(11.0 / 18,
                within(1e-15));
        // F1 (4/7 + 4/7 + 2/3) / 3 = 38/63: the mean of per-class F1, not F1 of the mean P and R
        assertThat(resultOnExample(ClassificationMetric.f1(3, Average.MACRO))).isCloseTo(38.0 / 63, within(1e-15));
    }

    @Test
    void microAveragesEqualAccuracyForSingleLabelData() {
        assertThat(resultOnExample(ClassificationMetric.f1(3, Average.MICRO))).isEqualTo(0.6);
        assertThat(resultOnExample(ClassificationMetric.precision(3, Average.MICRO))).isEqualTo(0.6);
    }

    @Test
    void perClassValues() {
        ClassificationMetric f1 = ClassificationMetric.f1(3, Average.MACRO);
        ConfusionMatrixTest.feedExample(f1::update);

        assertThat(f1.perClass()).containsExactly(new double[] {4.0 / 7, 4.0 / 7, 2.0 / 3}, within(1e-15));
    }

    @Test
    void binaryReportsThePositiveClassFromOneLogit() {
        // logits 2, -1, 0.5, -0.2, 3, -3 -> predicted 1 0 1 0 1 0; targets 1 0 0 1 1 1
        // tp = 2 (steps 0, 4), fp = 1 (step 2), fn = 2 (steps 3, 5), tn = 1
        Tensor logits = Tensor.of(new float[] {2f, -1f, 0.5f, -0.2f, 3f, -3f}, 6, 1);
        Tensor targets = Tensor.of(new float[] {1f, 0f, 0f, 1f, 1f, 1f}, 6, 1);
        ClassificationMetric precision = ClassificationMetric.precision(2, Average.BINARY);
        ClassificationMetric recall = ClassificationMetric.recall(2, Average.BINARY);
        Metric f1 = Metric.create(MetricKind.F1, 2); // binary by default for 2 classes
        Metric accuracy = Metric.create(MetricKind.ACCURACY, 2);
        for (Metric m : new Metric[] {precision, recall, f1, accuracy}) {
            m.update(logits, targets);
        }

        assertThat(precision.result()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(recall.result()).isEqualTo(0.5);
        assertThat(f1.result()).isCloseTo(4.0 / 7, within(1e-15)); // 2 tp / (2 tp + fp + fn)
        assertThat(accuracy.result()).isEqualTo(0.5);
    }

    @Test
    void neverPredictedPositiveClassGivesZeroNotNaN() {
        ClassificationMetric precision = ClassificationMetric.precision(2, Average.BINARY);
        precision.update(Tensor.of(new float[] {-1f, -2f}, 2, 1), Tensor.of(new float[] {1f, 0f}, 2));

        assertThat(precision.result()).isZero();
    }

    @Test
    void macroLeavesOutClassesThatNeverOccurred() {
        // 4 classes, class 3 never occurs: the macro mean is over classes 0..2 only
        ClassificationMetric f1 = ClassificationMetric.f1(4, Average.MACRO);
        f1.update(Tensor.of(new float[] {5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0, 0, 5, 0, 0}, 4, 4),
                Tensor.of(new float[] {0f, 1f, 2f, 2f}, 4));

        // per class: 0 -> 1, 1 -> 2/(2+1) = 2/3 (tp 1, fp 1), 2 -> 2/(2+1) = 2/3 (tp 1, fn 1)
        assertThat(f1.result()).isCloseTo((1 + 2.0 / 3 + 2.0 / 3) / 3, within(1e-15));
        assertThat(f1.perClass()[3]).isNaN();
    }

    @Test
    void resetStartsOverAndEmptyIsNaN() {
        ClassificationMetric acc = ClassificationMetric.accuracy(3);
        ConfusionMatrixTest.feedExample(acc::update);
        acc.reset();

        assertThat(acc.result()).isNaN();
        assertThat(acc.confusionMatrix().total()).isZero();
    }

    @Test
    void streamingOverBatchesEqualsOneBatch() {
        ClassificationMetric once = ClassificationMetric.f1(3, Average.MACRO);
        ClassificationMetric streamed = ClassificationMetric.f1(3, Average.MACRO);
        ConfusionMatrixTest.feedExample(once::update);
        int[] t = ConfusionMatrixTest.TARGETS;
        int[] p = ConfusionMatrixTest.PREDICTED;
        for (int i = 0; i < t.length; i++) {
            float[] scores = new float[3];
            scores[p[i]] = 1f;
            streamed.update(Tensor.of(scores, 1, 3), Tensor.of(new float[] {t[i]}, 1));
        }

        assertThat(streamed.result()).isEqualTo(once.result());
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> ClassificationMetric.f1(3, Average.BINARY))
                .hasMessage("f1: average 'binary' needs 2 classes but there are 3; use 'macro' or 'micro'");
        assertThatThrownBy(() -> new ClassificationMetric(MetricKind.RMSE, 3, Average.MACRO, 1))
                .hasMessage("rmse is not a classification metric; classification metrics are accuracy, precision, "
                        + "recall, f1");
    }
}
