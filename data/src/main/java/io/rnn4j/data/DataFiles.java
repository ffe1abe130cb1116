package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.rnn4j.data.internal.DataText;
import io.rnn4j.data.internal.JsonLines;
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

    /** The whole text of {@code file}, read as every data file is (see the class comment). */
    public static String text(Path file, String option) {
        return DataText.read(file, option);
    }
}
