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
import java.util.function.BiFunction;

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

    /** The loaded splits and how training examples are made each epoch. */
    static final class Data implements LoadedData {
        private final Map<Split, List<Item>> splits;
        private final DataPipeline pipeline;
        private final boolean sequences;
        private final int features;
        private final BiFunction<Item, RandomSource, float[][]> augment;

        /**
         * @param augment makes a training example's features for an epoch (or {@code null}: as loaded)
         */
        Data(Map<Split, List<Item>> splits, DataPipeline pipeline, boolean sequences, int features,
                BiFunction<Item, RandomSource, float[][]> augment) {
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
                    List<float[][]> feats = new ArrayList<>(order.size());
                    RandomSource aug = r.fork("augment");
                    for (Item it : order) {
                        feats.add(augmented ? augment.apply(it, aug) : it.steps());
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
                                    .sort(Comparator.comparingInt(i -> feats.get(i).length));
                        }
                    }
                    List<TrainBatch> out = new ArrayList<>();
                    for (int from = 0; from < idx.size(); from += size) {
                        List<Integer> part = idx.subList(from, Math.min(idx.size(), from + size));
                        out.add(batch(part, order, feats));
                    }
                    if (plan.bucketByLength() && plan.shuffle()) {
                        Parts.shuffle(out, r);
                    }
                    return out;
                }

                @Override
                public int examples() {
                    return items.size();
                }
            };
        }

        private TrainBatch batch(List<Integer> part, List<Item> items, List<float[][]> feats) {
            int n = part.size();
            int steps = 1;
            int labels = 1;
            for (int i : part) {
                steps = Math.max(steps, feats.get(i).length);
                labels = Math.max(labels, items.get(i).target().length);
            }
            float[] x = new float[n * steps * features];
            int[] lengths = new int[n];
            for (int k = 0; k < n; k++) {
                float[][] f = feats.get(part.get(k));
                lengths[k] = f.length;
                for (int t = 0; t < f.length; t++) {
                    System.arraycopy(f[t], 0, x, (k * steps + t) * features, features);
                }
            }
            Flow input = new Flow(Tensor.of(x, n, steps, features), new SequenceMask(n, steps, lengths));
            if (!sequences) {
                float[] y = new float[n];
                for (int k = 0; k < n; k++) {
                    y[k] = items.get(part.get(k)).target()[0];
                }
                return TrainBatch.of(input, Tensor.of(y, n));
            }
            float[] y = new float[n * labels];
            java.util.Arrays.fill(y, -1f);
            for (int k = 0; k < n; k++) {
                int[] l = items.get(part.get(k)).target();
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
            List<Item> train = splits.getOrDefault(Split.TRAIN, List.of());
            if (sequences) {
                List<int[]> transcripts = new ArrayList<>();
                for (Item it : train) {
                    transcripts.add(it.target());
                }
                int separator = pipeline.capability(io.rnn4j.core.spi.LabelSequences.class)
                        .map(io.rnn4j.core.spi.LabelSequences::separator).orElse(-1);
                return TranscriptionReport.of(split, batches(split, BatchPlan.evaluation(32)).batches(0), transcripts,
                        separator, context);
            }
            Map<Integer, Integer> counts = new java.util.HashMap<>();
            for (Item it : train) {
                counts.merge(it.target()[0], 1, Integer::sum);
            }
            int majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
            List<Item> items = splits.getOrDefault(split, List.of());
            long hits = items.stream().filter(it -> it.target()[0] == majority).count();
            return new Reports.Classification(split, items.isEmpty() ? Double.NaN : (double) hits / items.size());
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
}
