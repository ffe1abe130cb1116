package io.rnn4j.data.kind;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.data.TokenizerKind;

/**
 * How text becomes token ids.
 *
 * @param type      word or char
 * @param lowercase lower-case the text first
 * @param maxVocab  largest vocabulary including reserved tokens (0: no limit)
 * @param minFreq   rarer tokens map to {@code <unk>}
 */
@Doc("How text becomes token ids: word or character tokens, and the vocabulary built from the training split.")
public record TokenizerConfig(
        @Doc("word (letters, digits and inner apostrophes) or char.") @Default("word") TokenizerKind type,
        @Doc("Lower-case the text before tokenizing.") @Default("true") boolean lowercase,
        @Doc("Largest vocabulary, reserved tokens included; 0 for no limit.") @Default("20000") @Range(min = 0) int maxVocab,
        @Doc("Tokens seen fewer times in the training split become <unk>.") @Default("1") @Range(min = 1) int minFreq) {
}
