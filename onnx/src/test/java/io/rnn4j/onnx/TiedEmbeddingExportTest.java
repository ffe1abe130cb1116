package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code many_to_many} head with {@code tie_embedding}: one table in the ONNX file, read by Gather and MatMul. */
class TiedEmbeddingExportTest {

    @Test
    void theTableIsStoredOnceAndOnnxRuntimeGivesTheSameLogitsAndTopK() throws Exception {
        int vocabulary = 13;
        Network net = Models.network(ValueType.tokens(vocabulary), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(5, null)),
                Models.item(1, "gru", Models.Cell.GRU.spec(5, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(vocabulary, null, true)), 73);
        var bias = net.parameters().get(ParamId.of("many_to_many_out", ParamRole.BIAS)).value();
        for (int i = 0; i < bias.size(); i++) { // a bias that is not zero, so that the export must carry it
            bias.setFlat(i, 0.1f * (i % 4) - 0.15f);
        }
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("embedding_gru_tied.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(r.model());
        List<OnnxMl.TensorProto> tables = m.getGraph().getInitializerList().stream()
                .filter(t -> t.getDimsCount() == 2 && (t.getDims(0) == vocabulary || t.getDims(1) == vocabulary)).toList();
        assertThat(tables).as("one [13, 5] table, no [5, 13] output matrix").hasSize(1);
        assertThat(tables.get(0).getDimsList()).containsExactly((long) vocabulary, 5L);
        String table = tables.get(0).getName();
        List<String> readers = m.getGraph().getNodeList().stream().filter(n -> n.getInputList().contains(table))
                .map(OnnxMl.NodeProto::getOpType).sorted().toList();
        assertThat(readers).containsExactly("Gather", "Transpose");
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            Flow in = Models.sequencesOfLengths(net.graph().input(), 7, 3, 7, 1, 5);
            ExportMatrixTest.checkAgainstReference(net, runner, in);
            float[] onnx = runner.run(in, java.util.Map.of()).get(OnnxNames.OUTPUT).toArray();
            float[] ours = net.forward(in, LayerContext.inference()).values().toArray();
            for (int row = 0; row < onnx.length / vocabulary; row++) { // the top 5 ids at every step
                assertThat(top(onnx, row * vocabulary, vocabulary, 5)).isEqualTo(top(ours, row * vocabulary, vocabulary, 5));
            }
        }
    }

    private static List<Integer> top(float[] v, int from, int n, int k) {
        return java.util.stream.IntStream.range(0, n).boxed()
                .sorted((a, b) -> Float.compare(v[from + b], v[from + a])).limit(k).toList();
    }
}
