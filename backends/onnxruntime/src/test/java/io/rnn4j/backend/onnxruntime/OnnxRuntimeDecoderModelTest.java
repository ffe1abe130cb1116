package io.rnn4j.backend.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.backend.cpu.CpuBackend;
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
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.SimpleRnnSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import io.rnn4j.onnx.DecoderLoop;
import io.rnn4j.onnx.ExportOptions;
import io.rnn4j.onnx.ExportResult;
import io.rnn4j.onnx.OnnxExporter;
import io.rnn4j.onnx.OnnxNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OnnxRuntimeModel} runs models with a decoder head through their encoder / decoder-step pair, by
 * greedy decoding, and predicts what the network's inference forward pass gives on the reference backend:
 * the logits or values of every step, each sequence's decoded length, and the tokens.
 */
class OnnxRuntimeDecoderModelTest {
    private static final LayerKindRegistry KINDS =
            LayerKindRegistry.discover(OnnxRuntimeDecoderModelTest.class.getClassLoader());

    @TempDir
    Path dir;

    private static LayerGraph compile(ValueType in, List<LayerGraph.Item> layers, LayerGraph.Item head) {
        Diagnostics d = new Diagnostics();
        LayerGraph g = LayerGraph.compile(in, layers, head, KINDS, d, p -> SourceLocation.unknown("test.yaml"));
        d.throwIfErrors("test model");
        return g;
    }

    private static LayerSpec encoder(DecoderCell cell, boolean bidirectional) {
        return switch (cell) {
            case SIMPLE_RNN -> new SimpleRnnSpec(4, SimpleRnnSpec.RnnActivation.TANH, 1, bidirectional, Merge.CONCAT, 0f,
                    0f, true, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
            case LSTM -> new LstmSpec(4, 1, bidirectional, Merge.CONCAT, 0f, 0f, true, 1f, Initializer.GLOROT_UNIFORM,
                    Initializer.ORTHOGONAL);
            case GRU -> new GruSpec(4, 1, bidirectional, Merge.CONCAT, 0f, 0f, true, Initializer.GLOROT_UNIFORM,
                    Initializer.ORTHOGONAL);
        };
    }

    private static String kind(DecoderCell cell) {
        return switch (cell) {
            case SIMPLE_RNN -> "simple_rnn";
            case LSTM -> "lstm";
            case GRU -> "gru";
        };
    }

    /** A translation-like model: token ids, an embedding, an encoder of the decoder's cell, a seq2seq head. */
    static LayerGraph seq2seq(DecoderCell cell, boolean bidirectional) {
        return compile(ValueType.tokens(13), List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(5, null), "model.layers[0]"),
                new LayerGraph.Item(kind(cell), encoder(cell, bidirectional), "model.layers[1]")),
                new LayerGraph.Item("seq2seq", new Seq2SeqSpec(cell, 4, 10, 8), "model.head"));
    }

    static LayerGraph oneToMany(DecoderCell cell, boolean classes) {
        return compile(ValueType.vector(3), List.of(), new LayerGraph.Item("one_to_many",
                new OneToManySpec(cell, 5, 6, classes ? 7 : null, classes ? null : 2, 3), "model.head"));
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

    /** Token ids with random lengths in [1, time], padding holding ids outside the vocabulary. */
    private static Flow sources(int vocabulary, int batch, int time, long seed) {
        RandomSource r = new RandomSource(seed);
        int[] lengths = new int[batch];
        float[] x = new float[batch * time];
        for (int b = 0; b < batch; b++) {
            lengths[b] = 1 + r.nextInt(time);
            for (int t = 0; t < time; t++) {
                x[b * time + t] = t < lengths[b] ? r.nextInt(vocabulary) : vocabulary + 3;
            }
        }
        return new Flow(Tensor.of(x, batch, time), new SequenceMask(batch, time, lengths));
    }

    private static Flow vectors(int batch, int features, long seed) {
        RandomSource r = new RandomSource(seed);
        float[] x = new float[batch * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.uniform(-1f, 1f);
        }
        return Flow.vectors(Tensor.of(x, batch, features));
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            double tol = 1e-5 + 1e-4 * Math.abs(expected.getFlat(i));
            assertThat((double) actual.getFlat(i)).as("value %d", i).isCloseTo(expected.getFlat(i),
                    org.assertj.core.data.Offset.offset(tol));
        }
    }

    static Stream<Arguments> seq2seqCases() {
        List<Arguments> list = new ArrayList<>();
        for (DecoderCell cell : DecoderCell.values()) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                list.add(Arguments.of(cell, bidirectional));
            }
        }
        return list.stream();
    }

    /** Batches of 1 and 7 (in runtime slices of 3, whose decoded lengths differ), against the reference. */
    @ParameterizedTest(name = "{0} bidirectional={1}")
    @MethodSource("seq2seqCases")
    void seq2seqPredictionsAndTokensEqualTheReferenceBackend(DecoderCell cell, boolean bidirectional) {
        Network ref = network(seq2seq(cell, bidirectional), new CpuBackend(), 20 + cell.ordinal() * 2L
                + (bidirectional ? 1 : 0));
        Seq2SeqHead head = (Seq2SeqHead) ref.layers().get(ref.layers().size() - 1);
        try (OnnxRuntimeModel model = OnnxRuntimeModel.of(ref, ExportOptions.defaults(), 3, 1)) {
            assertThat(model.decoderModel()).isPresent();
            assertThat(model.decoderLoop()).hasValueSatisfying(l -> assertThat(l.eosId()).isEqualTo(Seq2SeqHead.EOS));
            assertThat(model.parity()).hasValueSatisfying(p -> assertThat(p.passed()).isTrue());
            for (Flow in : List.of(sources(13, 1, 5, 30 + cell.ordinal()), sources(13, 7, 9, 40 + cell.ordinal()))) {
                Flow expected = ref.forward(in, LayerContext.inference());
                int[][] expectedTokens = head.lastTokens();

                Flow predicted = model.predict(in);
                OnnxRuntimeModel.Decoded decoded = model.decode(in);

                assertThat(predicted.mask().lengths()).containsExactly(expected.mask().lengths());
                assertClose(expected.values(), predicted.values());
                assertThat(decoded.tokens()).isDeepEqualTo(expectedTokens);
                assertClose(expected.values(), decoded.output().values());
            }
        }
    }

    static Stream<Arguments> oneToManyCases() {
        List<Arguments> list = new ArrayList<>();
        for (DecoderCell cell : DecoderCell.values()) {
            for (boolean classes : new boolean[] {true, false}) {
                list.add(Arguments.of(cell, classes));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} classes={1}")
    @MethodSource("oneToManyCases")
    void oneToManyPredictionsEqualTheReferenceBackend(DecoderCell cell, boolean classes) {
        Network ref = network(oneToMany(cell, classes), new CpuBackend(), 50 + cell.ordinal() * 2L + (classes ? 1 : 0));
        try (OnnxRuntimeModel model = OnnxRuntimeModel.of(ref, ExportOptions.defaults(), 2, 1)) {
            for (Flow in : List.of(vectors(1, 3, 60), vectors(5, 3, 61))) {
                Flow expected = ref.forward(in, LayerContext.inference());
                Flow predicted = model.predict(in);
                assertThat(predicted.mask()).isEqualTo(expected.mask());
                assertClose(expected.values(), predicted.values());
                OnnxRuntimeModel.Decoded d = model.decode(in);
                if (classes) {
                    for (int r = 0; r < in.batch(); r++) { // the emitted token is the argmax of its step's logits
                        for (int t = 0; t < 6; t++) {
                            int best = 0;
                            for (int k = 1; k < 7; k++) {
                                best = expected.values().getFlat((r * 6 + t) * 7 + k)
                                        > expected.values().getFlat((r * 6 + t) * 7 + best) ? k : best;
                            }
                            assertThat(d.tokens()[r][t]).isEqualTo(best);
                        }
                    }
                } else {
                    assertThat(d.tokens()).isNull();
                }
            }
        }
    }

    /** The application's path: a network bound to the onnxruntime backend, opened as an ONNX Runtime model. */
    @Test
    void aSeq2seqNetworkBoundToTheOnnxRuntimeBackendRunsItsPairInOnnxRuntime() {
        try (Backend ort = new OnnxRuntimeBackendProvider().create(BackendOptions.threads(1))) {
            Network onOrt = network(seq2seq(DecoderCell.GRU, true), ort, 70);
            Network ref = network(seq2seq(DecoderCell.GRU, true), new CpuBackend(), 70);
            Flow in = sources(13, 4, 6, 71);
            Flow expected = ref.forward(in, LayerContext.inference());
            try (OnnxRuntimeModel model = OnnxRuntimeModel.of(onOrt)) {
                Flow actual = model.predict(in);
                assertThat(actual.mask().lengths()).containsExactly(expected.mask().lengths());
                assertClose(expected.values(), actual.values());
            }
        }
    }

    /** The files as written: open(path) finds the decoder step next to the encoder; the encoder alone is refused. */
    @Test
    void anExportedPairOpensFromItsEncoderFile() throws Exception {
        Network ref = network(seq2seq(DecoderCell.LSTM, true), new CpuBackend(), 80);
        ExportResult r = new OnnxExporter().export(ref, dir.resolve("dates.onnx"), ExportOptions.defaults());
        assertThat(r.files()).containsExactly(dir.resolve("dates.onnx").toAbsolutePath(),
                dir.resolve("dates.decoder.onnx").toAbsolutePath());
        Flow in = sources(13, 3, 7, 81);
        Flow expected = ref.forward(in, LayerContext.inference());
        try (OnnxRuntimeModel model = OnnxRuntimeModel.open(dir.resolve("dates.onnx"), 8, 1)) {
            assertThat(model.parity()).isEmpty();
            assertClose(expected.values(), model.predict(in).values());
            OnnxRuntimeModel.Result run = model.run(in, Map.of());
            assertClose(expected.values(), run.output().values());
            assertThat(run.finalStates()).containsKeys(OnnxNames.H, OnnxNames.C, OnnxNames.finalH("lstm_1"));
        }
        try (OnnxRuntimeModel model = OnnxRuntimeModel.open(Files.readAllBytes(r.file()),
                Files.readAllBytes(r.decoderFile()), 8, 1)) {
            assertThat(model.decoderLoop()).hasValue(new DecoderLoop("seq2seq", DecoderLoop.Feedback.TOKEN, 10, 8, true,
                    2, 3, 8));
            assertClose(expected.values(), model.predict(in).values());
        }
        byte[] encoderOnly = Files.readAllBytes(r.file());
        assertThatThrownBy(() -> OnnxRuntimeModel.open(encoderOnly, 8, 1))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ONNX-005: this ONNX model is the encoder of a decoder head (seq2seq); it runs only "
                        + "with its decoder step dates.decoder.onnx. Open both: OnnxRuntimeModel.open(encoderBytes, "
                        + "decoderBytes, ...) or OnnxRuntimeModel.open(path, ...), which finds the decoder step next to "
                        + "the encoder.");
        Files.delete(r.decoderFile());
        assertThatThrownBy(() -> OnnxRuntimeModel.open(dir.resolve("dates.onnx"), 8, 1))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-005: cannot read the ONNX model " + dir.resolve("dates.decoder.onnx"))
                .hasMessageEndingWith("A seq2seq or one_to_many model is two files: keep the decoder step next to the "
                        + "encoder.");
    }

    @Test
    void decodeIsRefusedForAModelWithoutADecoderHead() {
        Network ref = network(compile(ValueType.tokens(13), List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(5, null), "model.layers[0]"),
                new LayerGraph.Item("gru", encoder(DecoderCell.GRU, false), "model.layers[1]")),
                new LayerGraph.Item("many_to_many", new io.rnn4j.layers.heads.ManyToManySpec(3, null), "model.head")),
                new CpuBackend(), 90);
        try (OnnxRuntimeModel model = OnnxRuntimeModel.of(ref)) {
            assertThat(model.decoderModel()).isEmpty();
            assertThatThrownBy(() -> model.decode(sources(13, 2, 3, 91))).isInstanceOf(IllegalStateException.class);
        }
    }
}
