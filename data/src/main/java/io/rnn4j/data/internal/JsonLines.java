package io.rnn4j.data.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rnn4j.data.DataErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines file: one JSON object per line, blank lines skipped. */
public final class JsonLines {
    /** One parsed line. */
    public record Line(Path file, int line, JsonNode object) {
    }

    private JsonLines() {
    }

    /**
     * Every non-blank line of {@code file}, parsed (read as {@link DataText} reads every data file, parsed
     * as {@link JsonText} parses all JSON); {@code example} is a valid line to show in errors. An empty
     * file is an {@code EMPTY} error.
     */
    public static List<Line> read(Path file, String option, String example) {
        List<Line> out = readAllowingEmpty(file, option, example);
        if (out.isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "empty file").file(file).found("no JSON lines")
                    .expected("one JSON object per line, such as " + example)
                    .fix("check that `" + option + "` names the right file.").error();
        }
        return out;
    }

    /** As {@link #read}, but an empty file gives an empty list (the caller says what that means). */
    public static List<Line> readAllowingEmpty(Path file, String option, String example) {
        List<String> lines = DataText.lines(DataText.read(file, option));
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            out.add(new Line(file, i + 1, parse(file, i + 1, text, example)));
        }
        return out;
    }

    /** One line parsed as a JSON object, or a located {@code BAD_JSON} error. */
    public static JsonNode parse(Path file, int line, String text, String example) {
        JsonNode n;
        try {
            n = JsonText.parse(text);
        } catch (JsonProcessingException e) {
            JsonText.Failure f = JsonText.plain(e);
            throw Problem.of(DataErrors.BAD_JSON, "bad JSON").file(file).line(line).column(f.column(), null)
                    .found(f.message())
                    .expected("one complete JSON object per line, such as " + example)
                    .fix("correct the line; every object must be on one line, strings in double quotes, no trailing "
                            + "commas, each key once.")
                    .error(e);
        }
        if (n == null || !n.isObject()) {
            throw Problem.of(DataErrors.BAD_JSON, "bad JSON").file(file).line(line)
                    .found(describe(n)).expected("a JSON object, such as " + example)
                    .fix("write one object per line (JSON Lines), not a JSON array of objects or bare values.").error();
        }
        return n;
    }

    /** A short description of a JSON value for messages: {@code "abc" (a string)}, {@code a list of 3 values}. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return Problem.quote(n.asText()) + " (a string)";
        }
        if (n.isNumber()) {
            return n.toString() + " (a number)";
        }
        if (n.isBoolean()) {
            return n.toString() + " (a boolean)";
        }
        if (n.isArray()) {
            return n.isEmpty() ? "an empty list" : "a list of " + n.size() + (n.size() == 1 ? " value" : " values");
        }
        return "an object";
    }
}
