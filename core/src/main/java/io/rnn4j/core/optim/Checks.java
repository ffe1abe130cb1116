package io.rnn4j.core.optim;

/** Argument checks shared by the specs, with messages that name the option as YAML spells it. */
final class Checks {
    private Checks() {
    }

    static void nonNegative(String owner, String name, double value, String hint) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number >= 0, was " + value
                    + hint(hint));
        }
    }

    static void unitInterval(String owner, String name, double value, String hint) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), was " + value + hint(hint));
        }
    }

    static void nonNegative(String owner, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= 0, was " + value);
        }
    }

    static void positive(String owner, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= 1, was " + value);
        }
    }

    private static String hint(String hint) {
        return hint.isEmpty() ? "" : "; " + hint;
    }
}
