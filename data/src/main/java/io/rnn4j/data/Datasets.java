package io.rnn4j.data;

import io.rnn4j.data.internal.PairsLoader;
import io.rnn4j.data.internal.SequencesLoader;
import io.rnn4j.data.internal.TextClassificationLoader;
import io.rnn4j.data.internal.TextCorpusLoader;
import io.rnn4j.data.internal.TimeSeriesLoader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a {@link DataSpec} into a {@link Dataset}: reads the files eagerly, validates every row
 * (raising a located {@link io.rnn4j.core.Rnn4jException} with an id from {@link DataErrors}),
 * splits, and fits vocabularies, label lists and normalization on the training split. Loading
 * is deterministic for a given spec (seed included).
 */
public final class Datasets {
    private static final Map<String, Function<DataSpec, Dataset>> LOADERS = Map.of(
            "sequences", s -> SequencesLoader.load((SequencesSpec) s),
            "time_series", s -> TimeSeriesLoader.load((TimeSeriesSpec) s),
            "text_classification", s -> TextClassificationLoader.load((TextClassificationSpec) s),
            "text", s -> TextCorpusLoader.load((TextCorpusSpec) s),
            "pairs", s -> PairsLoader.load((PairsSpec) s));

    private Datasets() {
    }

    /** The data set types, as written in YAML ({@code type: ...}). */
    public static List<String> types() {
        return List.of("sequences", "time_series", "text_classification", "text", "pairs");
    }

    /** Loads any data set; a {@link TimeSeriesSpec} gives a {@link TimeSeriesDataset}. */
    public static Dataset load(DataSpec spec) {
        return LOADERS.get(spec.type()).apply(spec);
    }

    /** Loads a time series, typed so that its series and normalization are at hand. */
    public static TimeSeriesDataset load(TimeSeriesSpec spec) {
        return TimeSeriesLoader.load(spec);
    }
}
