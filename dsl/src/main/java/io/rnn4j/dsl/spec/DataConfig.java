package io.rnn4j.dsl.spec;

import io.rnn4j.core.spec.Polymorphic;

/**
 * The {@code data:} section, one record per {@code type}. File paths are relative to the experiment
 * file's directory.
 */
@Polymorphic(key = "type")
public sealed interface DataConfig permits SequencesData, TimeSeriesData, TextClassificationData, TextData, PairsData {

    /** The training file. */
    String train();

    /** The validation split (a fraction or a file), or {@code null}. */
    SplitSource validation();

    /** The test split (a fraction or a file), or {@code null}. */
    SplitSource test();
}
