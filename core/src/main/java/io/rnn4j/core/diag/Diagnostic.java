package io.rnn4j.core.diag;

import java.util.Objects;

/**
 * One problem in user input.
 *
 * @param id       stable id such as {@code RNN4J-DSL-003} (documented, and what tests pin)
 * @param severity error or warning
 * @param location where in the file
 * @param path     the path of the value in the document, e.g. {@code model.layers[1].lstm.units}
 *                 (empty for the whole document)
 * @param message  what was found and what is allowed
 * @param hint     how to fix it (may be empty)
 */
public record Diagnostic(String id, Severity severity, SourceLocation location, String path, String message,
        String hint) {

    /** Checks for nulls. */
    public Diagnostic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    /**
     * The diagnostic as the user sees it:
     * <pre>
     * experiment.yaml:12:7: error RNN4J-DSL-003 at model.layers[1].lstm: unknown key 'unit'
     *   hint: did you mean 'units'?
     * </pre>
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(location).append(": ").append(severity.label()).append(' ').append(id);
        if (!path.isEmpty()) {
            sb.append(" at ").append(path);
        }
        sb.append(": ").append(message);
        if (!hint.isEmpty()) {
            for (String line : hint.split("\n")) {
                sb.append("\n  ").append(line);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
