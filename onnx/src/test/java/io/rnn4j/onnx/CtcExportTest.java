package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.ctc.CtcDecoder;
import io.rnn4j.core.loss.CtcLoss;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.CtcSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CTC model exports up to its per-step log-probabilities; decoding the ONNX Runtime output in Java gives
 * the same transcripts, greedy and beam, as decoding the reference backend's output.
 */
class CtcExportTest {

    @Test
    void onnxRuntimeLogProbabilitiesDecodeToTheSameTranscripts() {
        CtcSpec spec = new CtcSpec(5, 0, CtcLoss.Reduction.MEAN, false, 6);
        Network net = Models.network(ValueType.sequence(3),
                List.of(Models.item(0, "gru", Models.Cell.GRU.spec(8, 1, true, Merge.CONCAT, true))),
                Models.head("ctc", spec), 21);
        ExportResult result = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("ctc_gru.onnx"),
                ExportOptions.defaults());
        assertThat(result.parity().passed()).isTrue();

        Flow input = Models.sequencesOfLengths(net.graph().input(), 20, 5, 20, 17, 9, 3, 1);
        Tensor expected = Models.reference(net, input).values();
        Tensor actual;
        try (OnnxModelRunner runner = OnnxModelRunner.open(result.model(), 1)) {
            actual = runner.run(input, Map.of()).get(OnnxNames.OUTPUT);
        }
        Models.assertClose(expected, actual, "log-probabilities");
        // each valid step is a distribution in log space; padded steps are 0
        for (int t = 0; t < 9; t++) {
            double sum = 0;
            for (int c = 0; c < 6; c++) {
                sum += Math.exp(actual.get(2, t, c));
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
        assertThat(actual.get(4, 1, 0)).isZero();

        for (CtcDecoder decoder : List.of(CtcDecoder.greedy(0), CtcDecoder.beam(0, 6))) {
            List<CtcDecoder.Hypothesis> fromJava = decoder.decode(expected, input.mask());
            List<CtcDecoder.Hypothesis> fromOnnx = decoder.decode(actual, input.mask());
            for (int b = 0; b < 5; b++) {
                assertThat(fromOnnx.get(b).labels()).as("%s sequence %d", decoder.decoding(), b)
                        .isEqualTo(fromJava.get(b).labels());
            }
        }
    }
}
