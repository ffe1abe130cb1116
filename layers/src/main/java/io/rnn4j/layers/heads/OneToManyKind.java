package io.rnn4j.layers.heads;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;

/** The {@code one_to_many} head kind: a vector starts a decoder that emits a sequence. See {@link OneToManyHead}. */
public final class OneToManyKind implements LayerKind<OneToManySpec> {
    /** The kind's id. */
    public static final String ID = "one_to_many";

    /** Used by {@link java.util.ServiceLoader}. */
    public OneToManyKind() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<OneToManySpec> specType() {
        return OneToManySpec.class;
    }

    @Override
    public String description() {
        return "A fixed input vector starts a recurrent decoder that emits a sequence of class logits or values "
                + "(teacher forcing in training; greedy, temperature or top-k generation).";
    }

    @Override
    public boolean isHead() {
        return true;
    }

    /**
     * A sequence of {@code classes} or {@code outputs} features. Errors: {@code RNN4J-DSL-041} for token
     * ids, {@code RNN4J-DSL-043} for a sequence (the head needs one vector per example),
     * {@code RNN4J-DSL-044} for both {@code classes} and {@code outputs}.
     */
    @Override
    public ValueType outputType(OneToManySpec spec, ValueType input, ShapeProblems problems) {
        boolean ok = Targets.checkExclusive(ID, spec.classes(), spec.outputs(), problems);
        if (input.kind() == ValueType.Kind.TOKENS) {
            Targets.rejectTokens(ID, input, "put an 'embedding' and a recurrent layer with 'return_sequences: false' "
                    + "before the head, so that it gets one vector per example", problems);
            ok = false;
        } else if (input.kind() == ValueType.Kind.SEQUENCE) {
            problems.error("RNN4J-DSL-043", "", "a one_to_many head starts its decoder from one vector per example, "
                    + "but it gets " + input.describe(),
                    "set 'return_sequences: false' on the layer before the head, or use a many_to_one or "
                            + "many_to_many head");
            ok = false;
        }
        return ok ? ValueType.sequence(Targets.size(spec.classes(), spec.outputs())) : null;
    }

    @Override
    public void declare(OneToManySpec spec, String name, ValueType input, ParameterSet.Builder params) {
        OneToManyHead.declare(params, name, check(spec), input.features());
    }

    @Override
    public Layer create(OneToManySpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new OneToManyHead(name, check(spec), input.features(), params, backend);
    }

    private static OneToManySpec check(OneToManySpec spec) {
        Targets.require(ID, "classes", Targets.size(spec.classes(), spec.outputs()));
        return spec;
    }
}
