package io.rnn4j.data.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.data.DataErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines file: one JSON object per line, blank lines skipped. */
public final class JsonLines {
    /** Strict: trailing text after the object on a line is an error. Configured once, never changed. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One parsed line. */
    public record Line(Path file, int line, JsonNode object) {
    }

    private JsonLines() {
    }

    /** Every non-blank line of {@code file}, parsed; {@code example} is a valid line to show in errors. */
    public static List<Line> read(Path file, String option, String example) {
        TextFiles.requireFile(file, option);
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = TextFiles.reader(file)) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                out.add(new Line(file, line, parse(file, line, text, example)));
            }
        } catch (IOException e) {
            throw TextFiles.readFailed(file, e);
        }
        if (out.isEmpty()) {
            throw Problem.of(DataErrors.EMPTY, "empty file").file(file).found("no JSON lines")
                    .expected("one JSON object per line, such as " + example)
                    .fix("check that `" + option + "` names the right file.").error();
        }
        return out;
    }

    private static JsonNode parse(Path file, int line, String text, String example) {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int column = loc == null ? 0 : loc.getColumnNr();
            throw Problem.of(DataErrors.BAD_JSON, "bad JSON").file(file).line(line).column(Math.max(column, 0), null)
                    .found("text that is not valid JSON (" + e.getOriginalMessage().replace('\n', ' ') + ")")
                    .expected("one complete JSON object per line, such as " + example)
                    .fix("correct the line; every object must be on one line, strings in double quotes, no trailing commas.")
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
