package io.rnn4j.data.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON parser setup for data (JSON Lines training files, {@code predict} input): standard JSON
 * only (no NaN, comments or single quotes), a key given twice in one object is an error (which value
 * was meant cannot be known) and trailing text after the value is an error. Its errors are put in plain words
 * ({@link #plain}): the user never reads the parser's own option or class names.
 */
public final class JsonText {
    /** Configured once, never changed (thread-safe once configured). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern TOKEN = Pattern.compile("(?:Unrecognized|Non-standard) token '([^']*)'");
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.+?)' \\(code (\\d+)\\)\\)");
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    private JsonText() {
    }

    /** A parse failure: the 1-based column (0 if unknown) and what is wrong, in plain words. */
    public record Failure(int column, String message) {
    }

    /** Parses one JSON value; throws {@link JsonProcessingException} (turn it into words with {@link #plain}). */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * Parses one JSON value into the plain data model ({@code Map}, {@code List}, {@code String},
     * {@code Number}, {@code Boolean}, {@code null}); throws as {@link #parse}.
     */
    public static Object parseValue(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }

    /** What went wrong in plain words, without the parser's option or class names. */
    public static Failure plain(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher d = DUPLICATE.matcher(m);
        if (d.find()) {
            return new Failure(column, "the key \"" + d.group(1) + "\" twice in one object (which value is meant cannot be known)");
        }
        if (m.startsWith("Trailing token")) {
            return new Failure(column, "more text after the end of the JSON value");
        }
        if (m.contains("end-of-input")) {
            return new Failure(column, "the line ends inside a JSON value (a missing closing bracket, brace or quote)");
        }
        Matcher c = CONTROL.matcher(m);
        if (c.find()) {
            return new Failure(column, "a control character (code " + c.group(1) + ") inside a string; write it escaped, "
                    + "such as \\n or \\t");
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            String tok = t.group(1);
            boolean nonFinite = tok.equals("NaN") || tok.endsWith("Infinity") || tok.equals("INF");
            return new Failure(column, nonFinite ? "the non-finite number " + tok + ", which JSON does not allow"
                    : "the word " + Problem.quote(tok) + ", which is not a JSON value (strings need double quotes)");
        }
        Matcher u = UNEXPECTED.matcher(m);
        if (u.find()) {
            int code = Integer.parseInt(u.group(2));
            String ch = code < 32 ? "the control character " + code : "the character " + u.group(1);
            String rest = m.substring(u.end()).replaceFirst("^:\\s*", "");
            return new Failure(column, ch + " where it does not belong" + (rest.isEmpty() ? "" : " (" + clean(rest) + ")"));
        }
        return new Failure(column, clean(m));
    }

    /** Drops what only the parser's authors understand: option names, class names, source excerpts. */
    static String clean(String m) {
        String s = m.replaceAll("\\s*\\n.*", "")
                .replaceAll("\\s*\\[Source:.*", "")
                .replaceAll(":? *enable `?[A-Za-z]+(Feature)\\.[A-Z_]+`? to allow.*", "")
                .replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
                .replaceAll(",?\\s*not allowed as per `[^`]*`", " not allowed")
                .replaceAll("`?com\\.fasterxml[\\w.$]*`?", "the JSON reader")
                .replaceAll("`?(?:Json|Stream)ReadFeature\\.[A-Z_]+`?", "an option")
                .replaceAll("(a valid value )?\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)",
                        "a JSON value")
                .strip();
        return s.isEmpty() ? "text that is not valid JSON" : s;
    }
}
