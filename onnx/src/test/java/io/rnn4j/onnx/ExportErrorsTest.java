package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be exported, and what happens when an export is wrong. */
class ExportErrorsTest {
    @TempDir
    Path dir;

    @Test
    void oneToManyHeadIsRefusedNamingWhatCanBeExported() {
        Network net = Models.network(ValueType.vector(3), List.of(),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.GRU, 4, 5, 6, null, 3)), 81);
        assertThatThrownBy(() -> new OnnxExporter().export(net, dir.resolve("gen.onnx"), ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ONNX-002: the head 'one_to_many' (one_to_many, at model.head) cannot be exported to "
                        + "ONNX yet: its inference is an autoregressive decoding loop (each emitted token is fed back), "
                        + "which rnn4j does not write as ONNX. Exportable heads: many_to_one, many_to_many. Run this "
                        + "model with rnn4j itself, or export an encoder-only model with a many_to_many head.");
        assertThat(dir.resolve("gen.onnx")).doesNotExist();
    }

    @Test
    void seq2seqHeadIsRefused() {
        Network net = Models.network(ValueType.tokens(7), List.of(
                Models.item(0, "embedding", new io.rnn4j.layers.EmbeddingSpec(4, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(4, 1, false, Merge.CONCAT, true))),
                Models.head("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 4, 7, 5)), 82);
        assertThatThrownBy(() -> new OnnxExporter().export(net, ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class).hasMessageStartingWith("RNN4J-ONNX-002: the head 'seq2seq' (seq2seq");
    }

    @Test
    void aKindWithoutExporterIsNamedWithItsPathAndTheExportableKinds() {
        List<LayerExporter> withoutGru = new ArrayList<>(OnnxExporter.discover(getClass().getClassLoader()));
        withoutGru.removeIf(e -> e.kindId().equals("gru"));
        Network net = Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "gru", Models.Cell.GRU.spec(3, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(null, 1)), 83);
        assertThatThrownBy(() -> new OnnxExporter(withoutGru, new ParityChecker()).export(net, ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ONNX-001: no ONNX exporter for gru_0 (gru, at model.layers[0]). Kinds that can be "
                        + "exported: dense, dropout, embedding, lstm, many_to_many, many_to_one, one_to_many, seq2seq, "
                        + "simple_rnn. A plugin layer kind needs an io.rnn4j.onnx.spi.LayerExporter listed in "
                        + "META-INF/services.");
    }

    @Test
    void twoExportersForOneKindFail() {
        List<LayerExporter> twice = new ArrayList<>(OnnxExporter.discover(getClass().getClassLoader()));
        twice.add(new io.rnn4j.onnx.internal.SimpleExporters.Dense());
        assertThatThrownBy(() -> new OnnxExporter(twice, new ParityChecker())).isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-004: two ONNX exporters handle the layer kind 'dense'");
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        assertThatThrownBy(() -> ExportOptions.defaults().withMetadata("rnn4j.version", "9"))
                .isInstanceOf(Rnn4jException.class).hasMessageStartingWith("RNN4J-ONNX-003: metadata key 'rnn4j.version' is reserved");
    }

    /** A wrong exporter (it forgets the bias of the head's dense layer) must be caught by the parity check. */
    @Test
    void aWrongExportFailsTheParityCheckWithTheFiguresAndWritesNothing() {
        List<LayerExporter> broken = new ArrayList<>(OnnxExporter.discover(getClass().getClassLoader()));
        broken.removeIf(e -> e.kindId().equals("many_to_many"));
        broken.add(new LayerExporter() {
            @Override
            public String kindId() {
                return "many_to_many";
            }

            @Override
            public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
                io.rnn4j.core.Tensor w = ctx.parameter(io.rnn4j.core.ParamId.of(node.name() + "_out",
                        io.rnn4j.core.ParamRole.KERNEL));
                String y = ctx.op("MatMul", List.of(input.name(), ctx.initializer("W", w.toArray(), w.dim(0), w.dim(1))));
                return new OnnxValue(ctx.zeroPadding(y, input.timeMajor()), input.kind(), input.timeMajor(), w.dim(1));
            }
        });
        Network net = Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "lstm", Models.Cell.LSTM.spec(3, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(null, 2)), 84);
        Path file = dir.resolve("broken.onnx");

        assertThatThrownBy(() -> new OnnxExporter(broken, new ParityChecker()).export(net, file, ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-010: the ONNX export disagrees with the reference backend beyond "
                        + "|diff| <= 1e-5 + 1e-4 * |reference| (inputs: batch 3, lengths [6, 3, 1], seed 20240601):\n"
                        + "output (zero state): max |diff| ")
                .hasMessageContaining("; worst at [")
                .hasMessageContaining(": reference ")
                .hasMessageContaining(", ONNX Runtime ")
                .hasMessageContaining("Y_h_lstm_0 (zero state): max |diff| ")
                .hasMessageEndingWith("Nothing was written. This is a bug in the exporter of one of the layers above; "
                        + "please report it with the model's YAML.");
        assertThat(file).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void theRunnerRefusesAStateInputTheModelDoesNotHave() {
        Network net = Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "gru", Models.Cell.GRU.spec(3, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(null, 1)), 85);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults());
        try (OnnxModelRunner runner = OnnxModelRunner.open(r.model(), 1)) {
            assertThatThrownBy(() -> runner.run(Models.sequences(net.graph().input(), 2, 3, 1),
                    Map.of("initial_c_gru_0", io.rnn4j.core.Tensor.zeros(1, 2, 3))))
                    .isInstanceOf(Rnn4jException.class)
                    .hasMessage("RNN4J-ONNX-006: the model has no state input 'initial_c_gru_0'; its state inputs are "
                            + "[initial_h_gru_0]");
        }
    }
}
