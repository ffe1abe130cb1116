package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: pairs}: a CSV of source and target texts for sequence-to-sequence models.
 *
 * @param train           the training CSV
 * @param validation      validation split
 * @param test            test split
 * @param source          the source column
 * @param target          the target column
 * @param sourceTokenizer tokenizer of the sources
 * @param targetTokenizer tokenizer of the targets
 * @param maxSourceLength sources are truncated to this many tokens (0: no limit)
 * @param maxTargetLength targets are truncated to this many tokens (0: no limit)
 */
@Variant("pairs")
@Doc("A CSV of source and target texts for sequence-to-sequence models.")
public record PairsData(
        @Doc("The training CSV.") @Required String train,
        @Doc("Validation split: a fraction of the training file or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test split: a fraction of the training file or a file.") SplitSource test,
        @Doc("The source column.") @Default("source") String source,
        @Doc("The target column.") @Default("target") String target,
        @Doc("Tokenizer of the sources.") @Default("{type: char, lowercase: false, max_vocab: 0}") TokenizerConfig sourceTokenizer,
        @Doc("Tokenizer of the targets.") @Default("{type: char, lowercase: false, max_vocab: 0}") TokenizerConfig targetTokenizer,
        @Doc("Sources are truncated to this many tokens; 0 for no limit.") @Default("0") @Range(min = 0) int maxSourceLength,
        @Doc("Targets are truncated to this many tokens; 0 for no limit.") @Default("0") @Range(min = 0) int maxTargetLength)
        implements DataSpec {
}
