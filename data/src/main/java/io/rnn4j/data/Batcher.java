package io.rnn4j.data;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.data.internal.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns a list of examples into padded batches.
 *
 * <p>Every epoch has its own order, drawn from {@code RandomSource(seed).fork("batcher.epoch.<n>")},
 * so epoch {@code n} is the same whether or not earlier epochs ran (training resumes exactly). With
 * {@link BatchOptions#bucketByLength()}, the shuffled examples are cut into chunks of
 * {@code bucketChunk * batchSize}, each chunk is sorted by input length (stable), cut into batches,
 * and the batches are shuffled, so batches hold similar lengths yet come in random order. Sequences
 * are padded at the end to the longest in their batch; the last partial batch is kept.
 */
public final class Batcher {
    private final BatchOptions options;

    /** A batcher with the given options. */
    public Batcher(BatchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public BatchOptions options() {
        return options;
    }

    /** The batches of epoch {@code epoch} (0-based) over {@code examples}. */
    public List<Batch> epoch(List<Example> examples, int epoch) {
        int[] lengths = new int[examples.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = examples.get(i).input().steps();
        }
        List<int[]> plan = plan(lengths, epoch);
        List<Batch> out = new ArrayList<>(plan.size());
        for (int[] idx : plan) {
            out.add(batch(examples, idx));
        }
        return out;
    }

    /** Number of batches per epoch for {@code n} examples. */
    public int batchesPerEpoch(int n) {
        return (n + options.batchSize() - 1) / options.batchSize();
    }

    /**
     * The example indices of each batch of epoch {@code epoch}, for examples whose input lengths are
     * {@code lengths}: the order {@link #epoch(List, int)} uses.
     */
    public List<int[]> plan(int[] lengths, int epoch) {
        int n = lengths.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomSource rng = new RandomSource(options.seed()).fork("batcher.epoch." + epoch);
        if (options.shuffle()) {
            shuffle(order, rng);
        }
        int bs = options.batchSize();
        if (options.bucketByLength()) {
            int chunk = options.bucketChunk() * bs;
            for (int from = 0; from < n; from += chunk) {
                Arrays.sort(order, from, Math.min(n, from + chunk), Comparator.comparingInt(i -> lengths[i]));
            }
        }
        List<int[]> batches = new ArrayList<>(batchesPerEpoch(n));
        if (options.bucketByLength()) {
            // cut each chunk on its own so that no batch spans two chunks
            int chunk = options.bucketChunk() * bs;
            for (int from = 0; from < n; from += chunk) {
                cut(order, from, Math.min(n, from + chunk), bs, batches);
            }
            if (options.shuffle()) {
                int[][] arr = batches.toArray(new int[0][]);
                shuffle(arr, rng);
                batches = new ArrayList<>(Arrays.asList(arr));
            }
        } else {
            cut(order, 0, n, bs, batches);
        }
        return batches;
    }

    private static void cut(Integer[] order, int from, int to, int bs, List<int[]> out) {
        for (int b = from; b < to; b += bs) {
            int e = Math.min(to, b + bs);
            int[] idx = new int[e - b];
            for (int i = b; i < e; i++) {
                idx[i - b] = order[i];
            }
            out.add(idx);
        }
    }

    private static <T> void shuffle(T[] a, RandomSource rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** All of {@code examples}, in order, as one batch. */
    public static Batch of(List<Example> examples) {
        int[] idx = new int[examples.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return batch(examples, idx);
    }

    /**
     * The batch of {@code examples.get(i)} for each {@code i} in {@code indices}: inputs padded at the
     * end, the mask, and the targets. All examples must have the same input kind and width, target
     * kind and width ({@code RNN4J-DATA-018} otherwise).
     */
    public static Batch batch(List<Example> examples, int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        Example first = examples.get(indices[0]);
        int b = indices.length;
        int time = 0;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            Example e = examples.get(indices[i]);
            checkCompatible(first, indices[0], e, indices[i]);
            lengths[i] = e.input().steps();
            time = Math.max(time, lengths[i]);
        }
        int w = first.input().width();
        boolean tokens = first.input().kind() == InputKind.TOKENS;
        float[] x = new float[b * time * w];
        for (int i = 0; i < b; i++) {
            examples.get(indices[i]).input().writeTo(x, i * time * w);
        }
        Tensor inputs = tokens ? Tensor.of(x, b, time) : Tensor.of(x, b, time, w);
        SequenceMask mask = new SequenceMask(b, time, lengths);
        return new Batch(inputs, mask, targets(examples, indices, time), indices);
    }

    private static Targets targets(List<Example> examples, int[] indices, int time) {
        int b = indices.length;
        Target t0 = examples.get(indices[0]).target();
        switch (t0.kind()) {
            case CLASS: {
                int[] c = new int[b];
                for (int i = 0; i < b; i++) {
                    c[i] = ((Target.ClassIndex) examples.get(indices[i]).target()).index();
                }
                return new Targets.Classes(c);
            }
            case VALUES: {
                int w = t0.width();
                float[] v = new float[b * w];
                for (int i = 0; i < b; i++) {
                    Target.Values tv = (Target.Values) examples.get(indices[i]).target();
                    for (int k = 0; k < w; k++) {
                        v[i * w + k] = tv.get(k);
                    }
                }
                return new Targets.Values(Tensor.of(v, b, w));
            }
            case STEP_CLASSES: {
                float[] v = new float[b * time];
                for (int i = 0; i < b; i++) {
                    Target.StepClasses s = (Target.StepClasses) examples.get(indices[i]).target();
                    for (int t = 0; t < s.steps(); t++) {
                        v[i * time + t] = s.get(t);
                    }
                }
                return new Targets.StepClasses(Tensor.of(v, b, time));
            }
            case STEP_VALUES: {
                int w = t0.width();
                float[] v = new float[b * time * w];
                for (int i = 0; i < b; i++) {
                    Target.StepValues s = (Target.StepValues) examples.get(indices[i]).target();
                    for (int t = 0; t < s.steps(); t++) {
                        for (int k = 0; k < w; k++) {
                            v[(i * time + t) * w + k] = s.get(t, k);
                        }
                    }
                }
                return new Targets.StepValues(Tensor.of(v, b, time, w));
            }
            case SEQUENCE: {
                int[] lengths = new int[b];
                int tt = 0;
                for (int i = 0; i < b; i++) {
                    lengths[i] = ((Target.TokenSequence) examples.get(indices[i]).target()).length() - 1;
                    tt = Math.max(tt, lengths[i]);
                }
                float[] in = new float[b * tt];
                float[] out = new float[b * tt];
                for (int i = 0; i < b; i++) {
                    Target.TokenSequence s = (Target.TokenSequence) examples.get(indices[i]).target();
                    for (int t = 0; t < lengths[i]; t++) {
                        in[i * tt + t] = s.get(t);
                        out[i * tt + t] = s.get(t + 1);
                    }
                }
                return new Targets.Sequences(Tensor.of(in, b, tt), Tensor.of(out, b, tt), new SequenceMask(b, tt, lengths));
            }
            default:
                throw new IllegalStateException("unknown target kind " + t0.kind());
        }
    }

    private static void checkCompatible(Example a, int ia, Example e, int ie) {
        String problem = null;
        if (a.input().kind() != e.input().kind()) {
            problem = "input kinds " + a.input().kind() + " and " + e.input().kind();
        } else if (a.input().width() != e.input().width()) {
            problem = "input widths " + a.input().width() + " and " + e.input().width();
        } else if (a.target().kind() != e.target().kind()) {
            problem = "target kinds " + a.target().kind() + " and " + e.target().kind();
        } else if (a.target().width() != e.target().width()) {
            problem = "target widths " + a.target().width() + " and " + e.target().width();
        }
        if (problem != null) {
            throw Problem.of(DataErrors.INCOMPATIBLE_EXAMPLES, "examples that cannot share a batch")
                    .found(problem + " (examples " + ia + " and " + ie + ", from lines/rows " + a.origin() + " and " + e.origin() + ")")
                    .expected("examples of one data set, which all have the same kinds and widths")
                    .fix("batch the examples of each data set separately.").error();
        }
    }
}
