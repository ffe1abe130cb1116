package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Activation;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trip: every model of {@link ExportMatrixTest} (each cell x {forward, bidirectional} x {1, 2 layers} x
 * every exportable head), and models with an embedding, dense layers, every merge and the reset-before GRU, is
 * exported, imported back and compared with the original: the same layer kinds and options (those ONNX holds:
 * units, stacked layers, directions, merge, returned steps, cell, pooling, output size) and every weight equal bit
 * for bit.
 */
class OnnxRoundTripTest {

    /** The matrix without the ctc head, whose export (per-step log-softmax) imports as many_to_many (test below). */
    static Stream<Arguments> matrix() {
        return ExportMatrixTest.cases().filter(a -> a.get()[3] != ExportMatrixTest.Head.CTC);
    }

    @Test
    void ctcExportImportsAsManyToManyWhoseOutputIsTheLogSoftmax() {
        Network net = Models.network(ValueType.sequence(3), List.of(Models.item(0, "lstm",
                Models.Cell.LSTM.spec(4, 1, true, Merge.CONCAT, true))), ExportMatrixTest.Head.CTC.item(), 5);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults());
        try (ImportedModel m = new OnnxImporter().importModel(r.model(), "ctc.onnx")) {
            assertThat(m.head().kindId()).isEqualTo("many_to_many");
            assertThat(m.output()).isEqualTo(ImportedModel.Output.LOG_SOFTMAX);
            assertThat(m.maxAbsDiff()).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "{0} bidirectional={1} layers={2} head={3}")
    @MethodSource("matrix")
    void exportMatrixModelsImportBackBitForBit(Models.Cell cell, boolean bidirectional, int layers,
            ExportMatrixTest.Head head) {
        LayerSpec rnn = cell.spec(4, layers, bidirectional, Merge.CONCAT, head != ExportMatrixTest.Head.FINAL_STATE);
        Network net = Models.network(ValueType.sequence(3), List.of(Models.item(0, cell.kind(), rnn)), head.item(), 7);
        assertRoundTrip(net);
    }

    static Stream<Arguments> more() {
        List<Arguments> list = new ArrayList<>();
        for (Merge m : Merge.values()) {
            list.add(Arguments.of("gru bidirectional merge " + m, ValueType.sequence(3), List.of(Models.item(0, "gru",
                    Models.Cell.GRU.spec(5, 1, true, m, true))), Models.head("many_to_many", new ManyToManySpec(4, null))));
        }
        list.add(Arguments.of("reset-before gru, 2 layers, bidirectional", ValueType.sequence(3), List.of(Models.item(0,
                "gru", new GruSpec(4, 2, true, Merge.SUM, 0f, 0f, true, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL,
                        false))), Models.head("many_to_one", new ManyToOneSpec(Pooling.MEAN, 3, null))));
        list.add(Arguments.of("embedding, lstm, dense, max pooling", ValueType.tokens(13), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(6, null)),
                Models.item(1, "lstm", Models.Cell.LSTM.spec(5, 1, false, Merge.CONCAT, true)),
                Models.item(2, "dense", new DenseSpec(7, Activation.TANH, true))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.MAX, 2, null))));
        list.add(Arguments.of("dense before a relu rnn, final state, dense without bias", ValueType.sequence(4), List.of(
                Models.item(0, "dense", new DenseSpec(5, Activation.SIGMOID, true)),
                Models.item(1, "simple_rnn", Models.Cell.SIMPLE_RNN_RELU.spec(3, 2, true, Merge.MUL, false)),
                Models.item(2, "dense", new DenseSpec(4, Activation.RELU, false))),
                Models.head("many_to_one", new ManyToOneSpec(Pooling.LAST, null, 1))));
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("more")
    void otherModelsImportBackBitForBit(String what, ValueType input, List<LayerGraph.Item> layers,
            LayerGraph.Item head) {
        assertRoundTrip(Models.network(input, layers, head, 11));
    }

    @Test
    void resetBeforeGruExportsWithLinearBeforeResetZeroAndImportsAsResetAfterFalse() {
        Network net = Models.network(ValueType.sequence(2), List.of(Models.item(0, "gru", new GruSpec(3, 1, false,
                Merge.CONCAT, 0f, 0f, true, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL, false))),
                Models.head("many_to_many", new ManyToManySpec(null, 1)), 3);
        ExportResult r = new OnnxExporter().export(net, ExportOptions.defaults());
        assertThat(r.parity().maxAbsDiff()).isLessThan(1e-5);
        try (ImportedModel m = new OnnxImporter().importModel(r.model(), "gru.onnx")) {
            assertThat(((GruSpec) m.layers().get(0).spec()).resetAfter()).isFalse();
        }
    }

    static void assertRoundTrip(Network net) {
        ExportResult exported = new OnnxExporter().export(net, ExportOptions.defaults());
        try (ImportedModel m = new OnnxImporter().importModel(exported.model(), "export")) {
            LayerGraph a = net.graph();
            LayerGraph b = m.graph();
            assertThat(b.nodes()).hasSameSizeAs(a.nodes());
            for (int i = 0; i < a.nodes().size(); i++) {
                LayerGraph.Node x = a.nodes().get(i);
                LayerGraph.Node y = b.nodes().get(i);
                assertThat(y.kind().id()).as("layer %d", i).isEqualTo(x.kind().id());
                assertThat(y.name()).isEqualTo(x.name());
                assertThat(y.output()).as("output of %s", x.name()).isEqualTo(x.output());
                assertThat(essence(y.spec())).as("options of %s", x.name()).isEqualTo(essence(x.spec()));
            }
            assertThat(m.network().parameters().all()).hasSameSizeAs(net.parameters().all());
            for (Parameter p : net.parameters().all()) {
                assertThat(m.network().parameters().get(p.id()).value().toArray()).as("weights %s", p.id())
                        .containsExactly(p.value().toArray());
            }
            assertThat(m.maxAbsDiff()).isLessThan(1e-5);
        }
    }

    /** The options ONNX holds (not dropout rates or initializers, not classes vs outputs). */
    static Object essence(LayerSpec spec) {
        if (spec instanceof ManyToOneSpec s) {
            return List.of(s.pooling(), s.classes() == null ? s.outputs() : s.classes());
        }
        if (spec instanceof ManyToManySpec s) {
            return List.of(s.classes() == null ? s.outputs() : s.classes());
        }
        RecurrentSpec r = recurrent(spec);
        if (r != null) {
            return List.of(r.cell(), r.units(), r.layers(), r.bidirectional(), r.bidirectional() ? r.merge() : "-",
                    r.returnSequences());
        }
        if (spec instanceof EmbeddingSpec e) {
            return List.of(e.dim());
        }
        return spec;
    }

    private static RecurrentSpec recurrent(LayerSpec spec) {
        if (spec instanceof GruSpec g) {
            return g.toRecurrentSpec();
        }
        if (spec instanceof io.rnn4j.layers.LstmSpec l) {
            return l.toRecurrentSpec();
        }
        if (spec instanceof io.rnn4j.layers.SimpleRnnSpec s) {
            return s.toRecurrentSpec();
        }
        return null;
    }
}
