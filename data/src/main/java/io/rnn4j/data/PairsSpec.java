package io.rnn4j.data;

import java.util.Objects;

/**
 * {@code type: pairs}: a CSV file of source/target text pairs for sequence-to-sequence models. The
 * source and the target have their own tokenizer and vocabulary, both built from the training split;
 * the target vocabulary reserves {@code <bos>}/{@code <eos>} and every target is wrapped in them.
 *
 * @param splits          {@code train}, {@code validation}, {@code test}; fractions by seeded shuffle
 * @param source          {@code source}: the source text column
 * @param target          {@code target}: the target text column
 * @param sourceTokenizer {@code source_tokenizer}
 * @param targetTokenizer {@code target_tokenizer}
 * @param maxSourceLength {@code max_source_length}: sources are truncated to this many tokens; 0 for no limit
 * @param maxTargetLength {@code max_target_length}: targets are truncated to this many tokens before
 *                        {@code <bos>}/{@code <eos>} are added; 0 for no limit
 */
public record PairsSpec(SplitSpec splits, String source, String target, TokenizerOptions sourceTokenizer,
                        TokenizerOptions targetTokenizer, int maxSourceLength, int maxTargetLength) implements DataSpec {

    /** Validates. */
    public PairsSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sourceTokenizer, "sourceTokenizer");
        Objects.requireNonNull(targetTokenizer, "targetTokenizer");
        if (maxSourceLength < 0) {
            throw DataErrors.invalidOption("max_source_length", maxSourceLength, "0 (no limit) or a positive number of tokens");
        }
        if (maxTargetLength < 0) {
            throw DataErrors.invalidOption("max_target_length", maxTargetLength, "0 (no limit) or a positive number of tokens");
        }
        if (source.equals(target)) {
            throw DataErrors.invalidOption("target", target, "a column other than the source column");
        }
    }

    @Override
    public String type() {
        return "pairs";
    }
}
