package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports every model that {@code tools/onnx/import_fixtures.py} exported from PyTorch (TorchScript and dynamo
 * exporters), runs the imported network on the reference backend on the fixture's inputs and compares with
 * PyTorch's output (1e-5), then exports the imported network and lets the exporter's parity check run it in ONNX
 * Runtime.
 */
class OnnxImportFixturesTest {
    private static final String DIR = "/io/rnn4j/onnx/import/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        json("index.json").forEach(n -> names.add(n.asText()));
        assertThat(names).as("fixtures listed in " + DIR + "index.json").hasSizeGreaterThan(10);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importedPyTorchModelMatchesPyTorchAndExportsAgain(String name) {
        JsonNode f = json(name + ".json");
        try (ImportedModel m = new OnnxImporter().importModel(bytes(name + ".onnx"), name + ".onnx")) {
            boolean timeMajorIn = f.get("input_layout").asText().equals("time_major");
            assertThat(m.inputLayout()).isEqualTo(timeMajorIn ? ImportedModel.Layout.TIME_MAJOR
                    : ImportedModel.Layout.BATCH_MAJOR);
            Tensor x = tensor(f.get("inputs").get("x"));
            if (timeMajorIn) {
                x = OnnxImporter.swap01(x);
            }
            int[] lengths = lengths(f);
            Flow input = lengths == null ? Flow.sequences(x) : Flow.sequences(x, lengths);
            Map<String, RecurrentState> initial = new LinkedHashMap<>();
            if (f.get("inputs").has("h0")) {
                String layer = m.graph().nodes().stream().filter(OnnxImportFixturesTest::isRecurrent)
                        .findFirst().orElseThrow().name();
                initial.put(layer, new RecurrentState(rows(tensor(f.get("inputs").get("h0"))),
                        f.get("inputs").has("c0") ? rows(tensor(f.get("inputs").get("c0"))) : List.of()));
            }
            Tensor out = ParityChecker.forward(m.network(), input, initial, new LinkedHashMap<>()).values();
            out = finalFunction(f.get("final").asText(), out);
            assertThat(m.output().name().toLowerCase(Locale.ROOT).replace("linear", "none"))
                    .isEqualTo(f.get("final").asText());
            if (f.get("output_layout").asText().equals("time_major")) {
                out = OnnxImporter.swap01(out);
            }
            Tensor want = tensor(f.get("output"));
            assertThat(out.shape()).isEqualTo(want.shape());
            boolean timeMajorOut = f.get("output_layout").asText().equals("time_major");
            int compared = 0;
            for (int i = 0; i < want.size(); i++) {
                if (lengths != null && want.rank() == 3 && padded(want, i, lengths, timeMajorOut)) {
                    // PyTorch's pad_packed_sequence pads with zeros before the head (so its output there is the
                    // head's bias); rnn4j's per-step outputs are zero on padded steps. Neither is a prediction.
                    assertThat(out.getFlat(i)).as("%s padded output[%d]", name, i).isEqualTo(0f);
                    continue;
                }
                assertThat((double) out.getFlat(i)).as("%s output[%d]", name, i)
                        .isCloseTo(want.getFlat(i), org.assertj.core.data.Offset.offset(1e-5));
                compared++;
            }
            assertThat(compared).as("values compared").isGreaterThan(want.size() / 2);
            if (lengths != null) {
                assertThat(m.hasLengths()).as("%s reads its graph input 'lengths' as sequence_lens", name).isTrue();
            }
            ExportResult again = new OnnxExporter().export(m.network(), ExportOptions.defaults());
            assertThat(again.parity().passed()).isTrue();
            assertThat(again.parity().maxAbsDiff()).isLessThan(1e-5);
        }
    }

    /**
     * The lengths matter: the reverse direction of a bidirectional layer starts at each sequence's own last step
     * (PyTorch's packed sequence, ONNX's {@code sequence_lens}, rnn4j's mask). Run on the padded batch as if every
     * sequence were full, the imported network no longer matches PyTorch on the valid steps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bidirectionalPacked")
    void withoutItsLengthsTheReverseDirectionReadsThePaddingAndNoLongerMatches(String name) {
        JsonNode f = json(name + ".json");
        try (ImportedModel m = new OnnxImporter().importModel(bytes(name + ".onnx"), name + ".onnx")) {
            Tensor x = tensor(f.get("inputs").get("x"));
            boolean timeMajor = f.get("input_layout").asText().equals("time_major");
            if (timeMajor) {
                x = OnnxImporter.swap01(x);
            }
            int[] lengths = lengths(f);
            Tensor full = ParityChecker.forward(m.network(), Flow.sequences(x), Map.of(), new LinkedHashMap<>()).values();
            Tensor masked = ParityChecker.forward(m.network(), Flow.sequences(x, lengths), Map.of(),
                    new LinkedHashMap<>()).values();
            Tensor want = tensor(f.get("output"));
            if (f.get("output_layout").asText().equals("time_major")) {
                want = OnnxImporter.swap01(want);
            }
            double fullDiff = 0;
            double maskedDiff = 0;
            for (int i = 0; i < want.size(); i++) {
                int row = i / want.dim(want.rank() - 1);
                if (want.rank() == 3 && row % want.dim(1) >= lengths[row / want.dim(1)]) {
                    continue; // padded step
                }
                fullDiff = Math.max(fullDiff, Math.abs(full.getFlat(i) - want.getFlat(i)));
                maskedDiff = Math.max(maskedDiff, Math.abs(masked.getFlat(i) - want.getFlat(i)));
            }
            assertThat(maskedDiff).isLessThan(1e-5);
            assertThat(fullDiff).as("max |diff| on valid steps when the lengths are ignored").isGreaterThan(1e-3);
        }
    }

    static Stream<String> bidirectionalPacked() {
        return Stream.of("lstm_bi_packed_last_torchscript", "gru_bi_packed_steps_time_major_torchscript",
                "rnn_relu_bi_packed_steps_torchscript", "gru_2layer_bi_packed_last_torchscript");
    }

    @Test
    void bidirectionalTwoLayerLstmReadThroughItsFinalStateBecomesOneStackedLayerReturningTheState() {
        try (ImportedModel m = new OnnxImporter().importModel(bytes("lstm_2layer_bi_hn_torchscript.onnx"), "f")) {
            assertThat(m.layers()).hasSize(1);
            assertThat(m.layers().get(0).kindId()).isEqualTo("lstm");
            LstmSpec s = (LstmSpec) m.layers().get(0).spec();
            assertThat(s.units()).isEqualTo(4);
            assertThat(s.layers()).isEqualTo(2);
            assertThat(s.bidirectional()).isTrue();
            assertThat(s.returnSequences()).isFalse();
            assertThat(m.head().spec()).isEqualTo(new ManyToOneSpec(Pooling.LAST, 3, null));
        }
    }

    @Test
    void meanOverTimeBecomesMeanPoolingAndEmbeddingKeepsItsVocabulary() {
        try (ImportedModel m = new OnnxImporter().importModel(bytes("embedding_lstm_bi_mean_dynamo.onnx"), "f")) {
            assertThat(m.input().vocabulary()).isEqualTo(11);
            assertThat(m.layers().get(0).kindId()).isEqualTo("embedding");
            assertThat(((ManyToOneSpec) m.head().spec()).pooling()).isEqualTo(Pooling.MEAN);
        }
    }

    @Test
    void unsupportedNodesAreAllListedWithTheirProblemAndNothingIsImported() {
        assertThatThrownBy(() -> new OnnxImporter().importModel(bytes("unsupported.onnx"), "unsupported.onnx"))
                .isInstanceOf(Rnn4jException.class)
                .satisfies(e -> assertThat(((Rnn4jException) e).id()).isEqualTo("RNN4J-ONNX-020"))
                .hasMessageStartingWith("""
                        RNN4J-ONNX-020: cannot import unsupported.onnx: 5 unsupported nodes:
                          - LSTM 'lstm_peephole': attribute clip (cell clipping)
                          - LSTM 'lstm_peephole': attribute input_forget=1 (coupled input and forget gates)
                          - LSTM 'lstm_peephole': input P (peephole connections)
                          - GRU 'gru_hard_sigmoid': activations [HardSigmoid, Tanh] (rnn4j's cells use the defaults \
                        [Sigmoid, Tanh])
                          - Erf 'erf_1': operator not supported
                        rnn4j imports: an optional embedding""")
                .hasMessageEndingWith("Nothing was imported.");
    }

    @Test
    void dynamoUnrolledSimpleRnnIsRefusedWithTheWayToExportIt() {
        assertThatThrownBy(() -> new OnnxImporter().importModel(bytes("rnn_tanh_mean_dynamo.onnx"), "r.onnx"))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageContaining("RNN4J-ONNX-021").hasMessageContaining("export nn.RNN with dynamo=False");
    }

    @Test
    void notAnOnnxFileIsRefused() {
        assertThatThrownBy(() -> new OnnxImporter().importModel("hello".getBytes(), "hello.txt"))
                .isInstanceOf(Rnn4jException.class).hasMessageContaining("RNN4J-ONNX-023")
                .hasMessageContaining("hello.txt");
    }

    /** The fixture's sequence lengths, or null when its model reads every step. */
    static int[] lengths(JsonNode f) {
        if (f.get("lengths") == null || f.get("lengths").isNull()) {
            return null;
        }
        int[] out = new int[f.get("lengths").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get("lengths").get(i).asInt();
        }
        return out;
    }

    /** Whether flat index {@code i} of a {@code [batch, time, n]} (or time-major) output is past its length. */
    private static boolean padded(Tensor t, int i, int[] lengths, boolean timeMajor) {
        int n = t.dim(2);
        int row = i / n;
        int b = timeMajor ? row % t.dim(1) : row / t.dim(1);
        int step = timeMajor ? row / t.dim(1) : row % t.dim(1);
        return step >= lengths[b];
    }

    private static boolean isRecurrent(LayerGraph.Node n) {
        return List.of("lstm", "gru", "simple_rnn").contains(n.kind().id());
    }

    static Tensor finalFunction(String fn, Tensor t) {
        if (fn.equals("none")) {
            return t;
        }
        float[] v = t.toArray();
        int n = t.dim(t.rank() - 1);
        for (int r = 0; r < v.length / n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, v[r * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(v[r * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                double z = v[r * n + j] - max;
                v[r * n + j] = (float) (fn.equals("softmax") ? Math.exp(z) / sum : z - Math.log(sum));
            }
        }
        return Tensor.of(v, t.shape().dims());
    }

    /** {@code [rows, batch, hidden]} as one tensor per row. */
    private static List<Tensor> rows(Tensor t) {
        List<Tensor> out = new ArrayList<>();
        int per = t.dim(1) * t.dim(2);
        for (int i = 0; i < t.dim(0); i++) {
            float[] v = new float[per];
            System.arraycopy(t.data(), t.offset() + i * per, v, 0, per);
            out.add(Tensor.of(v, t.dim(1), t.dim(2)));
        }
        return out;
    }

    static Tensor tensor(JsonNode node) {
        int[] dims = new int[node.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = node.get("shape").get(i).asInt();
        }
        float[] v = new float[node.get("data").size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) node.get("data").get(i).asDouble();
        }
        return Tensor.of(v, dims);
    }

    static JsonNode json(String name) {
        try (InputStream in = OnnxImportFixturesTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("test resource " + DIR + name + " (tools/onnx/import_fixtures.py)").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = OnnxImportFixturesTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("test resource " + DIR + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
