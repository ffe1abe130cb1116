package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import java.util.Objects;

/**
 * Options of the {@code one_to_many} head: one vector per example starts a recurrent decoder that
 * emits {@code length} steps of {@code classes} logits (generation of tokens) or {@code outputs} values
 * (generation of a series). With neither set, it emits logits over the data's classes (see
 * {@link #resolve(DataFacts)}). See {@link OneToManyHead} for the equations.
 *
 * @param cell         the decoder's cell
 * @param units        the decoder's hidden units
 * @param length       number of steps emitted at inference
 * @param classes      token classes per step ({@code >= 2}), or {@code null}
 * @param outputs      values per step ({@code >= 1}), or {@code null}
 * @param embeddingDim size of the embedding of the fed-back token (classes only)
 */
@Doc("Generation: one vector per example starts a recurrent decoder that emits a sequence, feeding back its "
        + "previous output (teacher forcing in training).")
public record OneToManySpec(
        @Doc("The decoder's recurrent cell: simple_rnn, lstm or gru.") @Default("gru") DecoderCell cell,
        @Doc("Hidden units of the decoder.") @Range(min = 1) int units,
        @Doc("Number of steps the decoder emits at inference.") @Range(min = 1) int length,
        @Doc("Number of token classes per step (logits). By default the number of classes in the data.")
        @Range(min = 2) Integer classes,
        @Doc("Number of values per step (regression). Set either classes or outputs.") @Range(min = 1) Integer outputs,
        @Doc("Size of the embedding of the previous token fed back to the decoder (classes only).")
        @Default("16") @Range(min = 1) int embeddingDim) implements LayerSpec, DataDependent {

    /** Validates. */
    public OneToManySpec {
        Objects.requireNonNull(cell, "cell");
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, was " + length);
        }
        if (classes != null && classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        if (outputs != null && outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embedding_dim must be >= 1, was " + embeddingDim);
        }
    }

    /**
     * Fills {@code classes} from the data when neither {@code classes} nor {@code outputs} is set: the
     * data's number of classes, else its target vocabulary.
     */
    @Override
    public OneToManySpec resolve(DataFacts facts) {
        if (classes != null || outputs != null) {
            return this;
        }
        int n = facts.classes() != DataFacts.UNKNOWN ? facts.classes() : facts.targetVocabulary();
        return n == DataFacts.UNKNOWN ? this : new OneToManySpec(cell, units, length, n, null, embeddingDim);
    }
}
