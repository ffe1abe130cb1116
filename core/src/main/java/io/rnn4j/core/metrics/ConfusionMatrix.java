package io.rnn4j.core.metrics;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (actual class, predicted class) pairs over the valid steps of every batch since the last
 * {@link #reset()}: row {@code a}, column {@code p} counts the steps whose target is {@code a} and
 * whose prediction is {@code p}. Accuracy, precision, recall and F1 all derive from it.
 *
 * <p>The predicted class of a row of scores is the index of its largest entry (the first one on ties,
 * as {@code torch.argmax}). A binary model with a single output column (trained with binary
 * cross-entropy) predicts class 1 when its score is above the binary threshold: 0 for logits (the
 * default, probability 0.5), 0.5 for probabilities.
 *
 * <p>{@link #toString()} prints the matrix as a table with per-class recall and precision. Matrices of
 * the same classes {@link #merge} (data-parallel evaluation).
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final double binaryThreshold;
    private final long[][] counts;

    /** A matrix for classes named {@code 0 .. classes-1}, binary threshold 0 (logits). */
    public ConfusionMatrix(int classes) {
        this(numbered(classes), 0);
    }

    /** A matrix with class names (for the table), binary threshold 0 (logits). */
    public ConfusionMatrix(List<String> labels) {
        this(labels, 0);
    }

    /**
     * A matrix with class names and the score above which a one-column binary prediction means class 1.
     *
     * @throws IllegalArgumentException with fewer than two classes
     */
    public ConfusionMatrix(List<String> labels, double binaryThreshold) {
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a confusion matrix needs at least 2 classes, got " + labels.size()
                    + " " + labels);
        }
        this.labels = List.copyOf(labels);
        this.binaryThreshold = binaryThreshold;
        this.counts = new long[labels.size()][labels.size()];
    }

    private static List<String> numbered(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a confusion matrix needs at least 2 classes, got " + classes);
        }
        List<String> l = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            l.add(Integer.toString(c));
        }
        return l;
    }

    /** Number of classes. */
    public int classes() {
        return labels.size();
    }

    /** Class names, in class order. */
    public List<String> labels() {
        return labels;
    }

    /**
     * Adds the valid steps of a batch: scores {@code [batch, C]} / {@code [batch, time, C]} with
     * {@code C} the number of classes (or 1 for binary), targets the class indices.
     */
    public void update(Tensor predictions, Tensor targets, SequenceMask mask) {
        String name = "confusion matrix";
        Steps steps = Steps.of(name, predictions, mask);
        int classes = classes();
        int width = steps.width();
        if (width != classes && !(width == 1 && classes == 2)) {
            throw new IllegalArgumentException(name + ": predictions have " + width + " scores per step but there are "
                    + classes + " classes; give one score per class (or one logit for 2 classes)");
        }
        steps.checkClassTargets(name, predictions, targets);
        float[] x = predictions.data();
        for (int r = 0; r < steps.count(); r++) {
            if (!steps.valid(r)) {
                continue;
            }
            int actual = steps.classAt(name, targets, r, classes);
            int off = predictions.offset() + r * width;
            int predicted;
            if (width == 1) {
                predicted = x[off] > binaryThreshold ? 1 : 0;
            } else {
                predicted = 0;
                for (int c = 1; c < width; c++) {
                    if (x[off + c] > x[off + predicted]) {
                        predicted = c;
                    }
                }
            }
            counts[actual][predicted]++;
        }
    }

    /** Counts one step. */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= classes() || predicted < 0 || predicted >= classes()) {
            throw new IllegalArgumentException("classes must be in 0.." + (classes() - 1) + ", got actual " + actual
                    + " and predicted " + predicted);
        }
        counts[actual][predicted]++;
    }

    /** Counts {@code n} steps of one cell (a part's counts added up). */
    public void add(int actual, int predicted, long n) {
        if (actual < 0 || actual >= classes() || predicted < 0 || predicted >= classes() || n < 0) {
            throw new IllegalArgumentException("classes must be in 0.." + (classes() - 1) + " and the count >= 0, got "
                    + "actual " + actual + ", predicted " + predicted + ", count " + n);
        }
        counts[actual][predicted] += n;
    }

    /** Adds another matrix's counts (same classes) to this one. */
    public void merge(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException("cannot merge a confusion matrix of " + other.classes()
                    + " classes into one of " + classes());
        }
        for (int a = 0; a < classes(); a++) {
            for (int p = 0; p < classes(); p++) {
                counts[a][p] += other.counts[a][p];
            }
        }
    }

    /** Forgets all counts. */
    public void reset() {
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
    }

    /** Steps with target {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** A copy of this matrix. */
    public ConfusionMatrix copy() {
        ConfusionMatrix m = new ConfusionMatrix(labels, binaryThreshold);
        m.merge(this);
        return m;
    }

    /** Number of steps counted. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    /** Number of steps predicted correctly (the diagonal). */
    public long correct() {
        long n = 0;
        for (int c = 0; c < classes(); c++) {
            n += counts[c][c];
        }
        return n;
    }

    /** Steps whose target is {@code c} (row sum; tp + fn). */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    /** Steps predicted as {@code c} (column sum; tp + fp). */
    public long predicted(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Whether class {@code c} occurred as a target or a prediction. */
    public boolean occurred(int c) {
        return support(c) + predicted(c) > 0;
    }

    /** Correct / total; NaN if empty. */
    public double accuracy() {
        long total = total();
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /**
     * {@code tp / (tp + fp)} of class {@code c}: 0 if the class was never predicted but occurred as a
     * target (scikit-learn's {@code zero_division=0}), NaN if it never occurred at all.
     */
    public double precision(int c) {
        return ratio(counts[c][c], predicted(c), c);
    }

    /** {@code tp / (tp + fn)} of class {@code c}; 0 or NaN as {@link #precision(int)}. */
    public double recall(int c) {
        return ratio(counts[c][c], support(c), c);
    }

    /** {@code 2 tp / (2 tp + fp + fn)} of class {@code c} (= 2PR / (P + R)); 0 or NaN as {@link #precision}. */
    public double f1(int c) {
        return ratio(2 * counts[c][c], support(c) + predicted(c), c);
    }

    private double ratio(long num, long den, int c) {
        if (den > 0) {
            return (double) num / den;
        }
        return occurred(c) ? 0 : Double.NaN;
    }

    /**
     * The matrix as a table: rows are actual classes with their support and recall, columns predicted
     * classes, then a precision row and the accuracy. Undefined values print as {@code -}.
     */
    @Override
    public String toString() {
        int n = classes();
        int first = "actual \\ predicted".length();
        int width = 6;
        for (String l : labels) {
            first = Math.max(first, l.length());
            width = Math.max(width, l.length());
        }
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                width = Math.max(width, Long.toString(counts[a][p]).length());
            }
        }
        width += 2;
        int support = Math.max(9, Long.toString(total()).length() + 2);
        StringBuilder sb = new StringBuilder();
        sb.append(pad("actual \\ predicted", first, false));
        for (String l : labels) {
            sb.append(pad(l, width, true));
        }
        sb.append(" |").append(pad("support", support, true)).append(pad("recall", 8, true)).append('\n');
        for (int a = 0; a < n; a++) {
            sb.append(pad(labels.get(a), first, false));
            for (int p = 0; p < n; p++) {
                sb.append(pad(Long.toString(counts[a][p]), width, true));
            }
            sb.append(" |").append(pad(Long.toString(support(a)), support, true))
                    .append(pad(fmt(recall(a)), 8, true)).append('\n');
        }
        sb.append(pad("precision", first, false));
        for (int p = 0; p < n; p++) {
            sb.append(pad(fmt(precision(p)), width, true));
        }
        sb.append(" |").append(pad(Long.toString(total()), support, true)).append('\n');
        sb.append("accuracy ").append(fmt(accuracy())).append(" (").append(correct()).append(" of ").append(total())
                .append(')');
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
