package io.rnn4j.core.loss;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.LogSpace;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Connectionist Temporal Classification (Graves et al., 2006, "Connectionist Temporal Classification:
 * Labelling Unsegmented Sequence Data with Recurrent Neural Networks"), with the semantics of PyTorch's
 * {@code F.ctc_loss}: the negative log-likelihood of a label sequence summed over every alignment of it
 * to the input frames, computed by the forward-backward recursion in log space.
 *
 * <p><b>Shapes.</b> Predictions {@code [batch, time, C]}: scores over {@code C = classes + 1} outputs
 * at every frame, one of them the blank ({@link #blank()}, default 0). The input length of sequence
 * {@code b} is the mask's {@code length(b)} (all {@code time} frames without a mask). Targets
 * {@code [batch, L]} hold label sequences as output indices stored as floats (integers in
 * {@code 0..C-1}, never the blank), padded at the end with {@code -1}: the label length of {@code b} is
 * the number of entries before its first negative one ({@code 0} is allowed: the empty transcript).
 * Padded frames and padded labels are never read.
 *
 * <p><b>Log-probabilities.</b> The loss takes the per-frame scores through a log-softmax first. That is
 * a no-op on log-probabilities (which is what {@code F.ctc_loss} takes), so values equal PyTorch's, and
 * it lets a head end in a linear layer like every other loss here (see the package). The gradient
 * written is with respect to these scores: {@code dL/dz[t, c] = p[t, c] - gamma[t, c]}, where
 * {@code gamma} is the posterior probability of emitting {@code c} at {@code t}; on log-probability
 * inputs that is exactly the gradient {@code F.ctc_loss} returns for its {@code log_probs} (PyTorch's
 * CTC backward returns the gradient through the log-softmax).
 *
 * <p><b>Reduction.</b> {@link Reduction#MEAN} (default, as PyTorch): each sequence's loss is divided by
 * its label length (at least 1), then averaged over the batch. {@link Reduction#SUM}: summed over the
 * batch.
 *
 * <p><b>Impossible alignments.</b> A label sequence that needs more frames than the input has (its
 * length plus one blank between every pair of repeated labels) has probability 0: its loss is
 * {@code +inf}, or {@code 0} with {@code zero_infinity} (whose gradient is then 0 as well), as in
 * PyTorch. The gradient of such a sequence is written as 0 in either case (PyTorch writes NaN without
 * {@code zero_infinity}); the value is never NaN. The trainer stops on an infinite loss with its
 * divergence error, so give the data enough frames or set {@code zero_infinity}.
 *
 * <p>Arithmetic is in double; the gradient is stored in float32. Sequences are independent and are
 * computed in parallel for large batches; the result does not depend on the number of threads.
 */
public final class CtcLoss implements Loss {
    /** How per-sequence losses are combined. */
    public enum Reduction {
        /** Divide each loss by its label length (at least 1), then average over the batch (PyTorch's default). */
        MEAN,
        /** Sum over the batch. */
        SUM;

        /** The id used in YAML ({@code mean}, {@code sum}). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Work above which the batch is split between threads (frames x extended labels, summed). */
    private static final long PARALLEL_WORK = 20_000;

    private final int blank;
    private final Reduction reduction;
    private final boolean zeroInfinity;

    /** PyTorch's defaults: blank 0, mean reduction, infinite losses kept. */
    public CtcLoss() {
        this(0, Reduction.MEAN, false);
    }

    /**
     * A CTC loss with options.
     *
     * @param blank        index of the blank among the outputs ({@code >= 0}; checked against the
     *                     predictions' width at each call)
     * @param reduction    mean or sum over the batch
     * @param zeroInfinity whether infinite losses (impossible alignments) and their gradients become 0
     */
    public CtcLoss(int blank, Reduction reduction, boolean zeroInfinity) {
        if (blank < 0) {
            throw new IllegalArgumentException("ctc: blank must be an output index >= 0, was " + blank);
        }
        this.blank = blank;
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
        this.zeroInfinity = zeroInfinity;
    }

    /** The blank's output index. */
    public int blank() {
        return blank;
    }

    /** How per-sequence losses are combined. */
    public Reduction reduction() {
        return reduction;
    }

    /** Whether infinite losses become 0. */
    public boolean zeroInfinity() {
        return zeroInfinity;
    }

    @Override
    public LossKind kind() {
        return LossKind.CTC;
    }

    /**
     * Sequences for {@link Reduction#MEAN} (the value is a mean over sequences), 1 for
     * {@link Reduction#SUM} (an epoch's value is then the mean of its batches' sums).
     */
    @Override
    public long count(Tensor predictions, SequenceMask mask) {
        return reduction == Reduction.MEAN ? predictions.dim(0) : 1;
    }

    @Override
    public double forward(Tensor predictions, Tensor targets, SequenceMask mask, Tensor grad) {
        if (predictions.rank() != 3) {
            throw new IllegalArgumentException("ctc: predictions must be per-frame scores [batch, time, classes + 1], got "
                    + predictions.shape() + "; the ctc loss needs a head that predicts at every step");
        }
        int batch = predictions.dim(0);
        int time = predictions.dim(1);
        int width = predictions.dim(2);
        if (grad != null && !grad.shape().equals(predictions.shape())) {
            throw new IllegalArgumentException("ctc: gradient tensor has shape " + grad.shape()
                    + " but the predictions have " + predictions.shape());
        }
        if (mask != null && (mask.batch() != batch || mask.time() != time)) {
            throw new IllegalArgumentException("ctc: mask is for batch " + mask.batch() + " and time " + mask.time()
                    + " but the predictions are " + predictions.shape());
        }
        if (blank >= width) {
            throw new IllegalArgumentException("ctc: blank is output " + blank + " but the predictions have only "
                    + width + " outputs per frame (0.." + (width - 1) + "); set the blank to 0 or to the last output");
        }
        if (width < 2) {
            throw new IllegalArgumentException("ctc: predictions have " + width + " output per frame; CTC needs the "
                    + "blank and at least one label");
        }
        int[][] labels = labels(targets, batch, width);
        double[] losses = new double[batch];
        long work = 0;
        for (int b = 0; b < batch; b++) {
            work += (long) length(mask, b, time) * (2L * labels[b].length + 1);
        }
        IntStream range = IntStream.range(0, batch);
        if (work >= PARALLEL_WORK && batch > 1) {
            range = range.parallel();
        }
        range.forEach(b -> losses[b] = sequence(predictions, b, length(mask, b, time), labels[b], grad));
        double total = 0;
        for (int b = 0; b < batch; b++) {
            total += reduction == Reduction.MEAN ? losses[b] / Math.max(1, labels[b].length) : losses[b];
        }
        if (reduction == Reduction.MEAN) {
            total /= batch;
        }
        if (grad != null) {
            for (int b = 0; b < batch; b++) {
                double scale = reduction == Reduction.MEAN ? 1.0 / Math.max(1, labels[b].length) / batch : 1.0;
                if (scale != 1.0) {
                    float[] g = grad.data();
                    int from = grad.offset() + b * time * width;
                    int to = from + length(mask, b, time) * width;
                    for (int i = from; i < to; i++) {
                        g[i] = (float) (g[i] * scale);
                    }
                }
            }
        }
        return total;
    }

    private static int length(SequenceMask mask, int b, int time) {
        return mask == null ? time : mask.length(b);
    }

    /** The label sequences, validated: integers in {@code 0..width-1}, not the blank, {@code -1} padding at the end. */
    private int[][] labels(Tensor targets, int batch, int width) {
        if (targets.rank() != 2 || targets.dim(0) != batch) {
            throw new IllegalArgumentException("ctc: targets must be label sequences [batch, max_label_length] padded "
                    + "with -1, got " + targets.shape() + " for a batch of " + batch);
        }
        int max = targets.dim(1);
        int[][] labels = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int n = 0;
            while (n < max && targets.get(b, n) >= 0) {
                n++;
            }
            int[] seq = new int[n];
            for (int i = 0; i < max; i++) {
                float v = targets.get(b, i);
                if (i >= n) {
                    if (v >= 0 || Float.isNaN(v)) {
                        throw new IllegalArgumentException("ctc: target of sequence " + b + " has " + v + " at position "
                                + i + " after the padding began at position " + n + "; pad label sequences at the end "
                                + "with -1 only");
                    }
                    continue;
                }
                if (v != (int) v || v >= width || v == blank) {
                    throw new IllegalArgumentException("ctc: label " + i + " of sequence " + b + " is " + v
                            + " but labels must be integer output indices in 0.." + (width - 1) + " other than the blank ("
                            + blank + ")");
                }
                seq[i] = (int) v;
            }
            labels[b] = seq;
        }
        return labels;
    }

    /**
     * The loss of one sequence ({@code -log p(labels | x)}, not reduced), with its unscaled gradient
     * {@code p - gamma} written into {@code grad} (0 at padded frames and for an impossible or zeroed
     * sequence).
     */
    private double sequence(Tensor predictions, int b, int frames, int[] labels, Tensor grad) {
        int time = predictions.dim(1);
        int width = predictions.dim(2);
        int s = 2 * labels.length + 1;
        float[] x = predictions.data();
        int xBase = predictions.offset() + b * time * width;
        double[] lp = new double[Math.max(frames, 1) * width];
        for (int t = 0; t < frames; t++) {
            LogSpace.logSoftmax(x, xBase + t * width, lp, t * width, width);
        }
        int[] ext = new int[s]; // l': blank, l1, blank, l2, ..., blank
        for (int i = 0; i < s; i++) {
            ext[i] = (i & 1) == 0 ? blank : labels[i >> 1];
        }
        double nll;
        double[] alpha = null;
        if (frames == 0) {
            nll = labels.length == 0 ? 0 : Double.POSITIVE_INFINITY;
        } else {
            alpha = forwardVariables(lp, ext, frames, width);
            double last = alpha[(frames - 1) * s + s - 1];
            double ll = s > 1 ? LogSpace.logAdd(last, alpha[(frames - 1) * s + s - 2]) : last;
            nll = -ll;
        }
        boolean impossible = nll == Double.POSITIVE_INFINITY;
        if (grad != null) {
            float[] g = grad.data();
            int gBase = grad.offset() + b * time * width;
            Arrays.fill(g, gBase, gBase + time * width, 0f);
            if (!impossible && frames > 0) {
                double[] beta = backwardVariables(lp, ext, frames, width);
                double[] lcab = new double[width];
                for (int t = 0; t < frames; t++) {
                    Arrays.fill(lcab, Double.NEGATIVE_INFINITY);
                    for (int i = 0; i < s; i++) {
                        int c = ext[i];
                        lcab[c] = LogSpace.logAdd(lcab[c], alpha[t * s + i] + beta[t * s + i]);
                    }
                    int o = t * width;
                    for (int c = 0; c < width; c++) {
                        double p = Math.exp(lp[o + c]);
                        double gamma = lcab[c] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(lcab[c] - lp[o + c] + nll);
                        g[gBase + o + c] = (float) (p - gamma);
                    }
                }
            }
        }
        if (impossible && zeroInfinity) {
            return 0;
        }
        return nll;
    }

    /** {@code alpha[t, i]}: log-probability of the prefixes of {@code ext} ending at {@code i} after frame {@code t}. */
    private static double[] forwardVariables(double[] lp, int[] ext, int frames, int width) {
        int s = ext.length;
        double[] alpha = new double[frames * s];
        Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        alpha[0] = lp[ext[0]];
        if (s > 1) {
            alpha[1] = lp[ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * s;
            int cur = t * s;
            int o = t * width;
            for (int i = 0; i < s; i++) {
                double a = alpha[prev + i];
                if (i > 0) {
                    a = LogSpace.logAdd(a, alpha[prev + i - 1]);
                }
                if (i > 1 && ext[i] != ext[i - 2]) {
                    a = LogSpace.logAdd(a, alpha[prev + i - 2]);
                }
                alpha[cur + i] = a == Double.NEGATIVE_INFINITY ? a : a + lp[o + ext[i]];
            }
        }
        return alpha;
    }

    /** {@code beta[t, i]}: log-probability of the suffixes from {@code i} at frame {@code t} (emission at {@code t} included). */
    private static double[] backwardVariables(double[] lp, int[] ext, int frames, int width) {
        int s = ext.length;
        double[] beta = new double[frames * s];
        Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        int last = (frames - 1) * s;
        beta[last + s - 1] = lp[(frames - 1) * width + ext[s - 1]];
        if (s > 1) {
            beta[last + s - 2] = lp[(frames - 1) * width + ext[s - 2]];
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = (t + 1) * s;
            int cur = t * s;
            int o = t * width;
            for (int i = 0; i < s; i++) {
                double v = beta[next + i];
                if (i + 1 < s) {
                    v = LogSpace.logAdd(v, beta[next + i + 1]);
                }
                if (i + 2 < s && ext[i] != ext[i + 2]) {
                    v = LogSpace.logAdd(v, beta[next + i + 2]);
                }
                beta[cur + i] = v == Double.NEGATIVE_INFINITY ? v : v + lp[o + ext[i]];
            }
        }
        return beta;
    }

    @Override
    public String toString() {
        return "ctc(blank=" + blank + ", reduction=" + reduction.id() + ", zero_infinity=" + zeroInfinity + ")";
    }
}
