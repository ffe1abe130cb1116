package io.rnn4j.backend.cpu.train;

import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.Stateful;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.optim.LrSchedule;
import io.rnn4j.core.optim.OptimizerSpec;
import io.rnn4j.core.spec.EarlyStoppingSpec;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.TbpttSpec;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Small real models on the reference backend and synthetic data sets for the trainer's tests.
 */
final class TrainTesting {
    static final LayerKindRegistry KINDS = LayerKindRegistry.discover(TrainTesting.class.getClassLoader());

    private TrainTesting() {
    }

    /** Compiles layers and a head through {@link LayerGraph} and binds them to the cpu backend. */
    static Network network(ValueType input, List<LayerGraph.Item> layers, LayerGraph.Item head, long seed) {
        Diagnostics diags = new Diagnostics();
        LayerGraph graph = LayerGraph.compile(input, layers, head, KINDS, diags, p -> SourceLocation.unknown("test.yaml"));
        diags.throwIfErrors("test.yaml");
        Network net = new Network(graph, new CpuBackendProvider().create(BackendOptions.threads(1)));
        net.initialize(new RandomSource(seed));
        return net;
    }

    static LayerGraph.Item layer(String kind, LayerSpec spec, int index) {
        return new LayerGraph.Item(kind, spec, "model.layers[" + index + "]");
    }

    static LayerGraph.Item head(String kind, LayerSpec spec) {
        return new LayerGraph.Item(kind, spec, "model.head");
    }

    static LstmSpec lstm(int units, int layers, boolean bidirectional, float dropout, float recurrentDropout,
            boolean returnSequences) {
        return new LstmSpec(units, layers, bidirectional, Merge.CONCAT, dropout, recurrentDropout, returnSequences, 1f,
                Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
    }

    /** LSTM (final state) then a many_to_one classifier over 2 features. */
    static Network classifier(long seed, int units) {
        return network(ValueType.sequence(2), List.of(layer("lstm", lstm(units, 1, false, 0f, 0f, false), 0)),
                head("many_to_one", new ManyToOneSpec(Pooling.LAST, 2, null)), seed);
    }

    /** Two stacked LSTM layers with dropout between them and on the recurrent input, so training draws randomness. */
    static Network dropoutClassifier(long seed) {
        return network(ValueType.sequence(2), List.of(layer("lstm", lstm(6, 2, false, 0.3f, 0.2f, true), 0)),
                head("many_to_one", new ManyToOneSpec(Pooling.MEAN, 2, null)), seed);
    }

    /** LSTM over 1 feature, a class per step. */
    static Network tagger(long seed, boolean bidirectional) {
        return network(ValueType.sequence(1), List.of(layer("lstm", lstm(8, 1, bidirectional, 0f, 0f, true), 0)),
                head("many_to_many", new ManyToManySpec(2, null)), seed);
    }

    /** A training spec with batch size 16, a constant schedule and the given parts. */
    static TrainingSpec spec(int epochs, OptimizerSpec optimizer, Double clipNorm, Double clipValue,
            EarlyStoppingSpec earlyStopping, TbpttSpec tbptt) {
        return spec(epochs, optimizer, LrSchedule.constant(), clipNorm, clipValue, earlyStopping, tbptt);
    }

    static TrainingSpec spec(int epochs, OptimizerSpec optimizer, LrSchedule schedule, Double clipNorm, Double clipValue,
            EarlyStoppingSpec earlyStopping, TbpttSpec tbptt) {
        return new TrainingSpec(epochs, 16, optimizer, schedule, clipNorm, clipValue, null, List.of(), earlyStopping,
                tbptt, false, true);
    }

    /** Adapts the layers module's {@link RecurrentLayer} to {@link Stateful}, as an application wires it. */
    static Function<Layer, Stateful> recurrentLayers() {
        return l -> l instanceof RecurrentLayer r ? new Stateful() {
            @Override
            public Flow forwardFrom(Flow input, RecurrentState initial, LayerContext context) {
                RecurrentLayer.Result res = r.forward(input, initial, context);
                return res.output().withState(res.finalState());
            }

            @Override
            public boolean continuesAcrossWindows() {
                return r.spec().directions() == 1;
            }
        } : null;
    }

    /**
     * Sequence classification: {@code n} sequences of 3..6 steps of 2 features; feature 0 is
     * {@code +-0.7 + N(0, 0.5^2)} by class, feature 1 noise. Linearly separable in the mean, so a small
     * LSTM reaches high accuracy in a few epochs.
     */
    static List<Example> separable(int n, long seed, boolean flipLabels) {
        RandomSource r = new RandomSource(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(2);
            int len = 3 + r.nextInt(4);
            float[][] x = new float[len][2];
            for (float[] step : x) {
                step[0] = (float) ((c == 1 ? 0.7 : -0.7) + 0.5 * r.nextGaussian());
                step[1] = (float) r.nextGaussian();
            }
            out.add(new Example(x, flipLabels ? 1 - c : c));
        }
        return out;
    }

    /** One labelled sequence. */
    record Example(float[][] steps, int label) {
    }

    /** Pads examples to the longest and builds a batch with per-example class targets. */
    static TrainBatch classBatch(List<Example> examples) {
        int b = examples.size();
        int t = examples.stream().mapToInt(e -> e.steps().length).max().orElse(1);
        Tensor x = Tensor.zeros(b, t, 2);
        Tensor y = Tensor.zeros(b);
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            Example e = examples.get(i);
            lengths[i] = e.steps().length;
            for (int s = 0; s < lengths[i]; s++) {
                for (int f = 0; f < 2; f++) {
                    x.setFlat((i * t + s) * 2 + f, e.steps()[s][f]);
                }
            }
            y.setFlat(i, e.label());
        }
        return TrainBatch.of(new Flow(x, new SequenceMask(b, t, lengths)), y);
    }

    /** Batches of 16, shuffled per epoch with a seed derived from the epoch (so epoch k is the same on resume). */
    static BatchSource shuffled(List<Example> examples, long seed) {
        return new BatchSource() {
            @Override
            public List<TrainBatch> batches(int epoch) {
                List<Example> order = new ArrayList<>(examples);
                RandomSource r = new RandomSource(seed).fork("epoch." + epoch);
                for (int i = order.size() - 1; i > 0; i--) {
                    Collections.swap(order, i, r.nextInt(i + 1));
                }
                return chunk(order);
            }

            @Override
            public int examples() {
                return examples.size();
            }
        };
    }

    /** Batches of 16 in order. */
    static BatchSource fixed(List<Example> examples) {
        return BatchSource.of(chunk(examples));
    }

    private static List<TrainBatch> chunk(List<Example> order) {
        List<TrainBatch> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i += 16) {
            out.add(classBatch(order.subList(i, Math.min(i + 16, order.size()))));
        }
        return out;
    }

    /**
     * Per-step tagging: {@code x_t ~ N(0, 1)}, target 1 where the running sum of {@code x} up to step t is
     * positive. Needs memory across the whole sequence, hence across truncated-BPTT windows.
     */
    static List<TrainBatch> runningSign(int batches, int batchSize, int time, long seed, boolean varyLengths) {
        RandomSource r = new RandomSource(seed);
        List<TrainBatch> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            Tensor x = Tensor.zeros(batchSize, time, 1);
            Tensor y = Tensor.zeros(batchSize, time);
            int[] lengths = new int[batchSize];
            for (int b = 0; b < batchSize; b++) {
                lengths[b] = varyLengths ? time / 2 + r.nextInt(time - time / 2 + 1) : time;
                double sum = 0;
                for (int t = 0; t < lengths[b]; t++) {
                    float v = (float) r.nextGaussian();
                    sum += v;
                    x.setFlat(b * time + t, v);
                    y.setFlat(b * time + t, sum > 0 ? 1 : 0);
                }
            }
            out.add(TrainBatch.perStep(new Flow(x, new SequenceMask(batchSize, time, lengths)), y));
        }
        return out;
    }
}
