package io.rnn4j.layers.heads;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import java.util.Locale;

/**
 * The {@code many_to_one} head kind: a sequence (or the final vector of a recurrent layer with
 * {@code return_sequences: false}) to one prediction per example. See {@link ManyToOneHead}.
 */
public final class ManyToOneKind implements LayerKind<ManyToOneSpec> {
    /** The kind's id. */
    public static final String ID = "many_to_one";

    /** Used by {@link java.util.ServiceLoader}. */
    public ManyToOneKind() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<ManyToOneSpec> specType() {
        return ManyToOneSpec.class;
    }

    @Override
    public String description() {
        return "Pools the valid steps of a sequence (last, mean or max) into one vector, then a linear layer "
                + "to class logits or regression outputs.";
    }

    @Override
    public boolean isHead() {
        return true;
    }

    /**
     * A vector of {@code classes} or {@code outputs} features ({@link ValueType#UNKNOWN} until the data
     * fixes the number of classes). Errors: {@code RNN4J-DSL-041} for token ids, {@code RNN4J-DSL-043}
     * for mean or max pooling of a vector, {@code RNN4J-DSL-044} for both {@code classes} and
     * {@code outputs}, {@code RNN4J-DSL-062} for a distribution or quantiles with {@code classes}. A
     * probabilistic head's vector holds its values per output: {@code 2 outputs} for a Gaussian,
     * {@code quantiles x outputs}.
     */
    @Override
    public ValueType outputType(ManyToOneSpec spec, ValueType input, ShapeProblems problems) {
        boolean ok = Targets.checkExclusive(ID, spec.classes(), spec.outputs(), problems);
        if (input.kind() == ValueType.Kind.TOKENS) {
            Targets.rejectTokens(ID, input, "put an 'embedding' layer (and a recurrent layer) before the head to "
                    + "turn token ids into vectors", problems);
            ok = false;
        } else if (input.kind() == ValueType.Kind.VECTOR && spec.pooling() != Pooling.LAST) {
            String p = spec.pooling().name().toLowerCase(Locale.ROOT);
            problems.error("RNN4J-DSL-043", "pooling", "pooling '" + p + "' reduces the steps of a sequence, but the "
                    + "head gets " + input.describe() + " (the layer before it returns only its final state)",
                    "set 'return_sequences: true' on the layer before the head, or use pooling: last");
            ok = false;
        }
        if (spec.probabilistic() && spec.classes() != null) {
            problems.error("RNN4J-DSL-062", spec.quantiles().isEmpty() ? "distribution" : "quantiles", "a probabilistic "
                    + "forecast (distribution or quantiles) is of regression outputs, but the head has classes: "
                    + spec.classes(), "set outputs (the number of values forecast, such as the horizon) instead of classes");
            ok = false;
        }
        return ok ? ValueType.vector(Targets.size(spec.classes(), spec.outputs()) * spec.valuesPerOutput()) : null;
    }

    @Override
    public void declare(ManyToOneSpec spec, String name, ValueType input, ParameterSet.Builder params) {
        ManyToOneHead.declare(params, name, input.features(), size(spec) * spec.valuesPerOutput());
    }

    @Override
    public Layer create(ManyToOneSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new ManyToOneHead(name, spec.pooling(), input.features(), size(spec) * spec.valuesPerOutput(),
                spec.distribution(), params, backend);
    }

    private static int size(ManyToOneSpec spec) {
        return Targets.require(ID, "classes", Targets.size(spec.classes(), spec.outputs()));
    }
}
