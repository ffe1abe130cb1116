package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: text}: a plain-text corpus for next-token prediction (language models).
 *
 * @param train          the text file
 * @param validation     the last fraction of the text (or a file) for validation
 * @param test           the last fraction of the text (or a file) for testing
 * @param tokenizer      how text becomes token ids (usually {@code {type: char}})
 * @param sequenceLength steps per training window
 * @param stride         tokens between window starts (0: sequence_length)
 * @param samplePrompt   the prompt of the report's sample text ("": the training text's first line)
 */
@Variant("text")
@Doc("A plain-text corpus for character or word language models (next-token prediction).")
public record TextData(
        @Doc("The text file.") @Required String train,
        @Doc("Validation: the last fraction of the text, or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test: the last fraction of the text, or a file.") SplitSource test,
        @Doc("How text becomes token ids.") @Default("{type: char, lowercase: false, max_vocab: 0}") TokenizerConfig tokenizer,
        @Doc("Steps per training window.") @Default("64") @Range(min = 1) int sequenceLength,
        @Doc("Tokens between window starts; 0 means sequence_length.") @Default("0") @Range(min = 0) int stride,
        @Doc("The prompt of the sample text in the report; absent for the first line of the training text (up to 40 "
                + "characters).") String samplePrompt)
        implements DataSpec {
}
