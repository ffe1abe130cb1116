package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randomIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Direction;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.Sampling;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqKind;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Seq2SeqHeadTest {
    private static final String NAME = "seq2seq";
    private static final int V = 6;
    private final Backend be = backend();
    private final Seq2SeqKind kind = new Seq2SeqKind();
    private ParameterSet params;

    private Seq2SeqHead build(Seq2SeqSpec spec, ValueType in) {
        ParameterSet.Builder b = ParameterSet.builder();
        kind.declare(spec, NAME, in, b);
        params = b.build();
        Seq2SeqHead head = (Seq2SeqHead) kind.create(spec, NAME, in, params, be);
        head.initialize(new RandomSource(17));
        return head;
    }

    /** A stand-in for an encoder's output: random values and a random final state of the given layout. */
    private static Flow encoderOutput(RandomSource r, int batch, int layers, int dirs, int units, boolean cell) {
        List<Tensor> h = new ArrayList<>();
        List<Tensor> c = new ArrayList<>();
        for (int i = 0; i < layers * dirs; i++) {
            h.add(randn(r, 0.8, batch, units));
            if (cell) {
                c.add(randn(r, 0.8, batch, units));
            }
        }
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = 3 - b % 2;
        }
        return Flow.sequences(randn(r, 1, batch, 3, dirs * units), lengths).withState(new RecurrentState(h, c));
    }

    static Stream<Arguments> encoderLayouts() {
        return Stream.of(
                // decoder cell, encoder layers, directions, units, encoder has a cell state (LSTM)
                Arguments.of(DecoderCell.LSTM, 2, 2, 3, true),
                Arguments.of(DecoderCell.GRU, 2, 2, 3, true),
                Arguments.of(DecoderCell.SIMPLE_RNN, 1, 1, 5, false),
                Arguments.of(DecoderCell.LSTM, 1, 2, 2, false));
    }

    @ParameterizedTest(name = "{0} decoder after {1} layer(s) x {2} direction(s) of {3} units, cell state {4}")
    @MethodSource("encoderLayouts")
    void gradientsMatchFiniteDifferencesIncludingTheEncoderFinalState(DecoderCell cell, int layers, int dirs, int units,
            boolean encoderCell) {
        RandomSource r = new RandomSource(41);
        int s = dirs * units;
        Seq2SeqHead head = build(new Seq2SeqSpec(cell, 3, V, 8), ValueType.sequence(s).withState(s, encoderCell));
        Flow enc = encoderOutput(r, 2, layers, dirs, units, encoderCell);
        Tensor ids = randomIds(r, 0, V, 2, 4);
        ids.setFlat(1 * 4 + 3, 99f); // padding may hold anything
        LayerContext ctx = LayerContext.training(new RandomSource(0)).withTeacher(Flow.sequences(ids, 4, 3));
        Tensor g = randn(r, 1, 2, 4, V);
        params.zeroGrads();
        Flow out = head.forward(enc, ctx);
        assertThat(out.mask()).isEqualTo(ctx.teacher().mask());
        assertThat(out.values().shape().dims()).containsExactly(2, 4, V);
        Flow dEnc = head.backward(HeadTesting.gradFor(out, g));
        assertThat(dEnc.mask()).isEqualTo(enc.mask());
        assertThat(dEnc.values().toArray()).containsOnly(0f);
        assertThat(dEnc.state().h()).hasSize(layers * dirs);
        assertThat(dEnc.state().c()).hasSize(encoderCell ? layers * dirs : 0);
        HeadTesting.GradCheck check = new HeadTesting.GradCheck(() -> dot(head.forward(enc, ctx).values(), g),
                1e-2, 1e-2, 1e-3);
        check.all("encoder output", enc.values(), dEnc.values());
        for (int i = 0; i < layers * dirs; i++) {
            check.all("h[" + i + "]", enc.state().h().get(i), dEnc.state().h().get(i));
            if (encoderCell) {
                check.all("c[" + i + "]", enc.state().c().get(i), dEnc.state().c().get(i));
            }
        }
        check.parameters(params, 10, r).verify();
        double top = 0;
        for (Tensor t : dEnc.state().h()) {
            top += dot(t, t);
        }
        assertThat(top).as("the top layer's state gets a gradient").isPositive();
    }

    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of(RecurrentSpec.of(CellKind.LSTM, 3).withLayers(2).withBidirectional(Merge.CONCAT),
                        DecoderCell.LSTM),
                Arguments.of(RecurrentSpec.of(CellKind.GRU, 4).withReturnSequences(false), DecoderCell.LSTM),
                Arguments.of(RecurrentSpec.of(CellKind.RNN_TANH, 2).withBidirectional(Merge.SUM), DecoderCell.GRU));
    }

    /** The head's state gradient, read by a real recurrent encoder, must give the encoder's true gradients. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("encoders")
    void gradientsFlowIntoARealRecurrentEncoder(RecurrentSpec encSpec, DecoderCell cell) {
        RandomSource r = new RandomSource(42);
        int s = encSpec.directions() * encSpec.units();
        Seq2SeqSpec spec = new Seq2SeqSpec(cell, 3, V, 8);
        ValueType in = (encSpec.returnSequences() ? ValueType.sequence(encSpec.outputSize())
                : ValueType.vector(encSpec.outputSize())).withState(s, encSpec.cell().hasCellState());
        ParameterSet.Builder b = ParameterSet.builder();
        RecurrentLayer.declare(b, "encoder", encSpec, 2);
        kind.declare(spec, NAME, in, b);
        params = b.build();
        RecurrentLayer encoder = new RecurrentLayer("encoder", encSpec, 2, params, be);
        Seq2SeqHead head = (Seq2SeqHead) kind.create(spec, NAME, in, params, be);
        encoder.initialize(new RandomSource(1));
        head.initialize(new RandomSource(2));
        Flow x = Flow.sequences(randn(r, 1, 2, 5, 2), 5, 3);
        LayerContext ctx = LayerContext.training(new RandomSource(0))
                .withTeacher(Flow.sequences(randomIds(r, 0, V, 2, 3), 3, 2));
        Tensor g = randn(r, 1, 2, 3, V);
        params.zeroGrads();
        Flow out = head.forward(encoder.forward(x, ctx), ctx);
        Flow dx = encoder.backward(head.backward(HeadTesting.gradFor(out, g)));
        new HeadTesting.GradCheck(() -> dot(head.forward(encoder.forward(x, ctx), ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", x.values(), dx.values().copy())
                .parameters(params, 8, r)
                .verify();
    }

    /**
     * Hand-set weights over V = 6 ids: the decoder (simple RNN, 4 units, no memory but of unit 3) maps
     * bos -> 4 -> 5 -> eos. The encoder's reverse direction sets unit 3 for row 1, which makes eos win
     * at once. So row 0 decodes [4, 5, eos] and row 1 decodes [eos].
     */
    private Seq2SeqHead handSet(int maxLength) {
        Seq2SeqHead head = build(new Seq2SeqSpec(DecoderCell.SIMPLE_RNN, 4, V, maxLength),
                ValueType.sequence(4).withState(4, false));
        Tensor e = params.get(ParamId.of(NAME + "_embedding", ParamRole.EMBEDDING)).value(); // [6, 4]
        e.fill(0f);
        e.setFlat(Seq2SeqHead.BOS * 4 + 0, 1f);
        e.setFlat(4 * 4 + 1, 1f);
        e.setFlat(5 * 4 + 2, 1f);
        Tensor wih = params.get(new ParamId(NAME + "_decoder", ParamRole.WEIGHT_IH, 0, Direction.FORWARD)).value();
        wih.fill(0f);
        for (int i = 0; i < 3; i++) {
            wih.setFlat(i * 4 + i, 5f);
        }
        Tensor whh = params.get(new ParamId(NAME + "_decoder", ParamRole.WEIGHT_HH, 0, Direction.FORWARD)).value();
        whh.fill(0f);
        whh.setFlat(3 * 4 + 3, 3f);
        Tensor w = params.get(ParamId.of(NAME + "_out", ParamRole.KERNEL)).value(); // [4, 6]
        w.fill(0f);
        w.setFlat(0 * V + 4, 5f);
        w.setFlat(1 * V + 5, 5f);
        w.setFlat(2 * V + Seq2SeqHead.EOS, 5f);
        w.setFlat(3 * V + Seq2SeqHead.EOS, 10f);
        return head;
    }

    private static Flow stopSignalForRow1() {
        Tensor fwd = Tensor.zeros(2, 2);
        Tensor rev = Tensor.zeros(2, 2);
        rev.setFlat(1 * 2 + 1, 2f); // row 1, reverse direction, unit 1 -> decoder unit 3 after concatenation
        return Flow.sequences(randn(new RandomSource(1), 1, 2, 3, 4)).withState(new RecurrentState(List.of(fwd, rev),
                List.of()));
    }

    @Test
    void greedyDecodingStopsAtEosAndMasksEachSequencesLength() {
        Seq2SeqHead head = handSet(8);
        Flow out = head.forward(stopSignalForRow1(), LayerContext.inference());
        assertThat(head.lastTokens()).isDeepEqualTo(new int[][] {{4, 5, Seq2SeqHead.EOS}, {Seq2SeqHead.EOS}});
        assertThat(out.values().shape().dims()).containsExactly(2, 3, V);
        assertThat(out.mask().lengths()).containsExactly(3, 1);
        for (int t = 1; t < 3; t++) {
            for (int c = 0; c < V; c++) {
                assertThat(out.values().get(1, t, c)).as("logits after row 1 ended").isZero();
            }
        }
        assertThat(out.values().get(0, 0, 4)).isCloseTo(5f * (float) Math.tanh(5), within(1e-5f));
    }

    @Test
    void decodingStopsAtMaxLength() {
        Seq2SeqHead head = handSet(2);
        Seq2SeqHead.Decoding d = head.decode(stopSignalForRow1(), Sampling.greedy(), new RandomSource(0));
        assertThat(d.tokens()).isDeepEqualTo(new int[][] {{4, 5}, {Seq2SeqHead.EOS}});
        assertThat(d.logits().mask().lengths()).containsExactly(2, 1);
    }

    @Test
    void greedyDecodingWithRandomWeightsIsDeterministicAndWellFormed() {
        RandomSource r = new RandomSource(43);
        Seq2SeqHead head = build(new Seq2SeqSpec(DecoderCell.LSTM, 4, V, 7), ValueType.sequence(6).withState(6, true));
        Flow enc = encoderOutput(r, 5, 1, 2, 3, true);
        Flow a = head.forward(enc, LayerContext.inference());
        int[][] tokens = head.lastTokens();
        Flow b = head.forward(enc, LayerContext.inference());
        assertThat(b.values().toArray()).containsExactly(a.values().toArray());
        assertThat(head.lastTokens()).isDeepEqualTo(tokens);
        for (int row = 0; row < 5; row++) {
            int[] t = tokens[row];
            assertThat(t.length).isEqualTo(a.mask().length(row)).isBetween(1, 7);
            for (int i = 0; i < t.length - 1; i++) {
                assertThat(t[i]).as("eos only at the end").isNotEqualTo(Seq2SeqHead.EOS);
            }
            assertThat(t[t.length - 1] == Seq2SeqHead.EOS || t.length == 7).isTrue();
            for (int i = 0; i < t.length; i++) { // the emitted token is the argmax of its step's logits
                float picked = a.values().get(row, i, t[i]);
                for (int c = 0; c < V; c++) {
                    assertThat(a.values().get(row, i, c)).isLessThanOrEqualTo(picked);
                }
            }
        }
    }

    @Test
    void trainingWithoutATeacherReproducesTheGreedyDecoding() {
        RandomSource r = new RandomSource(44);
        Seq2SeqHead head = build(new Seq2SeqSpec(DecoderCell.GRU, 4, V, 6), ValueType.sequence(4).withState(4, false));
        Flow enc = encoderOutput(r, 3, 1, 1, 4, false);
        Flow inferred = head.forward(enc, LayerContext.inference());
        Flow trained = head.forward(enc, LayerContext.training(new RandomSource(0)));
        assertThat(trained.mask()).isEqualTo(inferred.mask());
        assertThat(trained.values().toArray()).containsExactly(inferred.values().toArray(), within(1e-5f));
        Flow dEnc = head.backward(HeadTesting.gradFor(trained, randn(r, 1, trained.values().shape().dims())));
        assertThat(dEnc.state().h()).hasSize(1);
    }

    @Test
    void anInputWithoutAStateIsRefusedWithAClearMessage() {
        Seq2SeqHead head = build(new Seq2SeqSpec(DecoderCell.LSTM, 4, V, 6), ValueType.sequence(4).withState(4, true));
        assertThatThrownBy(() -> head.forward(Flow.sequences(Tensor.zeros(1, 2, 4)), LayerContext.inference()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no recurrent state");
    }

    @Test
    void parametersAreNamedAfterTheHead() {
        Seq2SeqHead head = build(new Seq2SeqSpec(DecoderCell.GRU, 4, V, 6), ValueType.sequence(4).withState(4, false));
        assertThat(head.parameterIds()).extracting(ParamId::layer).containsOnly(NAME + "_embedding", NAME + "_decoder",
                NAME + "_out");
        assertThat(head.parameterIds()).doesNotHaveDuplicates().hasSize(params.all().size());
        assertThat(head.outputSize()).isEqualTo(V);
    }
}
