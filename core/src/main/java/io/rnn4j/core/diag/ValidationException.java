package io.rnn4j.core.diag;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown once when input has errors; its message lists every diagnostic, sorted by position. */
public final class ValidationException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    /** An exception for {@code subject} (e.g. a file name) with its diagnostics. */
    public ValidationException(String subject, List<Diagnostic> diagnostics) {
        super(render(subject, diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String render(String subject, List<Diagnostic> ds) {
        long errors = ds.stream().filter(d -> d.severity() == Severity.ERROR).count();
        return subject + " has " + errors + (errors == 1 ? " error" : " errors") + ":\n"
                + ds.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
    }

    /** Every diagnostic, sorted by position. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
