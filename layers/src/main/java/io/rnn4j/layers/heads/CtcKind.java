package io.rnn4j.layers.heads;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;

/** The {@code ctc} head kind: per-step log-probabilities over labels and a blank. See {@link CtcHead}. */
public final class CtcKind implements LayerKind<CtcSpec> {
    /** The kind's id. */
    public static final String ID = "ctc";

    /** Used by {@link java.util.ServiceLoader}. */
    public CtcKind() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<CtcSpec> specType() {
        return CtcSpec.class;
    }

    @Override
    public String description() {
        return "Speech or handwriting recognition: per-step log-probabilities over the labels and a CTC blank.";
    }

    @Override
    public boolean isHead() {
        return true;
    }

    /**
     * A sequence of {@code classes + 1} log-probabilities. Errors: {@code RNN4J-DSL-041} for token ids,
     * {@code RNN4J-DSL-043} for a vector (no time axis), {@code RNN4J-DSL-061} for a missing number of
     * labels or a blank out of range.
     */
    @Override
    public ValueType outputType(CtcSpec spec, ValueType input, ShapeProblems problems) {
        boolean ok = true;
        if (input.kind() == ValueType.Kind.TOKENS) {
            Targets.rejectTokens(ID, input, "put an 'embedding' layer (and a recurrent layer) before the head to "
                    + "turn token ids into vectors", problems);
            ok = false;
        } else if (input.kind() == ValueType.Kind.VECTOR) {
            problems.error("RNN4J-DSL-043", "", "a ctc head reads every step, but it gets " + input.describe()
                    + " (the layer before it returns only its final state)",
                    "set 'return_sequences: true' on the layer before the head");
            ok = false;
        }
        if (spec.classes() == null) {
            problems.error("RNN4J-DSL-061", "classes", "the ctc head does not know how many labels there are",
                    "set 'classes' (the number of labels without the blank) or use data that has label sequences");
            return null;
        }
        if (spec.blank() > spec.classes()) {
            problems.error("RNN4J-DSL-061", "blank", "blank is " + spec.blank() + " but with " + spec.classes()
                    + " labels the outputs are 0.." + spec.classes(), "set 'blank' to 0 (first) or " + spec.classes()
                    + " (last)");
            return null;
        }
        return ok ? ValueType.sequence(spec.classes() + 1) : null;
    }

    @Override
    public void declare(CtcSpec spec, String name, ValueType input, ParameterSet.Builder params) {
        CtcHead.declare(params, name, input.features(), spec.classes() + 1);
    }

    @Override
    public Layer create(CtcSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new CtcHead(name, input.features(), spec.classes() + 1, params, backend);
    }
}
