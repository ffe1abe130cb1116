package io.rnn4j.data.internal;

import io.rnn4j.core.Rnn4jException;

/**
 * Builds one located data error message:
 * {@code <what> in <file>, line <l>, column <c> (<name>), field <f>: found <x>; expected <y>. Fix: <hint>}
 * (the parts that are unknown are left out).
 */
public final class Problem {
    private final String id;
    private final String what;
    private String file;
    private int line;
    private int column;
    private String columnName;
    private String field;
    private String found;
    private String expected;
    private String fix;

    private Problem(String id, String what) {
        this.id = id;
        this.what = what;
    }

    /** A problem with a stable id and a short headline ("bad number"). */
    public static Problem of(String id, String what) {
        return new Problem(id, what);
    }

    /** The file, as the user named it. */
    public Problem file(Object file) {
        this.file = String.valueOf(file);
        return this;
    }

    /** The 1-based line; 0 for none. */
    public Problem line(int line) {
        this.line = line;
        return this;
    }

    /** The 1-based column and its header name (either may be absent: 0, null). */
    public Problem column(int column, String name) {
        this.column = column;
        this.columnName = name;
        return this;
    }

    /** The JSON field path, such as {@code x[2][0]}. */
    public Problem field(String field) {
        this.field = field;
        return this;
    }

    /** What was found. */
    public Problem found(String found) {
        this.found = found;
        return this;
    }

    /** What was expected. */
    public Problem expected(String expected) {
        this.expected = expected;
        return this;
    }

    /** How to fix it (one or two sentences). */
    public Problem fix(String fix) {
        this.fix = fix;
        return this;
    }

    /** The message without the id. */
    public String message() {
        StringBuilder sb = new StringBuilder(what);
        if (file != null) {
            sb.append(" in ").append(file);
        }
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
        }
        if (columnName != null) {
            sb.append(column > 0 ? " (" : ", column (").append(columnName).append(')');
        }
        if (field != null) {
            sb.append(", field ").append(field);
        }
        if (found != null || expected != null) {
            sb.append(':');
            if (found != null) {
                sb.append(" found ").append(found);
            }
            if (expected != null) {
                sb.append(found != null ? "; expected " : " expected ").append(expected);
            }
        }
        sb.append('.');
        if (fix != null) {
            sb.append(" Fix: ").append(fix);
        }
        return sb.toString();
    }

    /** The exception. */
    public Rnn4jException error() {
        return new Rnn4jException(id, message());
    }

    /** The exception with a cause. */
    public Rnn4jException error(Throwable cause) {
        return new Rnn4jException(id, message(), cause);
    }

    /** {@code s} quoted for a message, shortened to 60 characters, control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (n++ == 60) {
                sb.append("...");
                break;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
