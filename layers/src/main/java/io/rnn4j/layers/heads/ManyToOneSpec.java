package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import java.util.Objects;

/**
 * Options of the {@code many_to_one} head: pool a sequence to one vector, then a linear dense layer to
 * {@code classes} logits or {@code outputs} values. With neither set, the head classifies into as
 * many classes as the data has ({@link #resolve(DataFacts)}). Setting both is reported when shapes are
 * inferred ({@code RNN4J-DSL-044}), not here, so that it reaches the user with its location.
 *
 * @param pooling how the valid steps are reduced
 * @param classes number of classes ({@code >= 2}), or {@code null}
 * @param outputs number of regression outputs ({@code >= 1}), or {@code null}
 */
@Doc("Sequence classification or regression: pool the valid steps (last, mean or max), then a linear layer.")
public record ManyToOneSpec(
        @Doc("How the valid steps are reduced to one vector: last (each sequence's last valid step), mean or max.")
        @Default("last") Pooling pooling,
        @Doc("Number of classes (logits; the loss applies the softmax). By default the number of classes in the data.")
        @Range(min = 2) Integer classes,
        @Doc("Number of regression outputs (linear values). Set either classes or outputs.")
        @Range(min = 1) Integer outputs) implements LayerSpec, DataDependent {

    /** Validates. */
    public ManyToOneSpec {
        Objects.requireNonNull(pooling, "pooling");
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
    public ManyToOneSpec resolve(DataFacts facts) {
        if (classes == null && outputs == null && facts.classes() != DataFacts.UNKNOWN) {
            return new ManyToOneSpec(pooling, facts.classes(), null);
        }
        if (classes == null && outputs == null && facts.targetFeatures() != DataFacts.UNKNOWN) {
            return new ManyToOneSpec(pooling, null, facts.targetFeatures());
        }
        return this;
    }
}
