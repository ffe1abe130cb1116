package io.rnn4j.data.kind;

import io.rnn4j.core.spec.DataSpec;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.spec.Required;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spec.Variant;

/**
 * {@code type: tunes}: tunes in ABC notation, one example per tune (see {@link TunesKind}).
 *
 * @param train          the ABC file
 * @param validation     a fraction of the tunes (drawn with the experiment's seed) or a file
 * @param test           the same, for testing
 * @param task           {@code language_model}: characters of header and body, next character at every
 *                       step; {@code from_header}: the rhythm, meter and key as one vector, the body as
 *                       the target sequence of a {@code one_to_many} decoder
 * @param sequenceLength characters per training window ({@code language_model})
 * @param maxLength      bodies are cut after this many characters ({@code from_header})
 * @param judged         how many tunes of a split the report generates and judges
 * @param temperature    the sampling temperature of the report's generated tunes ({@code language_model})
 * @param generateLength characters the report generates per tune at most ({@code language_model})
 */
@Variant("tunes")
@Doc("Tunes in ABC notation: a character language model over tunes, or tune bodies generated from the header "
        + "fields R:, M:, K: (one_to_many).")
public record TunesData(
        @Doc("The ABC file: tunes starting at X:, header to K:, body to a blank line.") @Required String train,
        @Doc("Validation: a fraction of the tunes (seeded draw) or a file.") @Default("0.1") SplitSource validation,
        @Doc("Test: a fraction of the tunes (seeded draw) or a file.") @Default("0.1") SplitSource test,
        @Doc("language_model: next character of header and body; from_header: the body from the rhythm, meter and "
                + "key (a one_to_many head).") @Default("language_model") TuneTask task,
        @Doc("Characters per training window (language_model).") @Default("128") @Range(min = 2) int sequenceLength,
        @Doc("Bodies are cut after this many characters (from_header).") @Default("512") @Range(min = 8) int maxLength,
        @Doc("Tunes of a split the report generates from their headers and judges.") @Default("100") @Range(min = 1)
        int judged,
        @Doc("Sampling temperature of the report's generated tunes (language_model).") @Default("0.8")
        @Range(min = 0.0, max = 10.0) double temperature,
        @Doc("Characters the report generates per tune at most (language_model).") @Default("600") @Range(min = 1)
        int generateLength) implements DataSpec {
}
