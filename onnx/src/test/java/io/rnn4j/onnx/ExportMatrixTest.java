package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell x {forward, bidirectional} x {1, 2 stacked layers} x every exportable head: exported (with the
 * parity check at batch 3, length 6), then run in ONNX Runtime at shapes the export never saw (a batch
 * of one; a batch of five with lengths 9, 7, 5, 2, 1) and compared with the reference backend, output and
 * final states.
 */
class ExportMatrixTest {

    /** The heads, including {@code many_to_one} after a layer that returns only its final state. */
    enum Head {
        LAST, MEAN, MAX, FINAL_STATE, MANY_TO_MANY, CTC;

        LayerGraph.Item item() {
            return switch (this) {
                case LAST, FINAL_STATE -> Models.head("many_to_one", new ManyToOneSpec(Pooling.LAST, 3, null));
                case MEAN -> Models.head("many_to_one", new ManyToOneSpec(Pooling.MEAN, null, 2));
                case MAX -> Models.head("many_to_one", new ManyToOneSpec(Pooling.MAX, 3, null));
                case MANY_TO_MANY -> Models.head("many_to_many", new ManyToManySpec(null, 2));
                case CTC -> Models.head("ctc", new io.rnn4j.layers.heads.CtcSpec(3, 3,
                        io.rnn4j.core.loss.CtcLoss.Reduction.MEAN, false, 4));
            };
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Models.Cell cell : Models.Cell.values()) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (Head head : Head.values()) {
                        list.add(Arguments.of(cell, bidirectional, layers, head));
                    }
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} layers={2} head={3}")
    @MethodSource("cases")
    void exportAgreesWithReferenceBackendAtUnseenShapesAndLengths(Models.Cell cell, boolean bidirectional, int layers,
            Head head) {
        LayerSpec rnn = cell.spec(4, layers, bidirectional, Merge.CONCAT, head != Head.FINAL_STATE);
        Network net = Models.network(ValueType.sequence(3), List.of(Models.item(0, cell.kind(), rnn)), head.item(), 7);
        String file = String.format(Locale.ROOT, "matrix_%s_%s_%dl_%s.onnx", cell, bidirectional ? "bi" : "fwd", layers,
                head).toLowerCase(Locale.ROOT);

        ExportResult result = new OnnxExporter().export(net, Models.MODEL_DIR.resolve(file), ExportOptions.defaults());

        assertThat(result.parity().passed()).isTrue();
        assertThat(result.parity().maxAbsDiff()).isLessThan(1e-5);
        assertThat(result.file()).exists();
        try (OnnxModelRunner runner = OnnxModelRunner.open(result.model(), 1)) {
            Flow single = Models.sequences(net.graph().input(), 1, 4, 11);
            checkAgainstReference(net, runner, single);
            Flow five = Models.sequencesOfLengths(net.graph().input(), 9, 12, 9, 7, 5, 2, 1);
            checkAgainstReference(net, runner, five);
        }
    }

    /** Output and every final state, from zero states. */
    static void checkAgainstReference(Network net, OnnxModelRunner runner, Flow input) {
        Map<String, RecurrentState> finals = new LinkedHashMap<>();
        Flow expected = ParityChecker.forward(net, input, Map.of(), finals);
        Map<String, Tensor> actual = runner.run(input, Map.of());
        Models.assertClose(expected.values(), actual.get(OnnxNames.OUTPUT), "output at batch " + input.batch());
        finals.forEach((layer, s) -> {
            Models.assertClose(ParityChecker.stack(s.h()), actual.get(OnnxNames.finalH(layer)), "Y_h of " + layer);
            if (!s.c().isEmpty()) {
                Models.assertClose(ParityChecker.stack(s.c()), actual.get(OnnxNames.finalC(layer)), "Y_c of " + layer);
            }
        });
    }
}
