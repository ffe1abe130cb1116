package io.rnn4j.core.diag;

import java.util.Comparator;

/**
 * A position in a source file: 1-based line and column.
 *
 * @param file   the file as the user named it (or a description such as {@code <string>})
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {
    private static final Comparator<SourceLocation> ORDER = Comparator.comparing(SourceLocation::file)
            .thenComparingInt(SourceLocation::line).thenComparingInt(SourceLocation::column);

    /** A location in {@code file} whose line and column are unknown. */
    public static SourceLocation unknown(String file) {
        return new SourceLocation(file, 0, 0);
    }

    /** {@code file:line:column}, or just {@code file} when the line is unknown. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(SourceLocation o) {
        return ORDER.compare(this, o);
    }
}
