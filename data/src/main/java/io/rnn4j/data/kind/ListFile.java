package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Rnn4jException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The list file of the {@code images} and {@code audio} kinds: a CSV with a header row, or JSON Lines
 * (one object per line; {@code .gz} compressed files too), read into rows of fields with their line.
 */
final class ListFile {
    private ListFile() {
    }

    /** A row: its fields and where it is ({@code file:line}). */
    record Row(Map<String, Object> fields, String where, Path file) {
        /** A path field resolved against the list file's directory. */
        Path path(String value) {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
        }
    }

    /**
     * Reads the rows.
     *
     * @throws Rnn4jException {@code RNN4J-DATA-061} for a missing or unreadable file or a malformed line
     */
    static List<Row> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean gz = name.endsWith(".gz");
        String base = gz ? name.substring(0, name.length() - 3) : name;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return base.endsWith(".csv") ? csv(r, file) : jsonLines(r, file);
        } catch (NoSuchFileException e) {
            throw new Rnn4jException("RNN4J-DATA-061", file + ": no such list file; check the path (relative to the "
                    + "experiment file)");
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-DATA-061", file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<Row> csv(BufferedReader r, Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
        for (CSVRecord rec : p) {
            Map<String, Object> m = new LinkedHashMap<>(rec.toMap());
            rows.add(new Row(m, file + ":" + (rec.getRecordNumber() + 1), file));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Row> jsonLines(BufferedReader r, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (String s = r.readLine(); s != null; s = r.readLine()) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            Object v;
            try {
                v = json.readValue(s, Object.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Rnn4jException("RNN4J-DATA-061", file + ":" + line + ": not a JSON object ("
                        + e.getOriginalMessage() + "); give one JSON object per line");
            }
            if (!(v instanceof Map)) {
                throw new Rnn4jException("RNN4J-DATA-061", file + ":" + line + ": a JSON " + (v instanceof List ? "array"
                        : "value") + " where an object is expected; give one object per line");
            }
            rows.add(new Row((Map<String, Object>) v, file + ":" + line, file));
        }
        return rows;
    }

    /** A required text field. */
    static String text(Row row, String field, String hint) {
        Object v = row.fields().get(field);
        if (v == null || v.toString().isEmpty()) {
            throw new Rnn4jException("RNN4J-DATA-062", row.where() + ": the field '" + field + "' is "
                    + (v == null ? "missing" : "empty") + "; " + hint);
        }
        return v.toString();
    }
}
