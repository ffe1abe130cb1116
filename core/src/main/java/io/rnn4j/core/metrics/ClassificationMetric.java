package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Objects;

/**
 * Accuracy, precision, recall or F1 over a {@link ConfusionMatrix} of all valid steps since the last
 * reset.
 *
 * <p>Per class {@code c}: precision {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)}, F1
 * {@code 2 tp / (2 tp + fp + fn)}; a ratio with a zero denominator is 0 (scikit-learn's
 * {@code zero_division=0}). {@link Average} says how classes combine; accuracy ignores it.
 *
 * <p>Predictions are one score per class (argmax), or for two classes a single logit per step, class 1
 * when it is above 0 (a binary cross-entropy head); for a single probability column use a
 * {@link ConfusionMatrix} with threshold 0.5.
 */
public final class ClassificationMetric implements Metric {
    private final MetricKind kind;
    private final Average average;
    private final int positiveClass;
    private final ConfusionMatrix matrix;

    /**
     * A classification metric.
     *
     * @param kind          {@code accuracy}, {@code precision}, {@code recall} or {@code f1}
     * @param classes       number of classes ({@code >= 2})
     * @param average       how to combine classes (ignored by accuracy); {@link Average#BINARY} needs 2
     *                      classes
     * @param positiveClass the class that {@link Average#BINARY} reports (usually 1)
     */
    public ClassificationMetric(MetricKind kind, int classes, Average average, int positiveClass) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.average = Objects.requireNonNull(average, "average");
        if (!kind.isClassification()) {
            throw new IllegalArgumentException(kind.id() + " is not a classification metric; classification metrics "
                    + "are accuracy, precision, recall, f1");
        }
        if (classes < 2) {
            throw new IllegalArgumentException(kind.id() + ": needs at least 2 classes, got " + classes);
        }
        if (average == Average.BINARY && kind != MetricKind.ACCURACY && classes != 2) {
            throw new IllegalArgumentException(kind.id() + ": average 'binary' needs 2 classes but there are " + classes
                    + "; use 'macro' or 'micro'");
        }
        if (positiveClass < 0 || positiveClass >= classes) {
            throw new IllegalArgumentException(kind.id() + ": positive class " + positiveClass + " is not in 0.."
                    + (classes - 1));
        }
        this.positiveClass = positiveClass;
        this.matrix = new ConfusionMatrix(classes);
    }

    /** Accuracy over {@code classes} classes. */
    public static ClassificationMetric accuracy(int classes) {
        return new ClassificationMetric(MetricKind.ACCURACY, classes, Average.MICRO, 1);
    }

    /** Precision with the given averaging (positive class 1 for binary). */
    public static ClassificationMetric precision(int classes, Average average) {
        return new ClassificationMetric(MetricKind.PRECISION, classes, average, 1);
    }

    /** Recall with the given averaging (positive class 1 for binary). */
    public static ClassificationMetric recall(int classes, Average average) {
        return new ClassificationMetric(MetricKind.RECALL, classes, average, 1);
    }

    /** F1 with the given averaging (positive class 1 for binary). */
    public static ClassificationMetric f1(int classes, Average average) {
        return new ClassificationMetric(MetricKind.F1, classes, average, 1);
    }

    @Override
    public MetricKind kind() {
        return kind;
    }

    /** The averaging. */
    public Average average() {
        return average;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        matrix.update(predictions, targets, mask);
    }

    @Override
    public double result() {
        if (matrix.total() == 0) {
            return Double.NaN;
        }
        if (kind == MetricKind.ACCURACY) {
            return matrix.accuracy();
        }
        return switch (average) {
            case BINARY -> zeroIfUndefined(perClass(positiveClass));
            case MICRO -> micro();
            case MACRO -> {
                double sum = 0;
                int n = 0;
                for (int c = 0; c < matrix.classes(); c++) {
                    if (matrix.occurred(c)) {
                        sum += perClass(c);
                        n++;
                    }
                }
                yield sum / n; // n > 0: total > 0 means some class occurred
            }
        };
    }

    /**
     * The value of every class (recall for accuracy, i.e. per-class accuracy); NaN for a class that
     * occurred neither as a target nor as a prediction.
     */
    public double[] perClass() {
        double[] v = new double[matrix.classes()];
        for (int c = 0; c < v.length; c++) {
            v[c] = perClass(c);
        }
        return v;
    }

    private double perClass(int c) {
        return switch (kind) {
            case PRECISION -> matrix.precision(c);
            case F1 -> matrix.f1(c);
            default -> matrix.recall(c);
        };
    }

    private double micro() {
        // single-label: every wrong step is one fp (of the predicted class) and one fn (of the actual class)
        long tp = matrix.correct();
        long wrong = matrix.total() - tp;
        return switch (kind) {
            case PRECISION, RECALL -> (double) tp / (tp + wrong);
            default -> (double) 2 * tp / (2 * tp + 2 * wrong);
        };
    }

    private static double zeroIfUndefined(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** A copy of the confusion matrix behind the metric. */
    public ConfusionMatrix confusionMatrix() {
        return matrix.copy();
    }

    /** The confusion matrix's counts, row by row (actual class), as doubles (exact below 2^53). */
    @Override
    public double[] statistics() {
        long[][] c = matrix.counts();
        int k = c.length;
        double[] out = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                out[a * k + p] = c[a][p];
            }
        }
        return out;
    }

    @Override
    public void add(double[] statistics) {
        int k = matrix.classes();
        Metric.requireLength(statistics, k * k, kind);
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                matrix.add(a, p, (long) statistics[a * k + p]);
            }
        }
    }

    @Override
    public void reset() {
        matrix.reset();
    }

    @Override
    public String toString() {
        return kind.id() + (kind == MetricKind.ACCURACY ? "" : "(" + average.id() + ")") + " = " + result();
    }
}
