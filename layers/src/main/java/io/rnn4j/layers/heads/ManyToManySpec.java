package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;

/**
 * Options of the {@code many_to_many} head: a linear dense layer at every valid step, to
 * {@code classes} logits or {@code outputs} values per step (sequence labelling, per-step regression).
 * With neither set, it classifies into as many classes as the data has.
 *
 * <p>With {@code tie_embedding: true} the head has no weight matrix of its own: its logits are
 * {@code z = x E^T + b} with {@code E [classes, dim]} the table of the model's {@code embedding} layer
 * (weight tying, Press and Wolf 2017, "Using the Output Embedding to Improve Language Models"; GRU4Rec's
 * {@code constrained_embedding}, Hidasi and Czapp 2023). It needs {@code classes} equal to the
 * embedding's vocabulary and the head's input features equal to the embedding's {@code dim}; the table
 * then gets gradient from both uses.
 *
 * @param classes      number of classes per step ({@code >= 2}), or {@code null}
 * @param outputs      number of regression outputs per step ({@code >= 1}), or {@code null}
 * @param tieEmbedding whether the output weights are the embedding's table (transposed)
 */
@Doc("Sequence labelling or per-step regression: a linear layer at every valid step.")
public record ManyToManySpec(
        @Doc("Number of classes per step (logits; the loss applies the softmax). By default the number of classes in the data.")
        @Range(min = 2) Integer classes,
        @Doc("Number of regression outputs per step (linear values). Set either classes or outputs.")
        @Range(min = 1) Integer outputs,
        @Doc("Use the embedding layer's table (transposed) as the output weights (weight tying): needs classes equal "
                + "to the embedding's vocabulary and the head's input size equal to the embedding's dim.")
        @Default("false") boolean tieEmbedding) implements LayerSpec, DataDependent {

    /** A head with its own output weights. */
    public ManyToManySpec(Integer classes, Integer outputs) {
        this(classes, outputs, false);
    }

    /** Validates. */
    public ManyToManySpec {
        if (classes != null && classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        if (outputs != null && outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
    }

    /**
     * Fills {@code classes} (class targets) or {@code outputs} (value targets) from the data when neither is
     * set, as the error for a mismatch promises ("leave them out to use the data's").
     */
    @Override
    public ManyToManySpec resolve(DataFacts facts) {
        if (classes == null && outputs == null && facts.classes() != DataFacts.UNKNOWN) {
            return new ManyToManySpec(facts.classes(), null, tieEmbedding);
        }
        if (classes == null && outputs == null && facts.targetFeatures() != DataFacts.UNKNOWN) {
            return new ManyToManySpec(null, facts.targetFeatures(), tieEmbedding);
        }
        return this;
    }
}
