package io.rnn4j.layers;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import java.util.function.Function;

/** The {@code simple_rnn}, {@code lstm} and {@code gru} layer kinds: one implementation, three specs. */
public abstract class RecurrentKinds<S extends LayerSpec> implements LayerKind<S> {
    private final String id;
    private final Class<S> type;
    private final Function<S, RecurrentSpec> toSpec;
    private final String description;

    RecurrentKinds(String id, Class<S> type, Function<S, RecurrentSpec> toSpec, String description) {
        this.id = id;
        this.type = type;
        this.toSpec = toSpec;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<S> specType() {
        return type;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ValueType outputType(S spec, ValueType input, ShapeProblems problems) {
        if (input.kind() != ValueType.Kind.SEQUENCE) {
            problems.error("RNN4J-DSL-041", "", "a " + id + " layer needs a sequence of feature vectors, but it gets "
                    + input.describe(), input.kind() == ValueType.Kind.TOKENS
                    ? "put an 'embedding' layer before it to turn token ids into vectors"
                    : "the layer before it returns no sequence: set 'return_sequences: true' there");
            return null;
        }
        RecurrentSpec r = toSpec.apply(spec);
        ValueType out = r.returnSequences() ? ValueType.sequence(r.outputSize()) : ValueType.vector(r.outputSize());
        return out.withState(r.directions() * r.units(), r.cell().hasCellState());
    }

    @Override
    public void declare(S spec, String name, ValueType input, ParameterSet.Builder params) {
        RecurrentLayer.declare(params, name, toSpec.apply(spec), input.features());
    }

    @Override
    public Layer create(S spec, String name, ValueType input, ParameterSet params, Backend backend) {
        return new RecurrentLayer(name, toSpec.apply(spec), input.features(), params, backend);
    }

    /** The {@code lstm} kind. */
    public static final class Lstm extends RecurrentKinds<LstmSpec> {
        /** Used by {@link java.util.ServiceLoader}. */
        public Lstm() {
            super("lstm", LstmSpec.class, LstmSpec::toRecurrentSpec,
                    "Long short-term memory layer (PyTorch/cuDNN equations), stacked and bidirectional options.");
        }
    }

    /** The {@code gru} kind. */
    public static final class Gru extends RecurrentKinds<GruSpec> {
        /** Used by {@link java.util.ServiceLoader}. */
        public Gru() {
            super("gru", GruSpec.class, GruSpec::toRecurrentSpec,
                    "Gated recurrent unit layer (reset-after, ONNX linear_before_reset=1, or reset_after: false for"
                            + " linear_before_reset=0), stacked and bidirectional options.");
        }
    }

    /** The {@code simple_rnn} kind. */
    public static final class SimpleRnn extends RecurrentKinds<SimpleRnnSpec> {
        /** Used by {@link java.util.ServiceLoader}. */
        public SimpleRnn() {
            super("simple_rnn", SimpleRnnSpec.class, SimpleRnnSpec::toRecurrentSpec,
                    "Elman recurrent layer with tanh or relu, stacked and bidirectional options.");
        }
    }
}
