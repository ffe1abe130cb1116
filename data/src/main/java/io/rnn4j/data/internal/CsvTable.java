package io.rnn4j.data.internal;

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
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            List<String> header = null;
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            long consumed = 0;
            while (true) {
                int line = (int) consumed + 1;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException e) {
                    throw malformed(file, line, e.getCause());
                }
                consumed = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (header == null) {
                    header = header(file, line, r);
                    continue;
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
            if (header == null) {
                throw Problem.of(DataErrors.EMPTY, "empty file").file(file)
                        .found("no header row").expected("a header row naming the columns, then one row per example")
                        .fix("check that `" + option + "` names the right file.").error();
            }
            return new CsvTable(file, List.copyOf(header), rows, lines.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
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
        String fix = Suggest.closest(name, header)
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
