package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
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
    void aDecoderHeadIsNotOneNodeOfASingleGraph() {
        Network net = Models.network(ValueType.vector(3), List.of(),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.GRU, 4, 5, 6, null, 3)), 81);
        LayerExporter e = OnnxExporter.discover(getClass().getClassLoader()).stream()
                .filter(x -> x.kindId().equals("one_to_many")).findFirst().orElseThrow();
        assertThatThrownBy(() -> e.export(net.graph().head(), OnnxValue.vectors("x", 3), null))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ONNX-002: the head 'one_to_many' (one_to_many, at model.head) is a decoder: it cannot "
                        + "be one node of a single graph. OnnxExporter exports it as an encoder graph and a decoder-step "
                        + "graph driven in a loop (see DecoderLoop).");
    }

    @Test
    void decoderMetadataKeysAreReserved() {
        assertThatThrownBy(() -> ExportOptions.defaults().withMetadata("rnn4j.decoder.bos_id", "1"))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-003: metadata key 'rnn4j.decoder.bos_id' is reserved");
        assertThatThrownBy(() -> ExportOptions.defaults().withMetadata("rnn4j.graph", "x"))
                .isInstanceOf(Rnn4jException.class).hasMessageStartingWith("RNN4J-ONNX-003");
    }

    /** A decoder step whose output bias is off by 0.01 gives the same tokens but other logits: caught. */
    @Test
    void aWrongDecoderStepFailsTheParityCheckWithTheFigures() {
        Network net = seq2seq(82);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults().withoutParityCheck());
        Tensor bias = net.parameters().get(ParamId.of("seq2seq_out", ParamRole.BIAS)).value();
        for (int i = 0; i < bias.size(); i++) {
            bias.setFlat(i, bias.getFlat(i) - 0.01f);
        }
        assertThatThrownBy(() -> new ParityChecker().checkPair(net, r.model(), r.decoderModel(), ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-010: the ONNX export (encoder and decoder step, decoded greedily) "
                        + "disagrees with the reference backend beyond |diff| <= 1e-5 + 1e-4 * |reference| or in the "
                        + "decoded tokens (inputs: batch 3, lengths [6, 3, 1], seed 20240601):\nh (zero state): max |diff| ")
                .hasMessageMatching("(?s).*\nlogits \\(zero state\\): max \\|diff\\| 0\\.0100 over \\d+ values; worst at "
                        + "\\[\\d+, \\d+, \\d+\\]: reference .*")
                .hasMessageContaining("tokens (zero state): identical, ")
                .hasMessageEndingWith("Nothing was written. This is a bug in the exporter of one of the layers above or "
                        + "of the head; please report it with the model's YAML.");
    }

    /** A decoder step that prefers another token: the tokens differ, and the message says where. */
    @Test
    void aDecoderStepThatDecodesOtherTokensFailsNamingTheFirstDifference() {
        Network net = seq2seq(83);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults().withoutParityCheck());
        Tensor bias = net.parameters().get(ParamId.of("seq2seq_out", ParamRole.BIAS)).value();
        bias.setFlat(5, bias.getFlat(5) + 50f); // the reference now always says 5
        assertThatThrownBy(() -> new ParityChecker().checkPair(net, r.model(), r.decoderModel(), ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageMatching("(?s).*\ntokens \\(zero state\\): DIFFERENT, first at row 0, step \\d+: reference 5, "
                        + "ONNX Runtime [0-46-9] \\(reference logits there: 5 -> 5\\d\\.\\d+, [0-46-9] -> -?\\d\\.\\d+\\), "
                        + "15 tokens, reference lengths \\[5, 5, 5\\]\n.*");
    }

    /** A broken encoder layer fails the pair's check, and neither file is written. */
    @Test
    void aFailedPairExportWritesNeitherFile() {
        List<LayerExporter> broken = new ArrayList<>(OnnxExporter.discover(getClass().getClassLoader()));
        broken.removeIf(e -> e.kindId().equals("embedding"));
        broken.add(new LayerExporter() {
            @Override
            public String kindId() {
                return "embedding";
            }

            @Override
            public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
                OnnxValue v = new io.rnn4j.onnx.internal.SimpleExporters.Embedding().export(node, input, ctx);
                return OnnxValue.sequence(ctx.op("Mul", List.of(v.name(), ctx.scalar(1.05f))), v.features());
            }
        });
        Path file = dir.resolve("translate.onnx");
        assertThatThrownBy(() -> new OnnxExporter(broken, new ParityChecker()).export(seq2seq(84), file,
                ExportOptions.defaults()))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-010: the ONNX export (encoder and decoder step")
                .hasMessageContaining("Y_h_lstm_1 (zero state): max |diff| ");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void thePairRunnerRefusesASingleGraphAndAMismatchedPair() {
        ExportResult single = new OnnxExporter().export(Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "gru", Models.Cell.GRU.spec(3, 1, false, Merge.CONCAT, true))),
                Models.head("many_to_many", new ManyToManySpec(null, 1)), 86), ExportOptions.defaults());
        ExportResult a = new OnnxExporter().export(seq2seq(87), ExportOptions.defaults().withoutParityCheck());
        ExportResult other = new OnnxExporter().export(Models.network(ValueType.vector(3), List.of(),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.GRU, 4, 5, 6, null, 3)), 88),
                ExportOptions.defaults().withoutParityCheck());

        assertThatThrownBy(() -> OnnxPairRunner.open(single.model(), a.decoderModel(), 1))
                .isInstanceOf(Rnn4jException.class)
                .hasMessage("RNN4J-ONNX-005: not an rnn4j encoder / decoder-step pair: the models say rnn4j.graph = null "
                        + "and decoder_step (expected encoder and decoder_step)");
        assertThatThrownBy(() -> OnnxPairRunner.open(a.model(), other.decoderModel(), 1))
                .isInstanceOf(Rnn4jException.class)
                .hasMessageStartingWith("RNN4J-ONNX-005: the encoder and the decoder step were not exported together");
    }

    private static Network seq2seq(long seed) {
        return Models.network(ValueType.tokens(7), List.of(
                Models.item(0, "embedding", new io.rnn4j.layers.EmbeddingSpec(4, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(4, 1, false, Merge.CONCAT, true))),
                Models.head("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 4, 7, 5)), seed);
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
                        + "exported: ctc, dense, dropout, embedding, lstm, many_to_many, many_to_one, one_to_many, seq2seq, "
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
