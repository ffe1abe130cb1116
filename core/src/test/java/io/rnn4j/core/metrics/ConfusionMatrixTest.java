package io.rnn4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example used by the metric tests: classes cat (0), dog (1), bird (2), ten valid steps
 * <pre>
 *   target     0 0 0 0 1 1 1 2 2 2
 *   predicted  0 0 1 2 1 1 0 2 2 1
 * </pre>
 * so that (rows actual, columns predicted)
 * <pre>
 *          cat dog bird | support
 *   cat      2   1    1 |   4
 *   dog      1   2    0 |   3
 *   bird     0   1    2 |   3
 *   predicted 3  4    3
 * </pre>
 * accuracy 6/10; precision 2/3, 2/4, 2/3; recall 2/4, 2/3, 2/3; F1 = 2tp / (2tp + fp + fn) = 4/7, 4/7,
 * 4/6.
 */
class ConfusionMatrixTest {
    static final int[] TARGETS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    /**
     * The example as a sequence batch [2, 6, 3] with lengths [5, 5]: the scores put 5 on the predicted
     * class, the padded step holds scores for class 0 and target 99, which must both be ignored.
     */
    static void feedExample(MetricSink sink) {
        Tensor scores = Tensor.zeros(2, 6, 3);
        Tensor targets = Tensor.zeros(2, 6);
        for (int i = 0; i < 10; i++) {
            int row = (i / 5) * 6 + i % 5;
            scores.setFlat(row * 3 + PREDICTED[i], 5f);
            scores.setFlat(row * 3 + (PREDICTED[i] + 1) % 3, -1f);
            targets.setFlat(row, TARGETS[i]);
        }
        for (int b = 0; b < 2; b++) {
            int row = b * 6 + 5;
            scores.setFlat(row * 3, 100f);
            targets.setFlat(row, 99f);
        }
        sink.update(scores, targets, new SequenceMask(2, 6, new int[] {5, 5}));
    }

    /** Something that takes batches: a metric or a confusion matrix. */
    interface MetricSink {
        void update(Tensor predictions, Tensor targets, SequenceMask mask);
    }

    @Test
    void countsActualByPredictedOverValidSteps() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("cat", "dog", "bird"));
        feedExample(m::update);

        assertThat(m.counts()).isEqualTo(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}});
        assertThat(m.total()).isEqualTo(10);
        assertThat(m.correct()).isEqualTo(6);
        assertThat(m.support(0)).isEqualTo(4);
        assertThat(m.predicted(1)).isEqualTo(4);
        assertThat(m.accuracy()).isEqualTo(0.6);
        assertThat(m.precision(1)).isEqualTo(0.5);
        assertThat(m.recall(0)).isEqualTo(0.5);
        assertThat(m.f1(0)).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(m.f1(2)).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void printsAReadableTable() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("cat", "dog", "bird"));
        feedExample(m::update);

        assertThat(m.toString()).isEqualTo("""
                actual \\ predicted     cat     dog    bird |  support  recall
                cat                      2       1       1 |        4  0.5000
                dog                      1       2       0 |        3  0.6667
                bird                     0       1       2 |        3  0.6667
                precision           0.6667  0.5000  0.6667 |       10
                accuracy 0.6000 (6 of 10)""");
    }

    @Test
    void undefinedValuesPrintAsDash() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0);

        assertThat(m.precision(2)).isNaN();
        assertThat(m.toString()).contains("1.0000       -       -");
    }

    @Test
    void tiesGoToTheFirstClassAsTorchArgmax() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.update(Tensor.of(new float[] {1f, 3f, 3f}, 1, 3), Tensor.of(new float[] {1f}, 1), null);

        assertThat(m.count(1, 1)).isEqualTo(1);
    }

    @Test
    void singleLogitColumnIsBinaryWithThreshold() {
        Tensor scores = Tensor.of(new float[] {0.3f, 0.7f, -0.1f}, 3, 1);
        Tensor targets = Tensor.of(new float[] {0f, 1f, 0f}, 3, 1);
        ConfusionMatrix logits = new ConfusionMatrix(2);
        ConfusionMatrix probabilities = new ConfusionMatrix(List.of("neg", "pos"), 0.5);

        logits.update(scores, targets, null);
        probabilities.update(scores, targets, null);

        assertThat(logits.counts()).isEqualTo(new long[][] {{1, 1}, {0, 1}});
        assertThat(probabilities.counts()).isEqualTo(new long[][] {{2, 0}, {0, 1}});
    }

    @Test
    void mergeAddsCountsOfAnotherWorker() {
        ConfusionMatrix a = new ConfusionMatrix(3);
        ConfusionMatrix b = new ConfusionMatrix(3);
        feedExample(a::update);
        feedExample(b::update);

        a.merge(b);

        assertThat(a.count(0, 0)).isEqualTo(4);
        assertThat(a.total()).isEqualTo(20);
    }

    @Test
    void mismatchedShapesAndTargetsAreExplained() {
        ConfusionMatrix m = new ConfusionMatrix(3);

        assertThatThrownBy(() -> m.update(Tensor.zeros(2, 4), Tensor.zeros(2), null))
                .hasMessage("confusion matrix: predictions have 4 scores per step but there are 3 classes; give one "
                        + "score per class (or one logit for 2 classes)");
        assertThatThrownBy(() -> m.update(Tensor.zeros(1, 3), Tensor.of(new float[] {3f}, 1), null))
                .hasMessage("confusion matrix: target at batch 0 is 3.0 but class indices must be integers in 0..2");
        assertThatThrownBy(() -> m.update(Tensor.zeros(2, 3), Tensor.zeros(2, 1), null))
                .hasMessage("confusion matrix: targets must be class indices of shape [2] (the predictions [2, 3] "
                        + "without the class axis), got [2, 1]");
    }
}
