package io.rnn4j.layers.heads;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.layers.EmbeddingSpec;
import java.util.List;

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

    /**
     * As {@link #outputType(ManyToManySpec, ValueType, ShapeProblems)}, and with {@code tie_embedding} checks
     * that the output weights can be the embedding's table {@code [vocabulary, dim]}: {@code RNN4J-DSL-070}
     * without an {@code embedding} layer, {@code RNN4J-DSL-071} on a regression head, {@code RNN4J-DSL-072}
     * when the head's input features differ from the embedding's {@code dim}, {@code RNN4J-DSL-073} when
     * {@code classes} differs from the embedding's vocabulary (both checked once the sizes are known).
     */
    @Override
    public ValueType outputType(ManyToManySpec spec, ValueType input, List<LayerGraph.Node> earlier,
            ShapeProblems problems) {
        ValueType out = outputType(spec, input, problems);
        if (out == null || !spec.tieEmbedding()) {
            return out;
        }
        LayerGraph.Node embedding = earlier.stream().filter(n -> n.spec() instanceof EmbeddingSpec).findFirst()
                .orElse(null);
        if (embedding == null) {
            problems.error("RNN4J-DSL-070", "tie_embedding", "tie_embedding uses the embedding layer's table as the "
                    + "output weights, but the model has no embedding layer",
                    "remove 'tie_embedding', or start the model with an 'embedding' layer (token input)");
            return null;
        }
        if (spec.outputs() != null) {
            problems.error("RNN4J-DSL-071", "tie_embedding", "tie_embedding ties class logits to the embedding's "
                    + "rows, but this head predicts " + spec.outputs() + " regression value(s) per step",
                    "remove 'tie_embedding' (or 'outputs', for class targets)");
            return null;
        }
        EmbeddingSpec e = (EmbeddingSpec) embedding.spec();
        boolean ok = true;
        if (input.features() != ValueType.UNKNOWN && input.features() != e.dim()) {
            problems.error("RNN4J-DSL-072", "tie_embedding", "tie_embedding makes the output weights the embedding's "
                    + "table (" + e.dim() + " values per item), so the head needs " + e.dim() + " features per step, "
                    + "but it gets " + input.describe() + " (the embedding '" + embedding.name() + "' is at "
                    + embedding.path() + ")",
                    "give the last layer before the head " + e.dim() + " outputs (a recurrent layer's units; a "
                    + "bidirectional concat gives twice its units), or set the embedding's dim to " + input.features());
            ok = false;
        }
        int vocabulary = e.vocabulary() != null ? e.vocabulary() : embedding.input().vocabulary();
        if (spec.classes() != null && vocabulary != ValueType.UNKNOWN && spec.classes() != vocabulary) {
            problems.error("RNN4J-DSL-073", "classes", "tie_embedding makes one output per row of the embedding's "
                    + "table, so classes must be the embedding's vocabulary of " + vocabulary + ", but it is "
                    + spec.classes(), "remove 'classes' (and the embedding's 'vocabulary') to use the data's sizes, or "
                    + "set both to the same number");
            ok = false;
        }
        return ok ? out : null;
    }

    @Override
    public void declare(ManyToManySpec spec, String name, ValueType input, ParameterSet.Builder params) {
        if (spec.tieEmbedding()) {
            ManyToManyHead.declareTied(params, name, size(spec));
        } else {
            ManyToManyHead.declare(params, name, input.features(), size(spec));
        }
    }

    @Override
    public Layer create(ManyToManySpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
        if (spec.tieEmbedding()) {
            return new ManyToManyHead(name, tiedTable(params), params, backend);
        }
        return new ManyToManyHead(name, input.features(), size(spec), params, backend);
    }

    /**
     * The table a tied head uses: the model's one {@code embedding} table (validation guarantees it; a
     * graph built around validation gets this error).
     */
    public static ParamId tiedTable(ParameterSet params) {
        List<ParamId> tables = params.all().stream().map(Parameter::id).filter(id -> id.role() == ParamRole.EMBEDDING)
                .toList();
        if (tables.size() != 1) {
            throw new IllegalStateException("a many_to_many head with tie_embedding needs exactly one embedding table, "
                    + "found " + tables);
        }
        return tables.get(0);
    }

    private static int size(ManyToManySpec spec) {
        return Targets.require(ID, "classes", Targets.size(spec.classes(), spec.outputs()));
    }
}
