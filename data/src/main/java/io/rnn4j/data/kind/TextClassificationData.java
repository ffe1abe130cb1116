package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: text_classification}: a CSV with a text column and a label column.
 *
 * @param train      the training CSV
 * @param validation validation split
 * @param test       test split
 * @param text       the text column
 * @param label      the label column
 * @param tokenizer  how text becomes token ids
 * @param maxLength  texts are truncated to this many tokens
 */
@Variant("text_classification")
@Doc("A CSV with a text column and a label column; text becomes token ids.")
public record TextClassificationData(
        @Doc("The training CSV.") @Required String train,
        @Doc("Validation split: a fraction of the training file or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test split: a fraction of the training file or a file.") SplitSource test,
        @Doc("The text column.") @Default("text") String text,
        @Doc("The label column.") @Default("label") String label,
        @Doc("How text becomes token ids.") @Default("{}") TokenizerConfig tokenizer,
        @Doc("Texts are truncated to their first max_length tokens.") @Default("200") @Range(min = 1) int maxLength)
        implements DataSpec {
}
