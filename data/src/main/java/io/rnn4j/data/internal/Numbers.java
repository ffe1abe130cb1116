package io.rnn4j.data.internal;

/** Strict number parsing for data cells. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * The finite decimal number {@code s} is ({@code 12}, {@code -0.5}, {@code 1.5e3}, {@code .5}),
     * or NaN for anything else: empty, {@code NaN}, {@code Infinity}, hexadecimal, Java suffixes such
     * as {@code 1f}, thousands separators, overflow.
     */
    public static double parse(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return Double.NaN;
            }
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
