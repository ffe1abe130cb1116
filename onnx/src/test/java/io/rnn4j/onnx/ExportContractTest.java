package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Pooling;
import io.rnn4j.layers.heads.Seq2SeqSpec;
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

    /**
     * A seq2seq head: the encoder (embedding, 2-layer bidirectional LSTM) outputs the decoder's first state
     * (the top layer's directions concatenated) and its final states, not the sequence; the decoder step
     * takes a token and the state and gives the logits and the next state, with one LSTM node.
     */
    @Test
    void seq2seqIsWrittenAsAnEncoderAndADecoderStepWithTheLoopInTheMetadata() throws Exception {
        Network net = Models.network(ValueType.tokens(12), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(5, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(4, 2, true, Merge.CONCAT, true))),
                Models.head("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 3, 10, 9)), 74);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("contract_seq2seq.onnx"),
                ExportOptions.defaults().withExperimentYaml("version: 1\n").withMetadata(ExportOptions.KEY_VOCABULARY, "{}"));

        assertThat(r.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("contract_seq2seq.onnx", "contract_seq2seq.decoder.onnx");
        assertThat(r.decoderFile()).isEqualTo(r.file().resolveSibling("contract_seq2seq.decoder.onnx"));
        OnnxMl.ModelProto enc = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(r.file()));
        OnnxMl.ModelProto dec = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(r.decoderFile()));
        assertThat(enc.toByteArray()).isEqualTo(r.model());
        assertThat(dec.toByteArray()).isEqualTo(r.decoderModel());

        assertThat(signature(enc.getGraph().getInputList())).containsExactly(
                "input int64 [batch, time]",
                "sequence_lens int32 [batch]",
                "initial_h_lstm_1 float [4, batch, 4]",
                "initial_c_lstm_1 float [4, batch, 4]");
        assertThat(signature(enc.getGraph().getOutputList())).containsExactly(
                "Y_h_lstm_1 float [4, batch, 4]",
                "Y_c_lstm_1 float [4, batch, 4]",
                "h float [1, batch, 8]",
                "c float [1, batch, 8]");
        assertThat(signature(dec.getGraph().getInputList())).containsExactly(
                "token int64 [batch, 1]",
                "h float [1, batch, 8]",
                "c float [1, batch, 8]");
        assertThat(signature(dec.getGraph().getOutputList())).containsExactly(
                "logits float [batch, 1, 10]",
                "h_next float [1, batch, 8]",
                "c_next float [1, batch, 8]");
        assertThat(ops(enc)).containsEntry("LSTM", 2L).doesNotContainKey("MatMul");
        assertThat(ops(dec)).containsEntry("LSTM", 1L).containsEntry("Gather", 1L).containsEntry("MatMul", 1L)
                .containsEntry("Add", 1L).doesNotContainKeys("RNN", "GRU", "Loop", "Scan");
        OnnxMl.NodeProto lstm = dec.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("LSTM"))
                .findFirst().orElseThrow();
        assertThat(attributes(lstm)).containsEntry("hidden_size", "8").containsEntry("direction", "forward");
        assertThat(lstm.getInput(4)).as("no sequence_lens at sequence length 1").isEmpty();
        assertThat(lstm.getInput(5)).isEqualTo("h");
        assertThat(lstm.getInput(6)).isEqualTo("c");
        assertEveryNodeIsUsed(enc);
        assertEveryNodeIsUsed(dec);

        Map<String, String> em = metadata(enc);
        Map<String, String> dm = metadata(dec);
        assertThat(em).containsEntry("rnn4j.graph", "encoder")
                .containsEntry("rnn4j.decoder.file", "contract_seq2seq.decoder.onnx")
                .containsEntry("rnn4j.decoder.head", "seq2seq")
                .containsEntry("rnn4j.decoder.feedback", "token")
                .containsEntry("rnn4j.decoder.bos_id", "2")
                .containsEntry("rnn4j.decoder.eos_id", "3")
                .containsEntry("rnn4j.decoder.max_length", "9")
                .containsEntry("rnn4j.decoder.outputs", "10")
                .containsEntry("rnn4j.decoder.units", "8")
                .containsEntry("rnn4j.decoder.state", "h,c")
                .containsEntry("rnn4j.experiment_yaml", "version: 1\n")
                .containsEntry("rnn4j.vocabulary", "{}")
                .containsKey("rnn4j.version");
        assertThat(em.get("rnn4j.decoder.loop")).startsWith("Greedy decoding with two graphs.")
                .contains("token (int64 [batch, 1]) = 2 for every row at the first step")
                .contains("A row ends after it emitted 3 (<eos>, kept as its last token) or after 9 tokens");
        assertThat(dm).containsEntry("rnn4j.graph", "decoder_step").doesNotContainKey("rnn4j.decoder.file")
                .containsEntry("rnn4j.decoder.loop", em.get("rnn4j.decoder.loop"))
                .containsEntry("rnn4j.experiment_yaml", "version: 1\n");
        assertThat(DecoderLoop.fromMetadata(dm)).isEqualTo(new DecoderLoop("seq2seq", DecoderLoop.Feedback.TOKEN, 10, 8,
                true, 2, 3, 9));
    }

    /** one_to_many with values and a GRU decoder: value in, values out, no cell state, no <eos>. */
    @Test
    void oneToManyValuesPairHasValueInputsAndNoEos() throws Exception {
        Network net = Models.network(ValueType.vector(3), List.of(),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.GRU, 4, 6, null, 2, 3)), 75);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults());
        assertThat(r.files()).isEmpty();
        OnnxMl.ModelProto enc = OnnxMl.ModelProto.parseFrom(r.model());
        OnnxMl.ModelProto dec = OnnxMl.ModelProto.parseFrom(r.decoderModel());

        assertThat(signature(enc.getGraph().getInputList())).containsExactly("input float [batch, 3]");
        assertThat(signature(enc.getGraph().getOutputList())).containsExactly("h float [1, batch, 4]");
        assertThat(ops(enc)).containsOnlyKeys("MatMul", "Add", "Tanh", "Unsqueeze", "Identity");
        assertThat(signature(dec.getGraph().getInputList())).containsExactly("value float [batch, 1, 2]",
                "h float [1, batch, 4]");
        assertThat(signature(dec.getGraph().getOutputList())).containsExactly("values float [batch, 1, 2]",
                "h_next float [1, batch, 4]");
        OnnxMl.NodeProto gru = dec.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("GRU"))
                .findFirst().orElseThrow();
        assertThat(attributes(gru)).containsEntry("linear_before_reset", "1").containsEntry("hidden_size", "4");
        Map<String, String> em = metadata(enc);
        assertThat(em).containsEntry("rnn4j.decoder.head", "one_to_many").containsEntry("rnn4j.decoder.feedback", "value")
                .containsEntry("rnn4j.decoder.max_length", "6").containsEntry("rnn4j.decoder.state", "h")
                .doesNotContainKeys("rnn4j.decoder.bos_id", "rnn4j.decoder.eos_id", "rnn4j.decoder.file");
        assertThat(em.get("rnn4j.decoder.loop")).contains("value (float [batch, 1, 2]) = zeros at the first step")
                .endsWith("Run exactly 6 steps.");
    }

    @Test
    void oneToManyClassesStartsFromTheIdAfterTheClasses() throws Exception {
        Network net = Models.network(ValueType.vector(3), List.of(),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.SIMPLE_RNN, 4, 6, 5, null, 3)), 76);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults());
        OnnxMl.ModelProto dec = OnnxMl.ModelProto.parseFrom(r.decoderModel());
        assertThat(signature(dec.getGraph().getInputList())).containsExactly("token int64 [batch, 1]",
                "h float [1, batch, 4]");
        assertThat(ops(dec)).containsEntry("RNN", 1L);
        assertThat(metadata(dec)).containsEntry("rnn4j.decoder.bos_id", "5").containsEntry("rnn4j.decoder.outputs", "5")
                .doesNotContainKey("rnn4j.decoder.eos_id");
    }

    @Test
    void theDecoderFileNameFollowsTheEncoders() {
        assertThat(OnnxNames.decoderFileName("dates.onnx")).isEqualTo("dates.decoder.onnx");
        assertThat(OnnxNames.decoderFileName("model")).isEqualTo("model.decoder.onnx");
    }

    private static Map<String, Long> ops(OnnxMl.ModelProto m) {
        return m.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(OnnxMl.NodeProto::getOpType, Collectors.counting()));
    }

    private static Map<String, String> metadata(OnnxMl.ModelProto m) {
        Map<String, String> meta = new LinkedHashMap<>();
        m.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        return meta;
    }

    /** Every node's outputs feed another node or are graph outputs; every initializer is read. */
    private static void assertEveryNodeIsUsed(OnnxMl.ModelProto m) {
        java.util.Set<String> consumed = new java.util.HashSet<>();
        m.getGraph().getNodeList().forEach(n -> consumed.addAll(n.getInputList()));
        m.getGraph().getOutputList().forEach(o -> consumed.add(o.getName()));
        assertThat(m.getGraph().getNodeList()).allSatisfy(n -> assertThat(n.getOutputList()).anyMatch(consumed::contains));
        assertThat(m.getGraph().getInitializerList()).allSatisfy(t -> assertThat(consumed).contains(t.getName()));
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
