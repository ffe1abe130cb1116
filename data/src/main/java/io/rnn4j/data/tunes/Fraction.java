package io.rnn4j.data.tunes;

/**
 * An exact non-negative rational number, always in lowest terms: note and bar durations in ABC are
 * sums of fractions of a whole note ({@code 3/16}, {@code 1/24} in a triplet), which floats would
 * round.
 *
 * @param numerator   {@code >= 0}
 * @param denominator {@code >= 1}
 */
public record Fraction(long numerator, long denominator) implements Comparable<Fraction> {
    /** Zero. */
    public static final Fraction ZERO = new Fraction(0, 1);
    /** One (a whole note). */
    public static final Fraction ONE = new Fraction(1, 1);

    /** Validates and reduces to lowest terms. */
    public Fraction {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException("a duration is a fraction n/d with n >= 0 and d >= 1, got "
                    + numerator + "/" + denominator);
        }
        long g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    /** {@code n/d}. */
    public static Fraction of(long n, long d) {
        return new Fraction(n, d);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    /** {@code this + o}. */
    public Fraction plus(Fraction o) {
        return new Fraction(numerator * o.denominator + o.numerator * denominator, denominator * o.denominator);
    }

    /** {@code this - o}; never below zero. */
    public Fraction minus(Fraction o) {
        long n = numerator * o.denominator - o.numerator * denominator;
        if (n < 0) {
            throw new IllegalArgumentException(this + " - " + o + " is negative");
        }
        return new Fraction(n, denominator * o.denominator);
    }

    /** {@code this * o}. */
    public Fraction times(Fraction o) {
        return new Fraction(numerator * o.numerator, denominator * o.denominator);
    }

    /** {@code this * n / d}. */
    public Fraction times(long n, long d) {
        return times(new Fraction(n, d));
    }

    /** Whether this is zero. */
    public boolean isZero() {
        return numerator == 0;
    }

    @Override
    public int compareTo(Fraction o) {
        return Long.compare(numerator * o.denominator, o.numerator * denominator);
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
