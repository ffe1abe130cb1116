package io.rnn4j.core.spec;

/**
 * Where a validation or test split comes from, written as a scalar: a fraction of the training data
 * ({@code validation: 0.1}) or a file ({@code validation: data/val.csv}).
 *
 * @param file     the file, or {@code null}
 * @param fraction the fraction in (0, 1), or {@code null}
 */
public record SplitSource(String file, Double fraction) {

    /** Exactly one of the two is set; a fraction is in (0, 1). */
    public SplitSource {
        if ((file == null) == (fraction == null)) {
            throw new IllegalArgumentException("a split is either a file or a fraction");
        }
        if (fraction != null && !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a split fraction must be between 0 and 1 (exclusive), was " + fraction);
        }
    }

    /** A fraction of the training data. */
    public static SplitSource fraction(double f) {
        return new SplitSource(null, f);
    }

    /** A separate file. */
    public static SplitSource file(String f) {
        return new SplitSource(f, null);
    }
}
