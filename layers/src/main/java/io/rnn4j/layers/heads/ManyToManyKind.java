package io.rnn4j.layers.heads;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;

/** The {@code many_to_many} head kind: one prediction per valid step. See {@link ManyToManyHead}. */
public final class ManyToManyKind implements LayerKind<ManyToManySpec> {
    /** The kind's id. */
    public static final String ID = "many_to_many";

    /** Used by {@link java.util.ServiceLoader}. */
    public ManyToManyKind() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<ManyToManySpec> specType() {
        return ManyToManySpec.class;
    }

    @Override
    public String description() {
        return "A linear layer at every valid step of a sequence: per-step class logits or regression outputs.";
    }

    @Override
    public boolean isHead() {
        return true;
    }

    /**
     * A sequence of {@code classes} or {@code outputs} features. Errors: {@code RNN4J-DSL-041} for token
     * ids, {@code RNN4J-DSL-043} for a vector (no time axis), {@code RNN4J-DSL-044} for both
     * {@code classes} and {@code outputs}.
     */
    @Override
    public ValueType outputType(ManyToManySpec spec, ValueType input, ShapeProblems problems) {
        boolean ok = Targets.checkExclusive(ID, spec.classes(), spec.outputs(), problems);
        if (input.kind() == ValueType.Kind.TOKENS) {
            Targets.rejectTokens(ID, input, "put an 'embedding' layer (and a recurrent layer) before the head to "
                    + "turn token ids into vectors", problems);
            ok = false;
        } else if (input.kind() == ValueType.Kind.VECTOR) {
            problems.error("RNN4J-DSL-043", "", "a many_to_many head predicts at every step, but it gets "
                    + input.describe() + " (the layer before it returns only its final state)",
                    "set 'return_sequences: true' on the layer before the head");
            ok = false;
        }
        return ok ? ValueType.sequence(Targets.size(spec.classes(), spec.outputs())) : null;
    }

    @Override
    public void declare(ManyToManySpec spec, String name, ValueType input, ParameterSet.Builder params) {
        ManyToManyHead.declare(params, name, input.features(), size(spec));
    }

    @Override
    public Layer create(ManyToManySpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new ManyToManyHead(name, input.features(), size(spec), params, backend);
    }

    private static int size(ManyToManySpec spec) {
        return Targets.require(ID, "classes", Targets.size(spec.classes(), spec.outputs()));
    }
}
