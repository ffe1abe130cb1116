package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;

/**
 * Options of the {@code many_to_many} head: a linear dense layer at every valid step, to
 * {@code classes} logits or {@code outputs} values per step (sequence labelling, per-step regression).
 * With neither set, it classifies into as many classes as the data has.
 *
 * @param classes number of classes per step ({@code >= 2}), or {@code null}
 * @param outputs number of regression outputs per step ({@code >= 1}), or {@code null}
 */
@Doc("Sequence labelling or per-step regression: a linear layer at every valid step.")
public record ManyToManySpec(
        @Doc("Number of classes per step (logits; the loss applies the softmax). By default the number of classes in the data.")
        @Range(min = 2) Integer classes,
        @Doc("Number of regression outputs per step (linear values). Set either classes or outputs.")
        @Range(min = 1) Integer outputs) implements LayerSpec, DataDependent {

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
            return new ManyToManySpec(facts.classes(), null);
        }
        if (classes == null && outputs == null && facts.targetFeatures() != DataFacts.UNKNOWN) {
            return new ManyToManySpec(null, facts.targetFeatures());
        }
        return this;
    }
}
