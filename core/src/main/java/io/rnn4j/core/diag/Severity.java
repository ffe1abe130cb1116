package io.rnn4j.core.diag;

/** How serious a diagnostic is. */
public enum Severity {
    /** The input cannot be used. */
    ERROR,
    /** The input can be used but is probably not what was meant. */
    WARNING;

    /** Lower-case label used in messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
