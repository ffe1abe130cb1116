package io.rnn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.OneToManyHead;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Sampling;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoder heads exported as an encoder and a decoder step: every decoder cell x encoder cell x {forward,
 * bidirectional} encoder for {@code seq2seq} (token input through an embedding), and every cell x
 * {classes, values} for {@code one_to_many}. Each export passes its own parity check (batch 3, source
 * lengths 6, 3, 1, zero and random encoder states); then the pair is driven greedily in ONNX Runtime at
 * shapes the export never saw (a batch of one; a batch of five with source lengths 9, 7, 4, 2, 1) and
 * compared with the head's own decoding on the reference backend: the first state, the logits or values of
 * every step, and the tokens.
 */
class DecoderPairTest {
    /** Decoded lengths seen over the seq2seq matrix, to check it covers sequences ending early and at the limit. */
    private static final List<Integer> SEQ2SEQ_LENGTHS = new ArrayList<>();
    private static final int MAX_LENGTH = 7;

    static Stream<Arguments> seq2seqCases() {
        List<Arguments> list = new ArrayList<>();
        for (DecoderCell decoder : DecoderCell.values()) {
            for (Models.Cell encoder : List.of(Models.Cell.SIMPLE_RNN_TANH, Models.Cell.LSTM, Models.Cell.GRU)) {
                for (boolean bidirectional : new boolean[] {false, true}) {
                    list.add(Arguments.of(decoder, encoder, bidirectional));
                }
            }
        }
        return list.stream();
    }

    static Network seq2seq(DecoderCell decoder, Models.Cell encoder, boolean bidirectional, long seed) {
        return Models.network(ValueType.tokens(11), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(5, null)),
                Models.item(1, encoder.kind(), encoder.spec(4, 1, bidirectional, Merge.CONCAT, true))),
                Models.head("seq2seq", new Seq2SeqSpec(decoder, 3, 9, MAX_LENGTH)), seed);
    }

    @ParameterizedTest(name = "decoder {0}, encoder {1} bidirectional={2}")
    @MethodSource("seq2seqCases")
    void seq2seqPairDecodesAsTheReferenceBackend(DecoderCell decoder, Models.Cell encoder, boolean bidirectional) {
        Network net = seq2seq(decoder, encoder, bidirectional, 100 + decoder.ordinal() * 10L + encoder.ordinal() * 2L
                + (bidirectional ? 1 : 0));
        String file = String.format(Locale.ROOT, "seq2seq_%s_%s_%s.onnx", encoder, bidirectional ? "bi" : "fwd", decoder)
                .toLowerCase(Locale.ROOT);

        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve(file), ExportOptions.defaults());

        assertThat(r.isPair()).isTrue();
        assertThat(r.files()).extracting(p -> p.getFileName().toString())
                .containsExactly(file, file.replace(".onnx", ".decoder.onnx"));
        assertThat(r.files()).allSatisfy(p -> assertThat(p).exists());
        assertThat(r.parity().passed()).isTrue();
        assertThat(r.parity().maxAbsDiff()).isLessThan(1e-5);
        assertThat(r.parity().decodings()).extracting(ParityReport.TokenCheck::caseName)
                .containsExactly("zero state", "given state");
        try (OnnxPairRunner runner = OnnxPairRunner.open(r.model(), r.decoderModel(), 1)) {
            SEQ2SEQ_LENGTHS.addAll(checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 1, 5, 31)));
            SEQ2SEQ_LENGTHS.addAll(checkAgainstReference(net, runner,
                    Models.sequencesOfLengths(net.graph().input(), 9, 32, 9, 7, 4, 2, 1)));
        }
    }

    @AfterAll
    static void theSeq2seqMatrixDecodedSequencesEndingAtEosAndAtMaxLength() {
        if (SEQ2SEQ_LENGTHS.size() < 50) {
            return; // a single case was run
        }
        assertThat(SEQ2SEQ_LENGTHS).as("decoded lengths over the matrix").contains(MAX_LENGTH)
                .anyMatch(l -> l < MAX_LENGTH);
    }

    /** A stacked bidirectional GRU encoder followed by dropout; an LSTM decoder gets c = 0 from a GRU encoder. */
    @Test
    void stackedEncoderWithDropoutBeforeTheHead() {
        Network net = Models.network(ValueType.tokens(11), List.of(
                Models.item(0, "embedding", new EmbeddingSpec(5, null)),
                Models.item(1, "gru", Models.Cell.GRU.spec(3, 2, true, Merge.SUM, true)),
                Models.item(2, "dropout", new io.rnn4j.layers.DropoutSpec(0.3f))),
                Models.head("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 4, 8, 6)), 141);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("seq2seq_stacked_bigru_dropout_lstm.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().passed()).isTrue();
        try (OnnxPairRunner runner = OnnxPairRunner.open(r.model(), r.decoderModel(), 1)) {
            checkAgainstReference(net, runner, Models.sequencesOfLengths(net.graph().input(), 8, 33, 8, 5, 1));
        }
    }

    /** An encoder over float sequences (no embedding), exported without state inputs. */
    @Test
    void floatSequenceEncoderWithoutStateInputs() {
        Network net = Models.network(ValueType.sequence(3), List.of(
                Models.item(0, "lstm", Models.Cell.LSTM.spec(4, 1, true, Merge.CONCAT, true))),
                Models.head("seq2seq", new Seq2SeqSpec(DecoderCell.GRU, 4, 10, 5)), 142);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("seq2seq_float_bilstm_gru_nostate.onnx"),
                ExportOptions.defaults().withStateInputs(StateInputs.NONE));
        assertThat(r.parity().comparisons()).extracting(ParityReport.Comparison::caseName).containsOnly("zero state");
        try (OnnxPairRunner runner = OnnxPairRunner.open(r.model(), r.decoderModel(), 1)) {
            assertThat(runner.encoder().stateInputNames()).isEmpty();
            checkAgainstReference(net, runner, Models.sequencesOfLengths(net.graph().input(), 6, 34, 6, 6, 3, 1));
        }
    }

    static Stream<Arguments> oneToManyCases() {
        List<Arguments> list = new ArrayList<>();
        for (DecoderCell cell : DecoderCell.values()) {
            for (boolean classes : new boolean[] {true, false}) {
                list.add(Arguments.of(cell, classes));
            }
        }
        return list.stream();
    }

    static Network oneToMany(DecoderCell cell, boolean classes, long seed) {
        return Models.network(ValueType.vector(3), List.of(), Models.head("one_to_many",
                new OneToManySpec(cell, 4, 6, classes ? 5 : null, classes ? null : 2, 3)), seed);
    }

    @ParameterizedTest(name = "{0} classes={1}")
    @MethodSource("oneToManyCases")
    void oneToManyPairGeneratesAsTheReferenceBackend(DecoderCell cell, boolean classes) {
        Network net = oneToMany(cell, classes, 200 + cell.ordinal() * 2L + (classes ? 1 : 0));
        String file = String.format(Locale.ROOT, "one_to_many_%s_%s.onnx", cell, classes ? "classes" : "values")
                .toLowerCase(Locale.ROOT);

        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve(file), ExportOptions.defaults());

        assertThat(r.isPair()).isTrue();
        assertThat(r.files()).hasSize(2).allSatisfy(p -> assertThat(p).exists());
        assertThat(r.parity().passed()).isTrue();
        assertThat(r.parity().maxAbsDiff()).isLessThan(1e-5);
        assertThat(r.parity().decodings()).hasSize(classes ? 1 : 0);
        try (OnnxPairRunner runner = OnnxPairRunner.open(r.model(), r.decoderModel(), 1)) {
            assertThat(runner.loop().feedback()).isEqualTo(classes ? DecoderLoop.Feedback.TOKEN : DecoderLoop.Feedback.VALUE);
            checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 1, 1, 41));
            checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 4, 1, 42));
        }
    }

    /** A sequence encoded by a recurrent layer that returns its final state starts the decoder. */
    @Test
    void oneToManyAfterARecurrentEncoder() {
        Network net = Models.network(ValueType.sequence(2), List.of(
                Models.item(0, "lstm", Models.Cell.LSTM.spec(4, 1, true, Merge.CONCAT, false))),
                Models.head("one_to_many", new OneToManySpec(DecoderCell.GRU, 5, 4, 6, null, 3)), 143);
        ExportResult r = new OnnxExporter().export(net, Models.MODEL_DIR.resolve("one_to_many_bilstm_encoder_gru.onnx"),
                ExportOptions.defaults());
        assertThat(r.parity().comparisons()).extracting(ParityReport.Comparison::caseName)
                .contains("zero state", "given state");
        try (OnnxPairRunner runner = OnnxPairRunner.open(r.model(), r.decoderModel(), 1)) {
            checkAgainstReference(net, runner, Models.sequences(net.graph().input(), 1, 3, 43));
            checkAgainstReference(net, runner, Models.sequencesOfLengths(net.graph().input(), 7, 44, 7, 4, 1));
        }
    }

    /**
     * Greedy decoding through the pair against the reference: the first state, every step's output and
     * the tokens; the reference itself is checked against the network's inference forward pass.
     *
     * @return the decoded lengths
     */
    static List<Integer> checkAgainstReference(Network net, OnnxPairRunner runner, Flow input) {
        Map<String, RecurrentState> finals = new LinkedHashMap<>();
        ParityChecker.ReferenceDecoding expected = ParityChecker.referenceDecoding(net, input, Map.of(), finals);
        OnnxPairRunner.Decoding actual = runner.greedy(input, Map.of());
        String at = " at batch " + input.batch();

        Models.assertClose(expected.h(), actual.encoderOutputs().get(OnnxNames.H), "h" + at);
        if (expected.c() != null) {
            Models.assertClose(expected.c(), actual.encoderOutputs().get(OnnxNames.C), "c" + at);
        }
        finals.forEach((layer, s) -> Models.assertClose(ParityChecker.stack(s.h()),
                actual.encoderOutputs().get(OnnxNames.finalH(layer)), "Y_h of " + layer + at));
        assertThat(actual.tokens()).as("tokens" + at).isDeepEqualTo(expected.tokens());
        assertThat(actual.output().mask().lengths()).as("lengths" + at).containsExactly(expected.output().mask().lengths());
        Models.assertClose(expected.output().values(), actual.output().values(), "every step's output" + at);

        // the reference decoding is the head's inference forward pass
        Flow forward = net.forward(input, LayerContext.inference());
        Models.assertClose(forward.values(), expected.output().values(), "reference decoding vs forward" + at);
        Object head = net.layers().get(net.layers().size() - 1);
        if (head instanceof Seq2SeqHead s) {
            assertThat(s.lastTokens()).isDeepEqualTo(expected.tokens());
        } else if (head instanceof OneToManyHead o && expected.tokens() != null) {
            Flow encoded = input;
            for (int i = 0; i < net.layers().size() - 1; i++) {
                encoded = net.layers().get(i).forward(encoded, LayerContext.inference());
            }
            assertThat(o.generate(encoded, Sampling.greedy(), new io.rnn4j.core.RandomSource(1)).tokens())
                    .isDeepEqualTo(expected.tokens());
        }
        List<Integer> lengths = new ArrayList<>();
        for (int l : actual.output().mask().lengths()) {
            lengths.add(l);
        }
        return lengths;
    }
}
