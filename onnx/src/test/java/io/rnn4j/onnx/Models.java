package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.SimpleRnnSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds test networks and compares tensors; the models exported by tests go to {@link #MODEL_DIR}. */
final class Models {
    /** Where tests write their exports, for {@code tools/onnx/check_models.py}. */
    static final Path MODEL_DIR = Path.of("target", "onnx-models");
    static final LayerKindRegistry KINDS = LayerKindRegistry.discover(Models.class.getClassLoader());

    /** The recurrent cells, as the layer kinds write them. */
    enum Cell {
        SIMPLE_RNN_TANH, SIMPLE_RNN_RELU, LSTM, GRU;

        String kind() {
            return switch (this) {
                case SIMPLE_RNN_TANH, SIMPLE_RNN_RELU -> "simple_rnn";
                case LSTM -> "lstm";
                case GRU -> "gru";
            };
        }

        LayerSpec spec(int units, int layers, boolean bidirectional, Merge merge, boolean returnSequences) {
            return switch (this) {
                case SIMPLE_RNN_TANH, SIMPLE_RNN_RELU -> new SimpleRnnSpec(units, this == SIMPLE_RNN_RELU
                        ? SimpleRnnSpec.RnnActivation.RELU : SimpleRnnSpec.RnnActivation.TANH, layers, bidirectional,
                        merge, 0.2f, 0f, returnSequences, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
                case LSTM -> new LstmSpec(units, layers, bidirectional, merge, 0.2f, 0f, returnSequences, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
                case GRU -> new GruSpec(units, layers, bidirectional, merge, 0.2f, 0f, returnSequences,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
            };
        }
    }

    private Models() {
    }

    static LayerGraph.Item item(int index, String kind, LayerSpec spec) {
        return new LayerGraph.Item(kind, spec, "model.layers[" + index + "]");
    }

    static LayerGraph.Item head(String kind, LayerSpec spec) {
        return new LayerGraph.Item(kind, spec, "model.head");
    }

    /**
     * Compiles and initialises a network on the reference backend, then moves every parameter away from
     * its initial value (biases start at zero, which would hide a bias-layout mistake).
     */
    static Network network(ValueType input, List<LayerGraph.Item> layers, LayerGraph.Item head, long seed) {
        Diagnostics diags = new Diagnostics();
        LayerGraph graph = LayerGraph.compile(input, layers, head, KINDS, diags, p -> SourceLocation.unknown("test.yaml"));
        diags.throwIfErrors("test model");
        Network net = new Network(graph, new CpuBackend());
        net.initialize(new RandomSource(seed));
        RandomSource r = new RandomSource(seed + 1);
        float[] v = net.parameters().values();
        for (int i = 0; i < v.length; i++) {
            v[i] += r.uniform(-0.3f, 0.3f);
        }
        return net;
    }

    /** Sequences with lengths spread from {@code time} down to 1 (all {@code time} for a batch of one). */
    static Flow sequences(ValueType type, int batch, int time, long seed) {
        return ParityChecker.generateInput(type, batch, time, new RandomSource(seed));
    }

    /** Sequences of the given lengths padded to {@code time} (padding holds garbage). */
    static Flow sequencesOfLengths(ValueType type, int time, long seed, int... lengths) {
        return ParityChecker.generateInput(type, time, lengths, new RandomSource(seed));
    }

    static Flow reference(Network net, Flow input) {
        return net.forward(input, LayerContext.inference());
    }

    /** Max |diff| after asserting every value is within 1e-5 + 1e-4 * |expected|. */
    static double assertClose(Tensor expected, Tensor actual, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double max = 0;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            double d = Math.abs((double) actual.getFlat(i) - expected.getFlat(i));
            max = Math.max(max, d);
            if (!(d <= 1e-5 + 1e-4 * Math.abs(expected.getFlat(i))) && bad.size() < 5) {
                bad.add(String.format(Locale.ROOT, "[%d] expected %s got %s", i, expected.getFlat(i), actual.getFlat(i)));
            }
        }
        assertThat(bad).as(what + ": values out of tolerance").isEmpty();
        return max;
    }
}
