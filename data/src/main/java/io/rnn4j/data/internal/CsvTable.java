package io.rnn4j.data.internal;

import io.rnn4j.core.diag.Suggestions;
import io.rnn4j.data.DataErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read whole into memory (RFC 4180 via Apache Commons CSV; the text read
 * as {@link DataText} reads every data file: strict UTF-8, a leading byte-order mark skipped; blank
 * lines skipped), with the line on which every record starts so that errors can point at it. Numbers
 * are checked against the float32 range as in every format ({@link Numbers#float32Problem}).
 */
public final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(Path file, List<String> header, List<String[]> rows, int[] lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads {@code file}; {@code option} is the YAML key that named it ({@code train}), for messages. */
    public static CsvTable read(Path file, String option) {
        String text = DataText.read(file, option); // strict UTF-8, located errors, byte-order mark skipped
        try (Reader in = new StringReader(text); Records records = new Records(file, in)) {
            if (records.header == null) {
                throw empty(file, option);
            }
            return records.next(Integer.MAX_VALUE);
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
    }

    /**
     * Opens {@code file} to be read in windows of rows ({@link Windows#next}), so that memory holds one
     * window, not the file; the rules and messages are those of {@link #read}. The file is read twice: once
     * line by line to check that it is UTF-8 (naming the line of a bad byte, as {@link #read} does), then
     * as CSV.
     */
    public static Windows windows(Path file, String option) {
        TextFiles.requireFile(file, option);
        try (DataLines lines = DataLines.open(file, option)) {
            while (lines.next() != null) {
                // decoding each line is the check
            }
        }
        Reader in;
        try {
            in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
            in = new java.io.BufferedReader(in, 1 << 16);
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
        try {
            Records records = new Records(file, in);
            if (records.header == null) {
                records.close();
                throw empty(file, option);
            }
            return new Windows(records);
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
    }

    /** A CSV file read in windows of rows; each window is a {@link CsvTable} with the file's header. */
    public static final class Windows implements java.io.Closeable {
        private final Records records;

        private Windows(Records records) {
            this.records = records;
        }

        /** The header alone, as a table of no rows (to look columns up before any row is read). */
        public CsvTable columns() {
            return new CsvTable(records.file, records.header, List.of(), new int[0]);
        }

        /** The next (up to) {@code rows} data rows, or {@code null} after the last. */
        public CsvTable next(int rows) {
            CsvTable t = records.next(rows);
            return t.rows() == 0 ? null : t;
        }

        @Override
        public void close() {
            try {
                records.close();
            } catch (IOException e) {
                // only read; nothing to lose
            }
        }
    }

    private static io.rnn4j.core.Rnn4jException empty(Path file, String option) {
        return Problem.of(DataErrors.EMPTY, "empty file").file(file)
                .found("no header row").expected("a header row naming the columns, then one row per example")
                .fix("check that `" + option + "` names the right file.").error();
    }

    /** The CSV records of a reader, header first, with the line on which each starts. */
    private static final class Records implements java.io.Closeable {
        private final Path file;
        private final CSVParser parser;
        private final Iterator<CSVRecord> it;
        private final List<String> header;
        private long consumed;

        Records(Path file, Reader in) throws IOException {
            this.file = file;
            this.parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get();
            this.it = parser.iterator();
            List<String> h = null;
            while (h == null) {
                int line = (int) consumed + 1;
                CSVRecord r = record(line);
                if (r == null) {
                    break;
                }
                if (!(r.size() == 1 && r.get(0).isEmpty())) { // not a blank line
                    h = CsvTable.header(file, line, r);
                }
            }
            this.header = h == null ? null : List.copyOf(h);
        }

        private CSVRecord record(int line) {
            CSVRecord r;
            try {
                if (!it.hasNext()) {
                    return null;
                }
                r = it.next();
            } catch (UncheckedIOException e) {
                throw malformed(file, line, e.getCause());
            }
            consumed = parser.getCurrentLineNumber();
            return r;
        }

        /** Up to {@code max} data rows (blank lines skipped), checked against the header. */
        CsvTable next(int max) {
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            while (rows.size() < max) {
                int line = (int) consumed + 1;
                CSVRecord r = record(line);
                if (r == null) {
                    break;
                }
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw Problem.of(DataErrors.MALFORMED_CSV, "malformed row").file(file).line(line)
                            .found(r.size() + (r.size() == 1 ? " cell" : " cells"))
                            .expected(header.size() + " cells, one per header column (" + quoted(header) + ")")
                            .fix("quote every cell that contains a comma or a line break (\"a, b\"), "
                                    + "double the quotes inside a quoted cell (\"say \"\"hi\"\"\"), and give every row all columns.")
                            .error();
                }
                rows.add(r.values());
                lines.add(line);
            }
            return new CsvTable(file, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static List<String> header(Path file, int line, CSVRecord r) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.size(); i++) {
            String name = r.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!seen.add(name)) {
                throw Problem.of(DataErrors.MALFORMED_CSV, "duplicate column name").file(file).line(line).column(i + 1, name)
                        .found("the name " + Problem.quote(name) + " a second time").expected("distinct column names")
                        .fix("rename one of the columns in the header row.").error();
            }
            header.add(name);
        }
        return header;
    }

    private static RuntimeException malformed(Path file, int line, Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return TextFiles.readFailed(file, (IOException) cause);
        }
        return Problem.of(DataErrors.MALFORMED_CSV, "malformed row").file(file).line(line)
                .found("text the CSV reader cannot parse (" + cause.getMessage() + ")")
                .expected("RFC 4180 CSV: cells separated by commas, a quoted cell closed by a double quote before the next comma or line end")
                .fix("close every opened double quote, and double the quotes inside a quoted cell (\"say \"\"hi\"\"\").")
                .error(cause);
    }

    static String quoted(List<String> names) {
        return names.stream().map(Problem::quote).collect(Collectors.joining(", "));
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The header names. */
    public List<String> header() {
        return header;
    }

    /** Number of data rows. */
    public int rows() {
        return rows.size();
    }

    /** The line on which data row {@code row} starts. */
    public int line(int row) {
        return lines[row];
    }

    /** Cell {@code col} of data row {@code row}, as written. */
    public String cell(int row, int col) {
        return rows.get(row)[col];
    }

    /**
     * The index of column {@code name}, which the YAML key {@code option} asked for; a
     * {@code MISSING_COLUMN} error lists the header and the closest name if it is missing.
     */
    public int column(String name, String option) {
        int i = header.indexOf(name);
        if (i >= 0) {
            return i;
        }
        String fix = Suggestions.closest(name, header)
                .map(s -> "did you mean " + Problem.quote(s) + "? Change `" + option + "` or the file's header row.")
                .orElse("set `" + option + "` to one of the columns, or add the column to the file.");
        throw Problem.of(DataErrors.MISSING_COLUMN, "missing column " + Problem.quote(name) + " (from `" + option + "`)")
                .file(file).line(1).found("the columns " + quoted(header))
                .expected("a column named " + Problem.quote(name)).fix(fix).error();
    }

    /** Cell {@code col} of row {@code row} as a number; a located {@code BAD_NUMBER} error if it is not one. */
    public double number(int row, int col, String option) {
        String raw = cell(row, col);
        String s = raw.strip();
        double v = Numbers.parse(s);
        if (Double.isNaN(v)) {
            boolean missing = s.isEmpty() || s.equalsIgnoreCase("na") || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("null");
            String fix = missing
                    ? "fill in the missing value (for example by interpolating) or delete the row; rnn4j does not impute missing values."
                    : "correct the cell, or leave column " + Problem.quote(header.get(col)) + " out of `" + option + "`.";
            throw Problem.of(DataErrors.BAD_NUMBER, missing ? "missing value" : "bad number").file(file).line(line(row))
                    .column(col + 1, header.get(col)).found(missing ? (s.isEmpty() ? "an empty cell" : Problem.quote(raw)) : Problem.quote(raw))
                    .expected("a finite decimal number such as 112, -0.5 or 1.5e3")
                    .fix(fix).error();
        }
        String range = Numbers.float32Problem(v);
        if (range != null) {
            throw Problem.of(DataErrors.BAD_NUMBER, "number out of range").file(file).line(line(row))
                    .column(col + 1, header.get(col)).found(Problem.quote(raw) + " (" + range + ")")
                    .expected(Numbers.FLOAT32_EXPECTED)
                    .fix("rescale the column (for example to thousands or millions), or use data.normalize.").error();
        }
        return v;
    }
}
