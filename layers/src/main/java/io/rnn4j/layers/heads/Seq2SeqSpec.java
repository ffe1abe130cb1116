package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import java.util.Objects;

/**
 * Options of the {@code seq2seq} head: the layers before it are the encoder; the head is a decoder that
 * starts from the encoder's final state and emits target tokens (Sutskever et al. 2014, "Sequence to
 * Sequence Learning with Neural Networks"). See {@link Seq2SeqHead}.
 *
 * <p>Target ids 2 and 3 are {@code <bos>} and {@code <eos>} ({@link Seq2SeqHead#BOS},
 * {@link Seq2SeqHead#EOS}; 0 and 1 are {@code <pad>} and {@code <unk>} by the tokenizers' convention),
 * so a vocabulary has at least 4 ids.
 *
 * @param cell         the decoder's cell (its units are the encoder's top-layer state size)
 * @param embeddingDim size of the target-token embedding
 * @param vocabulary   target vocabulary size ({@code >= 4}), or {@code null} for the data's
 * @param maxLength    most steps decoded at inference (including {@code <eos>})
 */
@Doc("Sequence to sequence: the layers before the head encode; a recurrent decoder starts from the encoder's final "
        + "state and emits target tokens (teacher forcing in training, greedy decoding at inference).")
public record Seq2SeqSpec(
        @Doc("The decoder's recurrent cell: simple_rnn, lstm or gru. Its units are the encoder's top-layer state size.")
        @Default("lstm") DecoderCell cell,
        @Doc("Size of the target-token embedding.") @Default("32") @Range(min = 1) int embeddingDim,
        @Doc("Size of the target vocabulary (ids 0-3 are <pad>, <unk>, <bos>, <eos>). By default the data's.")
        @Range(min = 4) Integer vocabulary,
        @Doc("Most tokens decoded per sequence at inference, <eos> included.") @Default("32") @Range(min = 1) int maxLength)
        implements LayerSpec, DataDependent {

    /** Validates. */
    public Seq2SeqSpec {
        Objects.requireNonNull(cell, "cell");
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embedding_dim must be >= 1, was " + embeddingDim);
        }
        if (vocabulary != null && vocabulary < 4) {
            throw new IllegalArgumentException("vocabulary must be >= 4 (ids 0-3 are <pad>, <unk>, <bos>, <eos>), was "
                    + vocabulary);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_length must be >= 1, was " + maxLength);
        }
    }

    /**
     * A decoder that stops after {@code max_length} tokens cannot write a longer target: the longest target of the
     * loaded data (its tokens and {@code <eos>}) must fit, or every such example would count as wrong at test
     * time and be cut in every translation.
     */
    @Override
    public java.util.List<Conflict> conflicts(DataFacts facts) {
        int longest = facts.longestTarget();
        if (longest == DataFacts.UNKNOWN || maxLength >= longest) {
            return java.util.List.of();
        }
        return java.util.List.of(new Conflict("max_length", "the decoder writes at most " + maxLength + " tokens (<eos> "
                + "included), but the longest target of the data has " + (longest - 1) + " tokens and needs " + longest,
                "raise max_length to at least " + longest + ", or cut the targets to " + (maxLength - 1)
                        + " tokens with data.max_target_length"));
    }

    /** Fills {@code vocabulary} from the data's target vocabulary when the file left it out. */
    @Override
    public Seq2SeqSpec resolve(DataFacts facts) {
        if (vocabulary == null && facts.targetVocabulary() != DataFacts.UNKNOWN) {
            return new Seq2SeqSpec(cell, embeddingDim, facts.targetVocabulary(), maxLength);
        }
        return this;
    }
}
