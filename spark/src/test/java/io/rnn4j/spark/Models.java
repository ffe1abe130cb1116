package io.rnn4j.spark;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.optim.SgdSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.List;

/** Small real models (LSTM classifier, GRU tagger) and masked synthetic data for the spark tests. */
final class Models {
    private Models() {
    }

    /** Which model a recipe builds. */
    enum Kind {
        /** LSTM, last valid step, 3 classes per sequence. */
        LSTM_CLASSIFIER,
        /** GRU, a class per step (per-step targets with the input's mask). */
        GRU_TAGGER
    }

    /** A serializable recipe: every JVM compiles the same model on the cpu backend with the same initial weights. */
    record Recipe(Kind kind, boolean adam, int epochs, long seed, long pauseMillis) implements ModelRecipe {
        private static final long serialVersionUID = 1L;

        Recipe(Kind kind, boolean adam, int epochs, long seed) {
            this(kind, adam, epochs, seed, 0);
        }

        /**
         * Compiles the model with the layer kinds and the cpu backend that this JVM discovers through
         * {@code META-INF/services} (on an executor: the application jars Spark loaded).
         */
        @Override
        public Network network(int threads) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            LayerKindRegistry kinds = LayerKindRegistry.discover(loader);
            Diagnostics diags = new Diagnostics();
            LayerGraph.Item layer = kind == Kind.LSTM_CLASSIFIER
                    ? new LayerGraph.Item("lstm", new LstmSpec(6, 1, false, Merge.CONCAT, 0f, 0f, false, 1f,
                            Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[0]")
                    : new LayerGraph.Item("gru", new GruSpec(5, 1, false, Merge.CONCAT, 0f, 0f, true,
                            Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[0]");
            LayerGraph.Item head = kind == Kind.LSTM_CLASSIFIER
                    ? new LayerGraph.Item("many_to_one", new ManyToOneSpec(Pooling.LAST, 3, null), "model.head")
                    : new LayerGraph.Item("many_to_many", new ManyToManySpec(2, null), "model.head");
            LayerGraph graph = LayerGraph.compile(ValueType.sequence(3), List.of(layer), head, kinds, diags,
                    p -> SourceLocation.unknown("test.yaml"));
            diags.throwIfErrors("test.yaml");
            Network net = new Network(graph, BackendRegistry.discover(loader).choose("cpu").provider()
                    .create(BackendOptions.threads(threads)));
            net.initialize(new RandomSource(seed));
            return net;
        }

        @Override
        public TrainingSpec training() {
            return new TrainingSpec(epochs, 8, adam ? AdamSpec.of(0.01) : SgdSpec.of(0.5), LrSchedule.constant(), 1.0,
                    null, null, List.of(), null, null, false, true);
        }

        /** The loss; inside a Spark task it first waits {@code pauseMillis} (so a test can kill an executor mid-task). */
        @Override
        public Loss loss() {
            if (pauseMillis > 0 && org.apache.spark.TaskContext.get() != null) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Loss.of(LossKind.CROSS_ENTROPY);
        }
    }

    /**
     * {@code n} sequences of 2..7 steps of 3 features, in batches of 8 (the last one smaller), reshuffled
     * every epoch with {@code seed}. Classifier: the class is the sign pattern of the mean of feature 0
     * (3 classes); tagger: each step's class is whether feature 0 exceeds feature 1.
     */
    static BatchSource data(Kind kind, int n, long seed) {
        RandomSource r = new RandomSource(seed);
        List<float[][]> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(6);
            float[][] x = new float[len][3];
            int[] y = new int[len];
            double mean = 0;
            for (int t = 0; t < len; t++) {
                for (int f = 0; f < 3; f++) {
                    x[t][f] = (float) r.nextGaussian();
                }
                mean += x[t][0];
                y[t] = x[t][0] > x[t][1] ? 1 : 0;
            }
            mean /= len;
            xs.add(x);
            ys.add(kind == Kind.LSTM_CLASSIFIER ? new int[] {mean < -0.3 ? 0 : mean < 0.3 ? 1 : 2} : y);
        }
        return new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, new java.util.Random(seed * 31 + epoch));
                List<TrainBatch> out = new ArrayList<>();
                for (int s = 0; s < n; s += 8) {
                    out.add(batch(kind, order.subList(s, Math.min(s + 8, n)), xs, ys));
                }
                return out;
            }

            @Override
            public int examples() {
                return n;
            }
        };
    }

    private static TrainBatch batch(Kind kind, List<Integer> rows, List<float[][]> xs, List<int[]> ys) {
        int b = rows.size();
        int time = rows.stream().mapToInt(i -> xs.get(i).length).max().orElse(1);
        Tensor x = Tensor.zeros(b, time, 3);
        int[] lengths = new int[b];
        Tensor y = kind == Kind.LSTM_CLASSIFIER ? Tensor.zeros(b) : Tensor.zeros(b, time);
        for (int i = 0; i < b; i++) {
            float[][] seq = xs.get(rows.get(i));
            lengths[i] = seq.length;
            for (int t = 0; t < seq.length; t++) {
                for (int f = 0; f < 3; f++) {
                    x.data()[(i * time + t) * 3 + f] = seq[t][f];
                }
                if (kind == Kind.GRU_TAGGER) {
                    y.data()[i * time + t] = ys.get(rows.get(i))[t];
                }
            }
            if (kind == Kind.LSTM_CLASSIFIER) {
                y.data()[i] = ys.get(rows.get(i))[0];
            }
        }
        Flow input = new Flow(x, new SequenceMask(b, time, lengths));
        return kind == Kind.LSTM_CLASSIFIER ? TrainBatch.of(input, y) : TrainBatch.perStep(input, y);
    }
}
