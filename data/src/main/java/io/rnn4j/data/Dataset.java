package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import java.util.List;

/**
 * A loaded data set: its examples split three ways (a split may be empty) and its {@link DataSchema}.
 * All examples are in memory; the lists are unmodifiable.
 */
public interface Dataset {

    /** The data set type, as in YAML ({@code time_series}). */
    String type();

    /** The training examples. */
    List<Example> train();

    /** The validation examples (maybe empty). */
    List<Example> validation();

    /** The test examples (maybe empty). */
    List<Example> test();

    /** Sizes, kinds and fitted artefacts. */
    DataSchema schema();

    /** The examples of {@code split}. */
    default List<Example> split(Split split) {
        return switch (split) {
            case TRAIN -> train();
            case VALIDATION -> validation();
            case TEST -> test();
        };
    }

    /** A plain data set. */
    static Dataset of(String type, List<Example> train, List<Example> validation, List<Example> test, DataSchema schema) {
        return new Plain(type, List.copyOf(train), List.copyOf(validation), List.copyOf(test), schema);
    }

    /** The plain implementation. */
    record Plain(String type, List<Example> train, List<Example> validation, List<Example> test, DataSchema schema)
            implements Dataset {
    }
}
