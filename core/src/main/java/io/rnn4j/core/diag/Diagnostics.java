package io.rnn4j.core.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A collector of diagnostics: validation adds every problem it finds and throws once at the end
 * with {@link #throwIfErrors(String)}.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    /** Adds a diagnostic. */
    public void add(Diagnostic d) {
        items.add(d);
    }

    /** Adds an error. */
    public void error(String id, SourceLocation at, String path, String message, String hint) {
        add(new Diagnostic(id, Severity.ERROR, at, path, message, hint));
    }

    /** Adds a warning. */
    public void warning(String id, SourceLocation at, String path, String message, String hint) {
        add(new Diagnostic(id, Severity.WARNING, at, path, message, hint));
    }

    /** Whether any error was added. */
    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** Everything added, sorted by location (stable for equal locations). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(Diagnostic::location));
        return copy;
    }

    /** Number of diagnostics added. */
    public int size() {
        return items.size();
    }

    /** Throws a {@link ValidationException} listing every diagnostic if there is an error. */
    public void throwIfErrors(String subject) {
        if (hasErrors()) {
            throw new ValidationException(subject, sorted());
        }
    }
}
