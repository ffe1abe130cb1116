package io.rnn4j.data.kind;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.internal.Parts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code images} and {@code audio} kinds share: examples in memory (a feature sequence and a
 * class or a label sequence), batched with padding and a mask; label-sequence targets are
 * {@code [batch, max_labels]} data labels padded with {@code -1}, which the runtime maps to a CTC head's
 * outputs.
 */
final class Recognition {
    private Recognition() {
    }

    /**
     * One example.
     *
     * @param steps  features per step ({@code [steps][features]}), or {@code null} when {@code source}
     *               makes them anew each epoch (augmented audio)
     * @param target the class ({@code [c]}) or the label sequence
     * @param where  the file and line it came from, for messages
     */
    record Item(float[][] steps, int[] target, String where) {
    }

    /**
     * How a training example is perturbed each epoch: its random choices are drawn up front, in the epoch's
     * order (cheap), so that its length is known for bucketing; its features are made only when its batch
     * is (so an epoch's perturbed features are never all in memory at once).
     *
     * @param <D> the random choices of one perturbation
     */
    interface Perturbation<D> {
        /** Draws the choices for {@code item} from {@code random}. */
        D draw(Item item, RandomSource random);

        /** The steps {@code item} will have under {@code choices}. */
        int steps(Item item, D choices);

        /** The perturbed features; {@link #steps} long. */
        float[][] apply(Item item, D choices);
    }

    /** The loaded splits and how training examples are made each epoch. */
    static final class Data implements LoadedData {
        private final Map<Split, List<Item>> splits;
        private final DataPipeline pipeline;
        private final boolean sequences;
        private final int features;
        private final Perturbation<?> augment;

        /**
         * @param augment how a training example is perturbed each epoch (or {@code null}: as loaded)
         */
        Data(Map<Split, List<Item>> splits, DataPipeline pipeline, boolean sequences, int features,
                Perturbation<?> augment) {
            this.splits = new EnumMap<>(splits);
            this.pipeline = pipeline;
            this.sequences = sequences;
            this.features = features;
            this.augment = augment;
        }

        @Override
        public DataPipeline pipeline() {
            return pipeline;
        }

        @Override
        public int size(Split split) {
            return splits.getOrDefault(split, List.of()).size();
        }

        /** An example of an epoch: the item, its step count, and how its features are made. */
        private record Planned(Item item, int steps, java.util.function.Supplier<float[][]> features) {
        }

        private static <D> Planned plan(Perturbation<D> p, Item it, RandomSource r) {
            D d = p.draw(it, r);
            return new Planned(it, p.steps(it, d), () -> p.apply(it, d));
        }

        @Override
        public BatchSource batches(Split split, BatchPlan plan) {
            List<Item> items = splits.getOrDefault(split, List.of());
            boolean augmented = augment != null && split == Split.TRAIN;
            return new BatchSource() {
                @Override
                public List<TrainBatch> batches(int epoch) {
                    List<Item> order = new ArrayList<>(items);
                    RandomSource r = new RandomSource(plan.seed()).fork("epoch-" + epoch);
                    if (plan.shuffle()) {
                        Parts.shuffle(order, r);
                    }
                    List<Planned> planned = new ArrayList<>(order.size());
                    RandomSource aug = r.fork("augment");
                    for (Item it : order) {
                        planned.add(augmented ? plan(augment, it, aug) : new Planned(it, it.steps().length, it::steps));
                    }
                    List<Integer> idx = new ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        idx.add(i);
                    }
                    int size = plan.batchSize();
                    if (plan.bucketByLength()) {
                        int chunk = size * 50;
                        for (int from = 0; from < idx.size(); from += chunk) {
                            idx.subList(from, Math.min(idx.size(), from + chunk))
                                    .sort(Comparator.comparingInt(i -> planned.get(i).steps()));
                        }
                    }
                    List<List<Planned>> parts = new ArrayList<>();
                    for (int from = 0; from < idx.size(); from += size) {
                        List<Planned> part = new ArrayList<>();
                        for (int i : idx.subList(from, Math.min(idx.size(), from + size))) {
                            part.add(planned.get(i));
                        }
                        parts.add(part);
                    }
                    if (plan.bucketByLength() && plan.shuffle()) {
                        Parts.shuffle(parts, r);
                    }
                    // each batch's (perturbed) features are made when the batch is read, not all up front
                    return new java.util.AbstractList<>() {
                        @Override
                        public TrainBatch get(int i) {
                            return batch(parts.get(i));
                        }

                        @Override
                        public int size() {
                            return parts.size();
                        }
                    };
                }

                @Override
                public int examples() {
                    return items.size();
                }

                @Override
                public boolean sameEveryEpoch() {
                    return !augmented && !plan.shuffle();
                }
            };
        }

        private TrainBatch batch(List<Planned> part) {
            int n = part.size();
            int steps = 1;
            int labels = 1;
            List<float[][]> feats = new ArrayList<>(n);
            for (Planned p : part) {
                float[][] f = p.features().get();
                if (f.length != p.steps()) {
                    throw new IllegalStateException(p.item().where() + ": the perturbed example has " + f.length
                            + " steps, not the " + p.steps() + " planned");
                }
                feats.add(f);
                steps = Math.max(steps, f.length);
                labels = Math.max(labels, p.item().target().length);
            }
            float[] x = new float[n * steps * features];
            int[] lengths = new int[n];
            for (int k = 0; k < n; k++) {
                float[][] f = feats.get(k);
                lengths[k] = f.length;
                for (int t = 0; t < f.length; t++) {
                    System.arraycopy(f[t], 0, x, (k * steps + t) * features, features);
                }
            }
            Flow input = new Flow(Tensor.of(x, n, steps, features), new SequenceMask(n, steps, lengths));
            if (!sequences) {
                float[] y = new float[n];
                for (int k = 0; k < n; k++) {
                    y[k] = part.get(k).item().target()[0];
                }
                return TrainBatch.of(input, Tensor.of(y, n));
            }
            float[] y = new float[n * labels];
            java.util.Arrays.fill(y, -1f);
            for (int k = 0; k < n; k++) {
                int[] l = part.get(k).item().target();
                for (int j = 0; j < l.length; j++) {
                    y[k * labels + j] = l[j];
                }
            }
            return new TrainBatch(input, null, Tensor.of(y, n, labels), null, n);
        }

        /**
         * Transcripts: {@link TranscriptionReport} (greedy and beam against a baseline); classes: the majority
         * baseline's accuracy.
         */
        @Override
        public TaskReport report(Split split, ReportContext context) {
            int[] baseline = baseline(splits.getOrDefault(Split.TRAIN, List.of()), sequences);
            if (sequences) {
                int separator = pipeline.capability(io.rnn4j.core.spi.LabelSequences.class)
                        .map(io.rnn4j.core.spi.LabelSequences::separator).orElse(-1);
                TranscriptionReport.Tally t = new TranscriptionReport.Tally(baseline, separator);
                t.add(batches(split, BatchPlan.evaluation(REPORT_BATCH)).batches(0), context);
                return t.report(split, context);
            }
            int majority = baseline[0];
            List<Item> items = splits.getOrDefault(split, List.of());
            long hits = items.stream().filter(it -> it.target()[0] == majority).count();
            return new Reports.Classification(split, items.isEmpty() ? Double.NaN : (double) hits / items.size());
        }
    }

    /** The batch size a transcription report decodes in. */
    static final int REPORT_BATCH = 32;

    /**
     * The baseline the report compares the model with, from the training split's items: for classes the
     * majority class ({@code [class]}, 0 when there is no item); for label sequences the most frequent label
     * repeated the median transcript length ({@link TranscriptionReport}). A model's archive stores it, so
     * that evaluating on another file needs no training data.
     */
    static int[] baseline(List<Item> train, boolean sequences) {
        if (sequences) {
            List<int[]> transcripts = new ArrayList<>();
            for (Item it : train) {
                transcripts.add(it.target());
            }
            return TranscriptionReport.baseline(transcripts);
        }
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (Item it : train) {
            counts.merge(it.target()[0], 1, Integer::sum);
        }
        return new int[] {io.rnn4j.data.internal.Tallies.mostFrequent(counts, 0)};
    }

    /** A stored baseline ({@code "baseline"} of a pipeline entry), or null when the entry has none (earlier rnn4j). */
    static int[] storedBaseline(Map<String, Object> entry) {
        Object b = entry.get("baseline");
        if (!(b instanceof List<?> l)) {
            return null;
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    /**
     * The baseline of a model whose archive does not store it (written by an earlier rnn4j), re-derived from the
     * targets of its training list's training split as training took it (the held-out fractions removed).
     *
     * @param target the target of a training row (its class or labels; the image or audio is not read)
     * @param where  the archive entry that lacks it, for the message
     * @throws Rnn4jException {@code RNN4J-DATA-154} when the training list is not there any more
     */
    static int[] legacyBaseline(io.rnn4j.core.spec.DataSpec spec, io.rnn4j.core.spi.DataContext context, boolean sequences,
            java.util.function.Function<ListFile.Row, int[]> target, String where) {
        java.nio.file.Path train = context.resolve(spec.train());
        if (!java.nio.file.Files.isRegularFile(train)) {
            throw new Rnn4jException("RNN4J-DATA-154", where + " stores no baseline (the archive was written by an "
                    + "earlier rnn4j), so evaluating on another file re-derives it from the training list " + train
                    + ", which is not there any more (moved or deleted). Put that file back at that path, or retrain the "
                    + "model with this rnn4j (its archive then stores the baseline and needs no training data).");
        }
        List<Item> items = new ArrayList<>();
        for (ListFile.Row r : Holdouts.split(spec, context).get(Split.TRAIN)) {
            items.add(new Item(null, target.apply(r), r.where()));
        }
        return baseline(items, sequences);
    }

    /**
     * A list file read for {@code evaluate --data} in windows of rows: each window's items are made (images or
     * audio read, features computed) only when it is read, and the report's figures are accumulated against the
     * model's stored baseline, equal to {@link Data#report} on the file as the test split.
     */
    static final class Stream implements io.rnn4j.core.spi.StreamedSplit {
        private final List<ListFile.Row> rows;
        private final java.util.function.Function<ListFile.Row, Item> make;
        private final DataPipeline pipeline;
        private final boolean sequences;
        private final int features;
        private final int window;
        private final TranscriptionReport.Tally transcripts;
        private final int majority;
        private int at;
        private long hits;
        private int examples;

        Stream(List<ListFile.Row> rows, java.util.function.Function<ListFile.Row, Item> make, DataPipeline pipeline,
                boolean sequences, int features, int[] baseline, int window) {
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, was " + window);
            }
            this.rows = rows;
            this.make = make;
            this.pipeline = pipeline;
            this.sequences = sequences;
            this.features = features;
            this.window = window;
            this.transcripts = sequences ? new TranscriptionReport.Tally(baseline, pipeline.capability(
                    io.rnn4j.core.spi.LabelSequences.class).map(io.rnn4j.core.spi.LabelSequences::separator).orElse(-1))
                    : null;
            this.majority = sequences ? -1 : baseline[0];
        }

        @Override
        public BatchSource next(BatchPlan plan, ReportContext context) {
            if (at >= rows.size()) {
                return null;
            }
            List<Item> items = new ArrayList<>();
            for (ListFile.Row r : rows.subList(at, Math.min(rows.size(), at + window))) {
                items.add(make.apply(r));
            }
            at += items.size();
            examples += items.size();
            Data d = new Data(Map.of(Split.TEST, items), pipeline, sequences, features, null);
            if (sequences) {
                transcripts.add(d.batches(Split.TEST, BatchPlan.evaluation(REPORT_BATCH)).batches(0), context);
            } else {
                hits += items.stream().filter(it -> it.target()[0] == majority).count();
            }
            return d.batches(Split.TEST, plan);
        }

        @Override
        public int examples() {
            return examples;
        }

        @Override
        public TaskReport report(ReportContext context) {
            if (sequences) {
                return transcripts.report(Split.TEST, context);
            }
            return new Reports.Classification(Split.TEST, examples == 0 ? Double.NaN : (double) hits / examples);
        }

        @Override
        public void close() {
        }
    }

    /**
     * Checks that a label sequence fits in the frames: CTC needs one frame per label plus one between
     * repeated labels.
     *
     * @throws Rnn4jException {@code RNN4J-DATA-060} naming the example
     */
    static void checkFits(int[] labels, int frames, String where, String hint) {
        int needed = labels.length;
        for (int i = 1; i < labels.length; i++) {
            if (labels[i] == labels[i - 1]) {
                needed++;
            }
        }
        if (needed > frames) {
            throw new Rnn4jException("RNN4J-DATA-060", where + ": the transcript has " + labels.length + " labels and "
                    + "needs at least " + needed + " steps (one per label, one between repeats) but the input has only "
                    + frames + "; CTC cannot align it. " + hint);
        }
    }

    /**
     * Reads a pipeline's JSON entry from a model archive.
     *
     * @throws Rnn4jException {@code RNN4J-DATA-064} when the entry is missing or unreadable
     */
    static Map<String, Object> readEntry(Map<String, byte[]> stored, String entry, String source) {
        byte[] b = stored.get(entry);
        if (b == null) {
            throw new Rnn4jException("RNN4J-DATA-064", source + entry + " is missing; the model archive is damaged");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(b, Map.class);
            return m;
        } catch (java.io.IOException | RuntimeException e) {
            throw new Rnn4jException("RNN4J-DATA-064", source + entry + " cannot be read (" + e.getMessage()
                    + "); the model archive is damaged", e);
        }
    }

    /**
     * Turns a read pipeline entry into the pipeline, reporting a missing or wrong field as a damaged archive.
     *
     * @throws Rnn4jException {@code RNN4J-DATA-064}
     */
    static <P> P restore(Map<String, byte[]> stored, String entry, String source,
            java.util.function.Function<Map<String, Object>, P> make) {
        Map<String, Object> m = readEntry(stored, entry, source);
        try {
            return make.apply(m);
        } catch (RuntimeException e) {
            throw new Rnn4jException("RNN4J-DATA-064", source + entry + " cannot be read (" + e.getMessage()
                    + "); the model archive is damaged", e);
        }
    }

    /** A new JSON object for a pipeline entry, with its {@code format}. */
    static com.fasterxml.jackson.databind.node.ObjectNode entry(String format) {
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        n.put("format", format);
        return n;
    }

    /** The stored form of a pipeline: one JSON entry. */
    static Map<String, byte[]> store(String entry, com.fasterxml.jackson.databind.node.ObjectNode n) {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        out.put(entry, n.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    /** {@code [steps][features]} as a {@code [steps, features]} tensor. */
    static Tensor flatten(float[][] steps, int features) {
        float[] flat = new float[steps.length * features];
        for (int t = 0; t < steps.length; t++) {
            System.arraycopy(steps[t], 0, flat, t * features, features);
        }
        return Tensor.of(flat, steps.length, features);
    }
}
