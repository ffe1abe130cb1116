package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streaming through ONNX Runtime: a batch fed in chunks of 3, 4 and 2 steps, each chunk's {@code Y_h_*} /
 * {@code Y_c_*} fed back as the next chunk's {@code initial_h_*} / {@code initial_c_*}, gives the same
 * outputs and final states as the whole batch fed at once. Sequences end in different chunks (lengths 9,
 * 5, 3, 1), so later chunks hold sequences of length 0, whose state must pass through unchanged.
 */
class StreamingTest {
    private static final int TIME = 9;
    private static final int[] LENGTHS = {9, 5, 3, 1};
    private static final int[] CHUNKS = {3, 4, 2};

    @ParameterizedTest(name = "{0}")
    @EnumSource(Models.Cell.class)
    void chunksWithStatesPassedAlongEqualTheWholeSequence(Models.Cell cell) {
        Network net = Models.network(ValueType.sequence(3),
                List.of(Models.item(0, cell.kind(), cell.spec(4, 2, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(null, 2)), 61);
        streamAndCompare(net, "stream_" + cell.name().toLowerCase(Locale.ROOT) + ".onnx", true);
    }

    @Test
    void tokenStreamsThroughEmbeddingAndLstmChunkByChunk() {
        Network net = Models.network(ValueType.tokens(13), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(4, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(5, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(13, null)), 62);
        streamAndCompare(net, "stream_embedding_lstm.onnx", true);
    }

    @Test
    void aClassifierOnTheFinalStateGivesTheWholeSequencesAnswerAfterTheLastChunk() {
        Network net = Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "gru", Models.Cell.GRU.spec(4, 2, false, Merge.CONCAT, false))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.LAST, 3, null)), 63);
        streamAndCompare(net, "stream_gru_final_state.onnx", false);
    }

    private static void streamAndCompare(Network net, String file, boolean sequenceOutput) {
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve(file), ExportOptions.defaults());
        Flow whole = Models.sequencesOfLengths(net.graph().input(), TIME, 64, LENGTHS);
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            ExportMatrixTest.checkAgainstReference(net, runner, whole);
            Map<String, Tensor> all = runner.run(whole, Map.of());
            Map<String, Tensor> states = new HashMap<>();
            List<Tensor> outputs = new ArrayList<>();
            Map<String, Tensor> last = null;
            int from = 0;
            for (int len : CHUNKS) {
                Flow chunk = window(whole, from, from + len);
                last = runner.run(chunk, states);
                outputs.add(last.get(OnnxNames.OUTPUT));
                states = new HashMap<>();
                for (String name : runner.stateInputNames()) {
                    states.put(name, last.get(name.replace("initial_", "Y_")));
                }
                from += len;
            }
            assertThat(runner.stateInputNames()).isNotEmpty();
            for (String name : runner.stateInputNames()) {
                String out = name.replace("initial_", "Y_");
                Models.assertClose(all.get(out), last.get(out), out + " after the last chunk");
            }
            Tensor streamed = sequenceOutput ? concatTime(outputs) : last.get(OnnxNames.OUTPUT);
            Models.assertClose(all.get(OnnxNames.OUTPUT), streamed, "streamed output");
        }
    }

    /** Steps {@code [from, to)} of a batch, with the window of its mask. */
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

    private static Tensor concatTime(List<Tensor> parts) {
        int b = parts.get(0).dim(0);
        int n = parts.get(0).dim(2);
        int t = parts.stream().mapToInt(p -> p.dim(1)).sum();
        Tensor out = Tensor.zeros(b, t, n);
        int off = 0;
        for (Tensor p : parts) {
            int pt = p.dim(1);
            for (int i = 0; i < b; i++) {
                System.arraycopy(p.data(), p.offset() + i * pt * n, out.data(), (i * t + off) * n, pt * n);
            }
            off += pt;
        }
        return out;
    }
}
