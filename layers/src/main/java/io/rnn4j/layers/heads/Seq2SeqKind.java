package io.rnn4j.layers.heads;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;

/** The {@code seq2seq} head kind: a decoder started from the encoder's final state. See {@link Seq2SeqHead}. */
public final class Seq2SeqKind implements LayerKind<Seq2SeqSpec> {
    /** The kind's id. */
    public static final String ID = "seq2seq";

    /** Used by {@link java.util.ServiceLoader}. */
    public Seq2SeqKind() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<Seq2SeqSpec> specType() {
        return Seq2SeqSpec.class;
    }

    @Override
    public String description() {
        return "Sequence to sequence: a recurrent decoder starts from the final state of the layers before it and "
                + "emits target-token logits (teacher forcing in training, greedy decoding at inference).";
    }

    @Override
    public boolean isHead() {
        return true;
    }

    @Override
    public boolean decodesSequences() {
        return true;
    }

    /**
     * A sequence of {@code vocabulary} logits ({@link ValueType#UNKNOWN} until the data fixes it). Error
     * {@code RNN4J-DSL-045} when the input carries no recurrent state (the layer before the head is not
     * recurrent).
     */
    @Override
    public ValueType outputType(Seq2SeqSpec spec, ValueType input, ShapeProblems problems) {
        if (input.kind() == ValueType.Kind.TOKENS) {
            problems.error("RNN4J-DSL-045", "", "a seq2seq head starts its decoder from the encoder's final state, but "
                    + "it gets " + input.describe() + " with no encoder before it",
                    "add an encoder before the head: an 'embedding' layer, then an lstm, gru or simple_rnn layer");
            return null;
        }
        if (input.state() <= 0) {
            problems.error("RNN4J-DSL-045", "", "a seq2seq head starts its decoder from the encoder's final state, but "
                    + "the layer before it has none (it gets " + input.describe() + " without a recurrent state)",
                    "end the encoder with an lstm, gru or simple_rnn layer");
            return null;
        }
        return ValueType.sequence(spec.vocabulary() != null ? spec.vocabulary() : ValueType.UNKNOWN);
    }

    @Override
    public void declare(Seq2SeqSpec spec, String name, ValueType input, ParameterSet.Builder params) {
        Seq2SeqHead.declare(params, name, spec, vocabulary(spec), input.state());
    }

    @Override
    public Layer create(Seq2SeqSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new Seq2SeqHead(name, spec, vocabulary(spec), input.state(), params, backend);
    }

    private static int vocabulary(Seq2SeqSpec spec) {
        return Targets.require(ID, "vocabulary", spec.vocabulary() != null ? spec.vocabulary() : ValueType.UNKNOWN);
    }
}
