package io.rnn4j.data.internal;

import io.rnn4j.data.DataErrors;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * The checks of a time series' {@code time} column: its rows are one per time step, in time order. The format of
 * the first row decides how every cell is read: a month ({@code 1949-01}), a date ({@code 2016-08-28}), a date
 * and time ({@code 2016-08-28T10:00}, {@code 2016-08-28 10:00:00}, with or without an offset) or a number. A
 * time that is not after the one before it is an error (a repeated time, or rows out of order), and so is a
 * month missing from a monthly series; a cell in another format than the first row's is an error too. Gaps are
 * not checked for other steps: a series of working days skips weekends and holidays. A first cell in none of
 * these formats (a label such as {@code Q1}) is only checked for repeats.
 */
final class TimeColumn {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DAY_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");

    private enum Format {
        MONTH("a month such as 1949-01"), DAY("a date such as 2016-08-28"),
        DAY_TIME("a date and time such as 2016-08-28T10:00"), NUMBER("a number"), LABEL("a label");

        final String example;

        Format(String example) {
            this.example = example;
        }
    }

    private TimeColumn() {
    }

    /**
     * Checks the {@code time} column's cells.
     *
     * @param file   the CSV, for messages
     * @param name   the column's name
     * @param column its index (0-based)
     * @param cells  its cells, stripped, one per data row
     * @param line   the file's line of data row {@code r}
     */
    static void check(Path file, String name, int column, List<String> cells, IntUnaryOperator line) {
        if (cells.isEmpty()) {
            return;
        }
        Format f = formatOf(cells.get(0));
        if (f == Format.LABEL) {
            Map<String, Integer> first = new HashMap<>();
            for (int r = 0; r < cells.size(); r++) {
                Integer before = first.putIfAbsent(cells.get(r), r);
                if (before != null) {
                    throw repeated(file, name, column, cells, line, before, r);
                }
            }
            return;
        }
        double previous = Double.NaN;
        for (int r = 0; r < cells.size(); r++) {
            String cell = cells.get(r);
            double key = key(f, cell);
            if (Double.isNaN(key)) {
                throw Problem.of(DataErrors.TIME_ORDER, "a time in another format").file(file).line(line.applyAsInt(r))
                        .column(column + 1, name).found(Problem.quote(cell))
                        .expected(f.example + ", as in the first row (" + Problem.quote(cells.get(0)) + ")")
                        .fix("write every time in the same format, or remove `time`.").error();
            }
            if (r > 0) {
                if (key == previous) {
                    throw repeated(file, name, column, cells, line, r - 1, r);
                }
                if (key < previous) {
                    throw Problem.of(DataErrors.TIME_ORDER, "rows out of time order").file(file)
                            .line(line.applyAsInt(r)).column(column + 1, name)
                            .found(Problem.quote(cell) + " after " + Problem.quote(cells.get(r - 1)) + " (line "
                                    + line.applyAsInt(r - 1) + ")")
                            .expected("rows in time order, one per time step (windows take consecutive rows)")
                            .fix("sort the file by `" + name + "`.").error();
                }
                if (f == Format.MONTH && key > previous + 1) {
                    YearMonth missing = YearMonth.parse(cells.get(r - 1)).plusMonths(1);
                    for (int later = r + 1; later < cells.size(); later++) {
                        if (key(f, cells.get(later)) == previous + 1) { // it is there, further down: out of order
                            throw Problem.of(DataErrors.TIME_ORDER, "rows out of time order").file(file)
                                    .line(line.applyAsInt(r)).column(column + 1, name)
                                    .found(Problem.quote(cell) + " after " + Problem.quote(cells.get(r - 1)) + " (line "
                                            + line.applyAsInt(r - 1) + "), while " + missing + " comes later, at line "
                                            + line.applyAsInt(later))
                                    .expected("rows in time order, one per time step (windows take consecutive rows)")
                                    .fix("sort the file by `" + name + "`.").error();
                        }
                    }
                    throw Problem.of(DataErrors.TIME_ORDER, "a month missing").file(file).line(line.applyAsInt(r))
                            .column(column + 1, name)
                            .found(Problem.quote(cell) + " after " + Problem.quote(cells.get(r - 1)) + " (line "
                                    + line.applyAsInt(r - 1) + "): " + missing + (key > previous + 2 ? " and "
                                    + (long) (key - previous - 2) + " more months are" : " is") + " missing")
                            .expected("one row per month (windows take consecutive rows as consecutive months)")
                            .fix("add the missing rows (for example with interpolated values), or cut the series where "
                                    + "it breaks.").error();
                }
            }
            previous = key;
        }
    }

    private static RuntimeException repeated(Path file, String name, int column, List<String> cells,
            IntUnaryOperator line, int first, int again) {
        return Problem.of(DataErrors.TIME_ORDER, "a time repeated").file(file).line(line.applyAsInt(again))
                .column(column + 1, name)
                .found(Problem.quote(cells.get(again)) + ", already at line " + line.applyAsInt(first))
                .expected("one row per time step")
                .fix("remove or merge the repeated row; for several series in one file, give each its own file.")
                .error();
    }

    private static Format formatOf(String cell) {
        for (Format f : new Format[] {Format.MONTH, Format.DAY, Format.DAY_TIME, Format.NUMBER}) {
            if (!Double.isNaN(key(f, cell))) {
                return f;
            }
        }
        return Format.LABEL;
    }

    /** The cell as a number that orders times (months, days, seconds or the number), NaN if not of format f. */
    private static double key(Format f, String cell) {
        try {
            switch (f) {
                case MONTH -> {
                    if (MONTH.matcher(cell).matches()) {
                        YearMonth m = YearMonth.parse(cell);
                        return m.getYear() * 12.0 + m.getMonthValue() - 1;
                    }
                }
                case DAY -> {
                    if (DAY.matcher(cell).matches()) {
                        return LocalDate.parse(cell).toEpochDay();
                    }
                }
                case DAY_TIME -> {
                    if (DAY_TIME.matcher(cell).matches()) {
                        String iso = cell.charAt(10) == ' ' ? cell.substring(0, 10) + 'T' + cell.substring(11) : cell;
                        try {
                            return LocalDateTime.parse(iso).toEpochSecond(java.time.ZoneOffset.UTC);
                        } catch (DateTimeParseException local) {
                            return OffsetDateTime.parse(iso).toEpochSecond();
                        }
                    }
                }
                case NUMBER -> {
                    double v = Double.parseDouble(cell);
                    return Double.isFinite(v) ? v : Double.NaN;
                }
                default -> {
                    return Double.NaN;
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
