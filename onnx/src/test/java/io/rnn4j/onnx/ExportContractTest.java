package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The graph's contract: opset, IR version, names, types, symbolic dims, metadata. */
class ExportContractTest {

    private static Network stackedLstm() {
        return Models.network(ValueType.tokens(20), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(6, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(4, 2, true, Merge.CONCAT, true)),
                Models.item(2, "gru", Models.Cell.GRU.spec(3, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(5, null)), 71);
    }

    @Test
    void graphHasOpset17IrVersion8AndTheDocumentedInputsAndOutputsWithSymbolicBatchAndTime() throws Exception {
        ExportResult r = new OnnxExporter().export(stackedLstm(), Models.MODEL_DIR.resolve("contract_stacked.onnx"),
                ExportOptions.defaults());
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(r.file()));

        assertThat(m.getIrVersion()).isEqualTo(8);
        assertThat(m.getOpsetImportList()).singleElement()
                .satisfies(o -> assertThat(o.getDomain() + ":" + o.getVersion()).isEqualTo(":17"));
        assertThat(signature(m.getGraph().getInputList())).containsExactly(
                "input int64 [batch, time]",
                "sequence_lens int32 [batch]",
                "initial_h_lstm_1 float [4, batch, 4]",
                "initial_c_lstm_1 float [4, batch, 4]",
                "initial_h_gru_2 float [1, batch, 3]");
        assertThat(signature(m.getGraph().getOutputList())).containsExactly(
                "Y_h_lstm_1 float [4, batch, 4]",
                "Y_c_lstm_1 float [4, batch, 4]",
                "Y_h_gru_2 float [1, batch, 3]",
                "output float [batch, time, 5]");
        Map<String, Long> ops = m.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(OnnxMl.NodeProto::getOpType, Collectors.counting()));
        assertThat(ops).containsEntry("LSTM", 2L).containsEntry("GRU", 1L).containsEntry("Gather", 2L);
        OnnxMl.NodeProto gru = m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("GRU")).findFirst()
                .orElseThrow();
        assertThat(attributes(gru)).containsEntry("linear_before_reset", "1").containsEntry("hidden_size", "3")
                .containsEntry("direction", "forward").doesNotContainKey("layout");
        assertThat(m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("LSTM")).map(n -> attributes(n)
                .get("direction"))).containsOnly("bidirectional");
    }

    @Test
    void metadataHoldsTheExperimentYamlTheVersionAndThePreprocessingTheCallerPassed() throws Exception {
        String yaml = "version: 1\nname: tagger\nmodel:\n  layers:\n    - embedding: {dim: 6}\n";
        ExportOptions options = ExportOptions.defaults().withExperimentYaml(yaml)
                .withMetadata(ExportOptions.KEY_VOCABULARY, "{\"<pad>\":0,\"the\":1}")
                .withMetadata(ExportOptions.KEY_LABELS, "[\"NOUN\",\"VERB\"]");
        ExportResult r = new OnnxExporter().export(stackedLstm(), Models.MODEL_DIR.resolve("contract_metadata.onnx"),
                options);
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(r.model());

        Map<String, String> meta = new LinkedHashMap<>();
        m.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertThat(meta).containsEntry("rnn4j.experiment_yaml", yaml)
                .containsEntry("rnn4j.vocabulary", "{\"<pad>\":0,\"the\":1}")
                .containsEntry("rnn4j.labels", "[\"NOUN\",\"VERB\"]")
                .containsKey("rnn4j.version");
        assertThat(meta.get("rnn4j.version")).isEqualTo(OnnxExporter.version()).isNotBlank().doesNotContain("${");
        assertThat(m.getProducerName()).isEqualTo("rnn4j");
    }

    @Test
    void withoutStateInputsTheGraphStartsFromZerosAndStillOutputsFinalStates() throws Exception {
        Network net = Models.network(ValueType.sequence(3), List.of(
                Models.item(0, "lstm", Models.Cell.LSTM.spec(4, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.MAX, 2, null)), 72);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("contract_no_state_inputs.onnx"),
                ExportOptions.defaults().withStateInputs(StateInputs.NONE));
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(r.model());

        assertThat(signature(m.getGraph().getInputList())).containsExactly("input float [batch, time, 3]",
                "sequence_lens int32 [batch]");
        assertThat(signature(m.getGraph().getOutputList())).contains("Y_h_lstm_0 float [1, batch, 4]");
        assertThat(r.parity().comparisons()).extracting(ParityReport.Comparison::caseName).containsOnly("zero state");
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            assertThat(runner.stateInputNames()).isEmpty();
            ExportMatrixTest.checkAgainstReference(net, runner,
                    Models.sequencesOfLengths(net.graph().input(), 5, 73, 5, 2));
        }
    }

    @Test
    void parityReportListsEveryOutputOfBothCases() {
        ExportResult r = new OnnxExporter().export(stackedLstm(), ExportOptions.defaults());
        assertThat(r.file()).isNull();
        assertThat(r.parity().comparisons()).extracting(c -> c.caseName() + " " + c.output()).containsExactly(
                "zero state output", "zero state Y_h_lstm_1", "zero state Y_c_lstm_1", "zero state Y_h_gru_2",
                "given state output", "given state Y_h_lstm_1", "given state Y_c_lstm_1", "given state Y_h_gru_2");
        assertThat(r.parity().describe()).contains("output (zero state): max |diff| ");
    }

    private static List<String> signature(List<OnnxMl.ValueInfoProto> values) {
        return values.stream().map(v -> {
            OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
            String type = OnnxMl.TensorProto.DataType.forNumber(t.getElemType()).name().toLowerCase(java.util.Locale.ROOT);
            String dims = t.getShape().getDimList().stream()
                    .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                    .collect(Collectors.joining(", ", "[", "]"));
            return v.getName() + " " + type + " " + dims;
        }).toList();
    }

    private static Map<String, String> attributes(OnnxMl.NodeProto n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (OnnxMl.AttributeProto a : n.getAttributeList()) {
            m.put(a.getName(), switch (a.getType()) {
                case INT -> Long.toString(a.getI());
                case STRING -> a.getS().toStringUtf8();
                default -> a.toString();
            });
        }
        return m;
    }
}
