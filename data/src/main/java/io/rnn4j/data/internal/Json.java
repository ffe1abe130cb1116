package io.rnn4j.data.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.data.DataErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing the small JSON files (vocabulary, labels, normalization) the data module saves. */
public final class Json {
    /** Configured once, never changed afterwards (ObjectMapper is thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A new object with {@code format} and {@code version} set. */
    public static ObjectNode header(String format) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", format);
        n.put("version", 1);
        return n;
    }

    /** Pretty JSON text with a final newline. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Parses {@code json} and checks its {@code format} and {@code version}; {@code source} names it in errors. */
    public static JsonNode read(String json, String source, String format, String what) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw corrupt(source, what, "invalid JSON (" + e.getOriginalMessage() + ")", format).error(e);
        }
        if (n == null || !n.isObject()) {
            throw corrupt(source, what, "no JSON object", format).error();
        }
        if (!format.equals(n.path("format").asText())) {
            throw corrupt(source, what, "format " + Problem.quote(n.path("format").asText("")), format).error();
        }
        if (n.path("version").asInt(-1) != 1) {
            throw corrupt(source, what, "version " + n.path("version"), format).error();
        }
        return n;
    }

    /** A {@code CORRUPT_METADATA} problem. */
    public static Problem corrupt(String source, String what, String found, String format) {
        return Problem.of(DataErrors.CORRUPT_METADATA, "unreadable " + what).file(source)
                .found(found).expected("a JSON object with \"format\": \"" + format + "\" and \"version\": 1")
                .fix("write it with rnn4j's own writer, or take it from the model archive it came with.");
    }

    /** Reads a UTF-8 file. */
    public static String readFile(Path path, String what) {
        if (!Files.isRegularFile(path)) {
            throw Problem.of(DataErrors.FILE_NOT_FOUND, what + " file not found").file(path)
                    .fix("check the path.").error();
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Problem.of(DataErrors.READ_FAILED, "cannot read " + what).file(path)
                    .found(e.toString()).expected("a readable UTF-8 file").fix("check the file's permissions and encoding.").error(e);
        }
    }

    /** Writes a UTF-8 file. */
    public static void writeFile(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}
