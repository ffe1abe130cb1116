package io.rnn4j.data.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Dates of a {@code time} column: {@code YYYY-MM-DD} (a time after it is ignored) or {@code YYYY-MM} (the 1st). */
public final class Dates {
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private Dates() {
    }

    /** The date of {@code cell}, or null if it is not one. */
    public static LocalDate parse(String cell) {
        String s = cell.strip();
        try {
            if (DAY.matcher(s).matches()) {
                return LocalDate.parse(s.substring(0, 10));
            }
            if (MONTH.matcher(s).matches()) {
                return YearMonth.parse(s).atDay(1);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }
}
