package io.rnn4j.data.sessions;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.data.internal.CsvTable;
import io.rnn4j.data.internal.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One interaction: a user (or session id) did something with an item at a time.
 *
 * @param user the user or session id, as written
 * @param item the item id, as written
 * @param time seconds since 1970-01-01T00:00:00Z
 * @param line the 1-based line of the event in its file (0 if not from a file)
 */
public record Event(String user, String item, long time, int line) {
    /** A row of an events file with an empty user or item, or a time that is not one. */
    public static final String BAD_EVENT = "RNN4J-DATA-142";

    /** Validates. */
    public Event {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
    }

    /**
     * Reads the events of a CSV file with a header row.
     *
     * @param file    the file
     * @param user    the user (or session) column
     * @param item    the item column
     * @param time    the time column: whole seconds since the Unix epoch ({@code 1260759144}), an ISO
     *                instant or offset date-time ({@code 2009-12-14T02:52:24Z}), a local date-time
     *                ({@code 2009-12-14 02:52:24}, read as UTC) or a date ({@code 2009-12-14})
     * @param option  the YAML key that named the file, for messages
     * @throws Rnn4jException {@code RNN4J-DATA-001/002/005} for a missing, unreadable or malformed file,
     *         {@code RNN4J-DATA-003} for a missing column (with the closest name), {@link #BAD_EVENT} for
     *         an empty user or item or a bad time (naming line, column and value), {@code RNN4J-DATA-011}
     *         for a file without events
     */
    public static List<Event> read(Path file, String user, String item, String time, String option) {
        CsvTable t = CsvTable.read(file, option);
        int u = t.column(user, "data.user");
        int i = t.column(item, "data.item");
        int c = t.column(time, "data.time");
        List<Event> events = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            String us = t.cell(r, u).strip();
            String is = t.cell(r, i).strip();
            if (us.isEmpty() || is.isEmpty()) {
                int col = us.isEmpty() ? u : i;
                throw Problem.of(BAD_EVENT, "event without " + (us.isEmpty() ? "a user" : "an item")).file(file)
                        .line(t.line(r)).column(col + 1, t.header().get(col)).found("an empty cell")
                        .expected("an id").fix("fill in the id or delete the row.").error();
            }
            events.add(new Event(us, is, parseTime(t.cell(r, c), file, t.line(r), c + 1, t.header().get(c)), t.line(r)));
        }
        if (events.isEmpty()) {
            throw Problem.of(io.rnn4j.data.DataErrors.EMPTY, "no events").file(file).found("a header row only")
                    .expected("one row per event").fix("check that `" + option + "` names the right file.").error();
        }
        return events;
    }

    private static long parseTime(String raw, Path file, int line, int column, String name) {
        String s = raw.strip();
        if (s.matches("-?\\d{1,12}")) {
            return Long.parseLong(s);
        }
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            String iso = s.replace(' ', 'T');
            if (iso.endsWith("Z")) {
                return Instant.parse(iso).getEpochSecond();
            }
            if (iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(iso).toEpochSecond();
            }
            return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Problem.of(BAD_EVENT, "bad time").file(file).line(line).column(column, name)
                    .found(s.isEmpty() ? "an empty cell" : Problem.quote(raw))
                    .expected("whole seconds since 1970 (1260759144), or an ISO date-time (2009-12-14T02:52:24Z, "
                            + "2009-12-14 02:52:24) or date (2009-12-14)")
                    .fix(s.matches("\\d{13}|\\d{16}") ? "this looks like " + (s.length() == 13 ? "milliseconds"
                            : "microseconds") + " since 1970: write whole seconds (drop the last "
                            + (s.length() == 13 ? 3 : 6) + " digits), or an ISO date-time."
                            : "write the time in one of these forms, or point `data.time` at the right column.").error();
        }
    }
}
