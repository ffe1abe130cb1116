package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.Distribution;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probabilistic forecasting heads (Gaussian mean and scale, quantiles) run the same in ONNX Runtime. */
class ProbabilisticHeadExportTest {

    private static Network net(ManyToOneSpec head, boolean sequences, long seed) {
        return Models.network(ValueType.sequence(3),
                List.of(Models.item(0, "lstm", Models.Cell.LSTM.spec(4, 1, false, Merge.CONCAT, sequences))),
                Models.head("many_to_one", head), seed);
    }

    @Test
    void gaussianHeadExportsItsSoftplusScalesAndMatchesTheReference() {
        for (boolean sequences : new boolean[] {true, false}) {
            Network net = net(new ManyToOneSpec(sequences ? Pooling.MEAN : Pooling.LAST, null, 5, Distribution.GAUSSIAN,
                    List.of()), sequences, 11);
            ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("gaussian_head_" + sequences + ".onnx"),
                    ExportOptions.defaults());
            assertThat(r.parity().passed()).isTrue();
            try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
                Flow in = Models.sequencesOfLengths(net.graph().input(), 6, 3, 6, 2, 5);
                ExportMatrixTest.checkAgainstReference(net, runner, in);
                float[] out = runner.run(in, java.util.Map.of()).get(OnnxNames.OUTPUT).toArray();
                assertThat(out).hasSize(3 * 10);
                for (int b = 0; b < 3; b++) {
                    for (int j = 5; j < 10; j++) {
                        assertThat(out[b * 10 + j]).as("scale %d of row %d", j - 5, b).isPositive();
                    }
                }
            }
        }
    }

    @Test
    void quantileHeadExportsOneBlockPerLevel() {
        Network net = net(new ManyToOneSpec(Pooling.LAST, null, 4, Distribution.NONE, List.of(0.1, 0.5, 0.9)), false, 12);
        assertThat(net.graph().output().features()).isEqualTo(12);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("quantile_head.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            ExportMatrixTest.checkAgainstReference(net, runner, Models.sequencesOfLengths(net.graph().input(), 5, 4, 5, 1));
        }
    }
}
