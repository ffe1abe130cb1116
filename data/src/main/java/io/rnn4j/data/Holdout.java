package io.rnn4j.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a validation or test split comes from. YAML: {@code validation: data/val.csv} (a file),
 * {@code validation: 0.1} (a fraction of the training file), or absent.
 */
public sealed interface Holdout permits Holdout.None, Holdout.FromFile, Holdout.Fraction {

    /** No such split. */
    static Holdout none() {
        return None.INSTANCE;
    }

    /** The split is its own file, in the same format as the training file. */
    static Holdout file(Path path) {
        return new FromFile(path);
    }

    /** The split is this fraction of the training file's examples (or, for ordered data, its last part). */
    static Holdout fraction(double value) {
        return new Fraction(value);
    }

    /** No split. */
    enum None implements Holdout {
        /** The only instance. */
        INSTANCE
    }

    /**
     * A separate file.
     *
     * @param path the file
     */
    record FromFile(Path path) implements Holdout {
        /** Checks for null. */
        public FromFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A fraction of the training file.
     *
     * @param value in (0, 1)
     */
    record Fraction(double value) implements Holdout {
        /** Validates the range. */
        public Fraction {
            if (!(value > 0 && value < 1)) {
                throw DataErrors.invalidOption("validation", value, "a fraction between 0 and 1 (exclusive), such as 0.1, or a file path");
            }
        }
    }
}
