package io.rnn4j.core.spi;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import java.util.Set;

/**
 * A kind of layer or head, found by {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.rnn4j.core.spi.LayerKind}. The DSL knows a kind by its {@link #id()} and
 * binds its YAML options to the {@link #specType()} record (component names in snake_case, documented
 * with {@link io.rnn4j.core.spec.Doc}, {@link io.rnn4j.core.spec.Default} and
 * {@link io.rnn4j.core.spec.Range}), so a plugin adds a kind with no change to rnn4j.
 *
 * @param <S> the spec record
 */
public interface LayerKind<S extends LayerSpec> {

    /** Stable id used in YAML ({@code lstm}, {@code many_to_one}); lower case with underscores. */
    String id();

    /** The record class holding this kind's options. */
    Class<S> specType();

    /** One line that says what the kind does (shown in the JSON Schema and {@code inspect}). */
    String description();

    /** Whether this kind is a head (allowed only under {@code model.head}) rather than a layer. */
    default boolean isHead() {
        return false;
    }

    /**
     * Whether this head decodes a target token sequence of its own length (an autoregressive decoder, fed the
     * target during training), which is what data whose output is a {@link io.rnn4j.core.data.OutputKind#SEQUENCE}
     * needs, and only such data can train. {@code false} (the default) for every layer and for heads that predict
     * per example or per input step.
     */
    default boolean decodesSequences() {
        return false;
    }

    /**
     * The type of this layer's output for the given input, or {@code null} after reporting why the
     * input does not suit this kind.
     *
     * @param spec     the options
     * @param input    what flows in
     * @param problems where to report an unsuitable input or inconsistent options
     */
    ValueType outputType(S spec, ValueType input, ShapeProblems problems);

    /**
     * The type of this layer's output, knowing the layers before it: for options that refer to an earlier
     * layer (a {@code many_to_many} head whose output weights are the {@code embedding}'s table). By
     * default {@link #outputType(LayerSpec, ValueType, ShapeProblems)}, which most kinds need alone.
     *
     * @param spec     the options
     * @param input    what flows in
     * @param earlier  the layers before this one, compiled, in order
     * @param problems where to report an unsuitable input or inconsistent options
     */
    default ValueType outputType(S spec, ValueType input, java.util.List<io.rnn4j.core.model.LayerGraph.Node> earlier,
            ShapeProblems problems) {
        return outputType(spec, input, problems);
    }

    /** Declares the parameters of a layer with this spec, named {@code name}, for the given input. */
    void declare(S spec, String name, ValueType input, ParameterSet.Builder params);

    /** Creates the runtime layer, bound to parameters declared by {@link #declare}. */
    Layer create(S spec, String name, ValueType input, ParameterSet params, Backend backend);

    /** Capabilities a backend needs to run this layer, beyond inference itself. */
    default Set<Capability> requires(S spec) {
        return Set.of();
    }

    /**
     * The CTC settings of a head trained with Connectionist Temporal Classification (its loss with its
     * options, blank and beam width), which the runtime asks for to train, evaluate and decode such a
     * model; empty (the default) for every other kind.
     */
    default java.util.Optional<io.rnn4j.core.ctc.CtcSettings> ctc(S spec) {
        return java.util.Optional.empty();
    }

    /** Where a kind reports problems found while inferring shapes. */
    interface ShapeProblems {
        /**
         * Reports an error about this layer.
         *
         * @param id      stable id, e.g. {@code RNN4J-DSL-040}
         * @param option  the option at fault (snake_case) or {@code ""} for the layer as a whole
         * @param message what was found and what is needed
         * @param hint    how to fix it
         */
        void error(String id, String option, String message, String hint);
    }
}
