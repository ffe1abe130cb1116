package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Activation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.DropoutSpec;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Merge modes of a bidirectional top layer, embeddings on token ids, and dense/dropout layers in between. */
class MergeAndEmbeddingTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Merge.class)
    void everyMergeModeOfTheTopLayerAgreesForSequencesAndFinalStates(Merge merge) {
        for (Models.Cell cell : List.of(Models.Cell.LSTM, Models.Cell.GRU, Models.Cell.SIMPLE_RNN_TANH)) {
            for (boolean sequences : new boolean[] {true, false}) {
                Network net = Models.network(ValueType.sequence(2),
                        List.of(Models.item(0, cell.kind(), cell.spec(3, 2, true, merge, sequences))),
                        sequences ? Models.head("many_to_many", new ManyToManySpec(3, null))
                                : Models.head("many_to_one", new ManyToOneSpec(Pooling.LAST, null, 2)), 21);
                String file = String.format(Locale.ROOT, "merge_%s_%s_%s.onnx", merge, cell, sequences ? "seq" : "final")
                        .toLowerCase(Locale.ROOT);
                ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve(file), ExportOptions.defaults());
                assertThat(r.parity().passed()).isTrue();
                try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
                    ExportMatrixTest.checkAgainstReference(net, runner,
                            Models.sequencesOfLengths(net.graph().input(), 7, 3, 7, 1, 4, 6));
                }
            }
        }
    }

    @Test
    void tokenIdsGoThroughAnEmbeddingAsInt64AndPaddingIdsAreNeverLookedUp() {
        Network net = Models.network(ValueType.tokens(11), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(5, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(4, 1, true, Merge.CONCAT, true))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.MEAN, 3, null)), 31);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("embedding_bilstm_mean.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            assertThat(runner.takesTokens()).isTrue();
            // padding holds ids outside the vocabulary (vocabulary + 7): a Gather on them would fail
            ExportMatrixTest.checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 1, 5, 4));
            ExportMatrixTest.checkAgainstReference(net, runner,
                    Models.sequencesOfLengths(net.graph().input(), 8, 5, 8, 3, 1, 6));
        }
    }

    @Test
    void denseAndDropoutLayersBetweenEmbeddingAndRecurrentLayerKeepPaddingAtZero() {
        Network net = Models.network(ValueType.tokens(9), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(4, null)),
                Models.item(1, "dropout", new DropoutSpec(0.3f)),
                Models.item(2, "dense", new DenseSpec(5, Activation.RELU, true)),
                Models.item(3, "gru", Models.Cell.GRU.spec(3, 2, false, Merge.CONCAT, true)),
                Models.item(4, "dense", new DenseSpec(4, Activation.TANH, false))),
                Models.head("many_to_many", new ManyToManySpec(null, 2)), 41);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("embedding_dense_gru_dense.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            Flow in = Models.sequencesOfLengths(net.graph().input(), 6, 8, 6, 2, 4);
            ExportMatrixTest.checkAgainstReference(net, runner, in);
            float[] out = runner.run(in, java.util.Map.of()).get(OnnxNames.OUTPUT).toArray();
            for (int t = 2; t < 6; t++) { // sequence 1 has 2 valid steps: zeros after, as in rnn4j
                assertThat(out[(6 + t) * 2]).isZero();
                assertThat(out[(6 + t) * 2 + 1]).isZero();
            }
        }
    }

    @Test
    void aModelWhoseInputIsOneVectorPerExampleHasNoSequenceLens() {
        Network net = Models.network(ValueType.vector(4), List.of(
                Models.item(0, "dense", new DenseSpec(6, Activation.SIGMOID, true))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.LAST, 3, null)), 51);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("vector_dense.onnx"), ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            ExportMatrixTest.checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 7, 1, 9));
        }
    }
}
