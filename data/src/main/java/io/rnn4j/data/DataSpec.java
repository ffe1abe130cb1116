package io.rnn4j.data;

/**
 * The {@code data:} section of an experiment, one record per data set {@link #type()}. Specs are pure
 * data, validated when built; {@link Datasets} loads them.
 */
public sealed interface DataSpec
        permits SequencesSpec, TimeSeriesSpec, TextClassificationSpec, TextCorpusSpec, PairsSpec {

    /** The stable id of the data set type, as written in YAML ({@code type: time_series}). */
    String type();

    /** Where the splits come from. */
    SplitSpec splits();
}
