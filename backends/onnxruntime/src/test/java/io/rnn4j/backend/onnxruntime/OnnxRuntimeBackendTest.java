package io.rnn4j.backend.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import io.rnn4j.onnx.OnnxNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnnxRuntimeBackendTest {
    private static final LayerKindRegistry KINDS = LayerKindRegistry.discover(OnnxRuntimeBackendTest.class.getClassLoader());

    private static LayerGraph tagger() {
        return compile(ValueType.tokens(17), List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(6, null), "model.layers[0]"),
                new LayerGraph.Item("lstm", new LstmSpec(5, 2, true, Merge.CONCAT, 0.1f, 0f, true, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[1]")),
                new LayerGraph.Item("many_to_many", new ManyToManySpec(4, null), "model.head"));
    }

    private static LayerGraph classifier() {
        return compile(ValueType.sequence(3), List.of(
                new LayerGraph.Item("gru", new GruSpec(6, 1, true, Merge.SUM, 0f, 0f, true,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[0]")),
                new LayerGraph.Item("many_to_one", new ManyToOneSpec(Pooling.MEAN, 3, null), "model.head"));
    }

    private static LayerGraph compile(ValueType in, List<LayerGraph.Item> layers, LayerGraph.Item head) {
        Diagnostics d = new Diagnostics();
        LayerGraph g = LayerGraph.compile(in, layers, head, KINDS, d, p -> SourceLocation.unknown("test.yaml"));
        d.throwIfErrors("test model");
        return g;
    }

    /** Initialised, then every parameter moved off its initial value (biases start at zero). */
    private static Network network(LayerGraph graph, Backend backend, long seed) {
        Network net = new Network(graph, backend);
        net.initialize(new RandomSource(seed));
        RandomSource r = new RandomSource(seed + 1);
        float[] v = net.parameters().values();
        for (int i = 0; i < v.length; i++) {
            v[i] += r.uniform(-0.3f, 0.3f);
        }
        return net;
    }

    private static Flow input(ValueType type, int batch, int time, long seed) {
        RandomSource r = new RandomSource(seed);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = 1 + r.nextInt(time);
        }
        int f = type.kind() == ValueType.Kind.TOKENS ? 1 : type.features();
        float[] x = new float[batch * time * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = type.kind() == ValueType.Kind.TOKENS ? r.nextInt(type.vocabulary()) : r.uniform(-1f, 1f);
        }
        Tensor t = type.kind() == ValueType.Kind.TOKENS ? Tensor.of(x, batch, time) : Tensor.of(x, batch, time, f);
        return new Flow(t, new SequenceMask(batch, time, lengths));
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            double tol = 1e-5 + 1e-4 * Math.abs(expected.getFlat(i));
            assertThat((double) actual.getFlat(i)).as("value %d", i).isCloseTo(expected.getFlat(i),
                    org.assertj.core.data.Offset.offset(tol));
        }
    }

    private static Backend ortBackend() {
        return new OnnxRuntimeBackendProvider().create(BackendOptions.threads(2));
    }

    @Test
    void providerIsDiscoveredWithLowPriorityAndItsNativeLibraryLoads() {
        BackendRegistry registry = BackendRegistry.discover(getClass().getClassLoader());
        DiscoveredBackend d = registry.get("onnxruntime");
        assertThat(d.priority()).isEqualTo(1);
        assertThat(d.available()).isTrue();
        assertThat(d.provider().unavailableReason()).isEmpty();
        assertThat(registry.backends()).extracting(DiscoveredBackend::id).containsSubsequence("cpu", "onnxruntime");
        try (Backend b = d.provider().create(BackendOptions.threads(1))) {
            assertThat(b.id()).isEqualTo("onnxruntime");
            assertThat(b.capabilities()).isEqualTo(Set.of(Capability.INFERENCE));
        }
    }

    @Test
    void predictionsInOnnxRuntimeEqualTheReferenceBackendAcrossSeveralRuntimeBatches() {
        Network ref = network(tagger(), new CpuBackend(), 5);
        Flow in = input(ref.graph().input(), 10, 7, 6);
        Flow expected = ref.forward(in, LayerContext.inference());
        try (OnnxRuntimeModel model = OnnxRuntimeModel.of(ref, io.rnn4j.onnx.ExportOptions.defaults(), 4, 1)) {
            Flow actual = model.predict(in); // 3 calls: 4 + 4 + 2 rows
            assertThat(actual.mask()).isEqualTo(in.mask());
            assertClose(expected.values(), actual.values());
            assertThat(model.parity()).hasValueSatisfying(p -> assertThat(p.passed()).isTrue());
        }
    }

    @Test
    void aNetworkBoundToTheOnnxRuntimeBackendPredictsInOnnxRuntimeLikeTheReference() {
        try (Backend ort = ortBackend()) {
            Network onOrt = network(classifier(), ort, 9);
            Network ref = network(classifier(), new CpuBackend(), 9);
            Flow in = input(ref.graph().input(), 6, 5, 10);
            Flow expected = ref.forward(in, LayerContext.inference());
            // the primitives delegate to the reference, so the network itself computes the same numbers
            assertClose(expected.values(), onOrt.forward(in, LayerContext.inference()).values());
            try (OnnxRuntimeModel model = OnnxRuntimeModel.of(onOrt)) {
                Flow actual = model.predict(in);
                assertThat(actual.isSequence()).isFalse();
                assertClose(expected.values(), actual.values());
            }
        }
    }

    /**
     * Loaders ask a backend for a whole-model runner ({@code Backend.wholeModel}) instead of testing its id: this one
     * gives the network's ONNX export in ONNX Runtime (parity-checked), the reference backend gives none, and a
     * decorator over this backend (a plugin that counts calls) forwards it.
     */
    @Test
    void itOffersTheWholeModelRunnerThatLoadersAskForAndTheReferenceBackendDoesNot() {
        try (Backend ort = ortBackend(); CpuBackend cpu = new CpuBackend()) {
            Network onOrt = network(classifier(), ort, 9);
            Network ref = network(classifier(), cpu, 9);
            assertThat(cpu.wholeModel(ref)).isEmpty();
            Flow in = input(ref.graph().input(), 6, 5, 10);
            Flow expected = ref.forward(in, LayerContext.inference());
            try (io.rnn4j.core.spi.WholeModelRunner runner = ort.wholeModel(onOrt).orElseThrow()) {
                assertThat(runner).isInstanceOfSatisfying(OnnxRuntimeModel.class,
                        m -> assertThat(m.parity()).hasValueSatisfying(p -> assertThat(p.passed()).isTrue()));
                assertClose(expected.values(), runner.predict(in).values());
            }
            Backend decorated = new io.rnn4j.core.spi.ForwardingBackend(ort) {
                @Override
                public String id() {
                    return "decorated";
                }
            };
            try (io.rnn4j.core.spi.WholeModelRunner runner = decorated.wholeModel(onOrt).orElseThrow()) {
                assertClose(expected.values(), runner.predict(in).values());
            }
        }
    }

    @Test
    void anExportedFileRunsAsItIsAndStreamsWithExplicitStates() {
        Network ref = network(compile(ValueType.sequence(2), List.of(
                new LayerGraph.Item("lstm", new LstmSpec(4, 1, false, Merge.CONCAT, 0f, 0f, true, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[0]")),
                new LayerGraph.Item("many_to_many", new ManyToManySpec(null, 1), "model.head")), new CpuBackend(), 12);
        byte[] bytes;
        try (OnnxRuntimeModel exported = OnnxRuntimeModel.of(ref)) {
            bytes = exported.model();
        }
        Flow whole = input(ref.graph().input(), 3, 6, 13);
        try (OnnxRuntimeModel model = OnnxRuntimeModel.open(bytes, 8, 1)) {
            assertThat(model.parity()).isEmpty();
            OnnxRuntimeModel.Result all = model.run(whole, Map.of());
            assertClose(ref.forward(whole, LayerContext.inference()).values(), all.output().values());
            OnnxRuntimeModel.Result first = model.run(window(whole, 0, 4), Map.of());
            OnnxRuntimeModel.Result second = model.run(window(whole, 4, 6), Map.of(
                    OnnxNames.initialH("lstm_0"), first.finalStates().get(OnnxNames.finalH("lstm_0")),
                    OnnxNames.initialC("lstm_0"), first.finalStates().get(OnnxNames.finalC("lstm_0"))));
            assertClose(all.finalStates().get(OnnxNames.finalH("lstm_0")), second.finalStates().get(OnnxNames.finalH("lstm_0")));
            assertClose(all.finalStates().get(OnnxNames.finalC("lstm_0")), second.finalStates().get(OnnxNames.finalC("lstm_0")));
        }
    }

    private static Flow window(Flow f, int from, int to) {
        Tensor x = f.values();
        int b = x.dim(0);
        int t = x.dim(1);
        int inner = x.size() / (b * t);
        int[] dims = x.shape().dims();
        dims[1] = to - from;
        Tensor w = Tensor.zeros(dims);
        for (int i = 0; i < b; i++) {
            System.arraycopy(x.data(), x.offset() + (i * t + from) * inner, w.data(), i * (to - from) * inner,
                    (to - from) * inner);
        }
        return new Flow(w, f.mask().window(from, to));
    }

    @Test
    void askingItToTrainFailsNamingTheBackendsThatCan() {
        try (Backend ort = ortBackend()) {
            Network net = network(classifier(), ort, 3);
            assertThatThrownBy(() -> net.requireTraining(List.of("cpu")))
                    .isInstanceOf(Rnn4jException.class)
                    .hasMessage("RNN4J-BACKEND-005: backend 'onnxruntime' cannot train (it has [INFERENCE]). Backends "
                            + "that can train: cpu. Train with one of them (--backend), then use 'onnxruntime' for "
                            + "inference.");
            Flow in = input(net.graph().input(), 2, 3, 4);
            assertThatThrownBy(() -> net.forward(in, LayerContext.training(new RandomSource(1))))
                    .isInstanceOf(Rnn4jException.class).hasMessageStartingWith("RNN4J-BACKEND-005: backend 'onnxruntime'");
        }
    }

    @Test
    void aClosedModelRefusesToRun() {
        Network ref = network(classifier(), new CpuBackend(), 14);
        OnnxRuntimeModel model = OnnxRuntimeModel.of(ref);
        model.close();
        Flow in = input(ref.graph().input(), 1, 2, 15);
        assertThatThrownBy(() -> model.predict(in)).isInstanceOf(IllegalStateException.class);
    }
}
