package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.rnn4j.data.internal.DataLines;
import io.rnn4j.data.internal.DataText;
import io.rnn4j.data.internal.JsonLines;
import io.rnn4j.data.internal.TextFiles;
import io.rnn4j.data.internal.JsonText;
import io.rnn4j.data.internal.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data module's file reading for callers outside it ({@code predict}'s input): the same reader
 * setup as the training loaders use for CSV, JSON Lines and text. A file is strict UTF-8 (bytes that
 * are not are an error naming the line and column), a leading byte-order mark is skipped, a JSON key
 * given twice in one object is refused, and every error names the file and line in plain words
 * ({@code RNN4J-DATA-001} no such file, {@code -002} not UTF-8, {@code -006} bad JSON).
 */
public final class DataFiles {
    private DataFiles() {
    }

    /**
     * One object of a JSON Lines file.
     *
     * @param file   the file
     * @param line   its 1-based line
     * @param object the parsed object
     */
    public record JsonLine(Path file, int line, JsonNode object) {
    }

    /**
     * Every non-blank line of the JSON Lines {@code file} (named by {@code option} in messages), each a
     * JSON object; an empty file gives an empty list, for the caller to report.
     *
     * @param example a valid line, shown in errors
     */
    public static List<JsonLine> jsonLines(Path file, String option, String example) {
        List<JsonLine> out = new ArrayList<>();
        for (JsonLines.Line l : JsonLines.readAllowingEmpty(file, option, example)) {
            out.add(new JsonLine(l.file(), l.line(), l.object()));
        }
        return out;
    }

    /**
     * Fails with the located {@code RNN4J-DATA-001} error unless {@code file} is a regular file; {@code option} names
     * where the path came from ({@code "--data"}, or a key of the experiment such as {@code "train"}).
     */
    public static void requireFile(Path file, String option) {
        TextFiles.requireFile(file, option);
    }

    /**
     * A data file read line by line as a stream (for inputs too large to hold), with the same rules; a line
     * that is not UTF-8 is an error naming that very line.
     */
    public static Lines lines(Path file, String option) {
        return new Lines(DataLines.open(file, option));
    }

    /** The lines of a data file, one at a time; close it when done. */
    public static final class Lines implements AutoCloseable {
        private final DataLines lines;

        private Lines(DataLines lines) {
            this.lines = lines;
        }

        /** The next line without its line break, or {@code null} at the end. */
        public String next() {
            return lines.next();
        }

        /** The 1-based number of the line {@link #next()} returned last. */
        public int number() {
            return lines.number();
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /**
     * One JSON value on line {@code line} of {@code file}, parsed as all data JSON is (a key given twice in
     * an object, trailing text and non-standard JSON refused) into the plain data model ({@code Map},
     * {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}); a located
     * {@code RNN4J-DATA-006} error in plain words otherwise.
     *
     * @param example a valid line, shown in errors
     */
    public static Object jsonValue(Path file, int line, String text, String example) {
        try {
            return JsonText.parseValue(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonText.Failure f = JsonText.plain(e);
            throw Problem.of(DataErrors.BAD_JSON, "bad JSON").file(file).line(line).column(f.column(), null)
                    .found(f.message()).expected("one complete JSON object per line, such as " + example)
                    .fix("correct the line; every object must be on one line, strings in double quotes, no trailing "
                            + "commas, each key once.")
                    .error(e);
        }
    }

    /** The whole text of {@code file}, read as every data file is (see the class comment). */
    public static String text(Path file, String option) {
        return DataText.read(file, option);
    }
}
