package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.TargetType;

/**
 * {@code type: sequences}: JSON Lines, one {@code {"x": ..., "y": ...}} object per line.
 *
 * @param train      the training file
 * @param validation validation split
 * @param test       test split
 * @param input      what {@code x} holds
 * @param target     how {@code y} is read
 * @param classes    number of classes for integer labels (0: infer)
 * @param vocabSize  number of token ids for token inputs (0: infer)
 */
@Variant("sequences")
@Doc("JSON Lines, one {\"x\": [[...], ...], \"y\": ...} object per line: the universal format.")
public record SequencesData(
        @Doc("The training file (JSON Lines).") @Required String train,
        @Doc("Validation split: a fraction of the training file or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test split: a fraction of the training file or a file.") SplitSource test,
        @Doc("What x holds: features (float vectors per step) or tokens (ids, for an embedding).") @Default("features") InputKind input,
        @Doc("How y is read: auto, class, value, vector, step_class or step_value.") @Default("auto") TargetType target,
        @Doc("Number of classes for integer labels; 0 infers it from the data.") @Default("0") @Range(min = 0) int classes,
        @Doc("Number of token ids for token inputs; 0 infers it from the data.") @Default("0") @Range(min = 0) int vocabSize)
        implements DataSpec {
}
