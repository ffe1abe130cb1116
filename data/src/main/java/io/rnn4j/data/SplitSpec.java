package io.rnn4j.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the splits of a data set come from. YAML keys {@code train}, {@code validation},
 * {@code test} (each a file path; the last two may also be a fraction) and the experiment's
 * {@code seed}.
 *
 * <p>A fraction of the training file is taken by a seeded shuffle for unordered data (sequences,
 * text classification, pairs) and from the end for ordered data (time series, text corpora), which
 * are never shuffled across time. When both {@code validation} and {@code test} are fractions, the
 * test part is taken first (from the end, for ordered data), then validation from the rest.
 * Vocabularies, label lists and normalization statistics are fitted on what remains for training.
 *
 * @param train      the training file
 * @param validation the validation split
 * @param test       the test split
 * @param seed       the seed of the split shuffle
 */
public record SplitSpec(Path train, Holdout validation, Holdout test, long seed) {

    /** Checks for nulls and that the fractions leave something to train on. */
    public SplitSpec {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        double sum = fraction(validation) + fraction(test);
        if (sum >= 1) {
            throw DataErrors.invalidOption("validation", fraction(validation) + " + test " + fraction(test),
                    "fractions that add up to less than 1, so that some of the training file is left for training");
        }
    }

    /** Only a training file. */
    public static SplitSpec trainOnly(Path train) {
        return new SplitSpec(train, Holdout.none(), Holdout.none(), 0);
    }

    /** Fraction of a holdout (0 if it is not a fraction). */
    static double fraction(Holdout h) {
        return h instanceof Holdout.Fraction f ? f.value() : 0;
    }
}
