package io.rnn4j.data.internal;

/** Strict number parsing for data cells. */
public final class Numbers {
    /** What a data value must be, for messages in every format. */
    public static final String FLOAT32_EXPECTED = "a number within the float32 range (|x| <= 3.4e38), which rnn4j "
            + "computes in";

    private Numbers() {
    }

    /**
     * Why the finite number {@code v} cannot be a float32 value (too large), or {@code null} if it can.
     * Values smaller than float32's smallest (1.4e-45) are not refused: they become 0, as they would in
     * any float32 program.
     */
    public static String float32Problem(double v) {
        return Math.abs(v) > Float.MAX_VALUE ? "beyond the float32 range" : null;
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
