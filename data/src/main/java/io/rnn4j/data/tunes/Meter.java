package io.rnn4j.data.tunes;

import java.util.Locale;

/**
 * The meter of a tune, from its {@code M:} field: {@code C} is common time (4/4), {@code C|} cut
 * time (2/2), otherwise {@code n/d}.
 *
 * @param text        the field's value as normalised here: {@code 6/8}, {@code C}, {@code C|}
 * @param numerator   beats per bar ({@code >= 1})
 * @param denominator the beat's note value ({@code 1, 2, 4, 8, 16, 32})
 */
public record Meter(String text, int numerator, int denominator) {

    /** Validates. */
    public Meter {
        if (numerator < 1 || numerator > 64 || Integer.bitCount(denominator) != 1 || denominator > 64) {
            throw new IllegalArgumentException("a meter is n/d with 1 <= n <= 64 and d a power of two up to 64, got "
                    + numerator + "/" + denominator);
        }
    }

    /**
     * Parses the value of an {@code M:} field (blanks ignored).
     *
     * @throws IllegalArgumentException if it is not {@code C}, {@code C|} or {@code n/d}, or is
     *         {@code none} (free meter, which has no bar length to check)
     */
    public static Meter parse(String value) {
        String v = value.replaceAll("\\s", "");
        if (v.equals("C")) {
            return new Meter("C", 4, 4);
        }
        if (v.equals("C|")) {
            return new Meter("C|", 2, 2);
        }
        int slash = v.indexOf('/');
        if (slash > 0 && v.substring(0, slash).matches("\\d{1,2}") && v.substring(slash + 1).matches("\\d{1,2}")) {
            return new Meter(v, Integer.parseInt(v.substring(0, slash)), Integer.parseInt(v.substring(slash + 1)));
        }
        throw new IllegalArgumentException("meter '" + value + "' is not C, C| or n/d such as 6/8"
                + (v.toLowerCase(Locale.ROOT).equals("none") ? " (free meter has no bar length)" : ""));
    }

    /** The duration of a full bar, as a fraction of a whole note: 6/8 is 3/4. */
    public Fraction barLength() {
        return Fraction.of(numerator, denominator);
    }

    /**
     * Whether the meter is compound (6/8, 9/8, 12/8: beats of three), which changes the default of
     * tuplets {@code (5}, {@code (7}, {@code (9}.
     */
    public boolean compound() {
        return numerator % 3 == 0 && numerator > 3;
    }

    /**
     * ABC's default unit note length when a tune has no {@code L:}: 1/16 below 3/4, 1/8 otherwise.
     */
    public Fraction defaultUnit() {
        return (double) numerator / denominator < 0.75 ? Fraction.of(1, 16) : Fraction.of(1, 8);
    }

    @Override
    public String toString() {
        return text;
    }
}
