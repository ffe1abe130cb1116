package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import io.rnn4j.data.internal.Json;

/**
 * What a time series pipeline fitted on the training part and a model must keep: the transform of each
 * series column (Box-Cox's lambda) and the normalization. Loading data with a stored fit
 * ({@code evaluate --data}, {@code evaluate --split}) re-fits nothing, so the same windows give the
 * same inputs and the same figures as at training time.
 *
 * @param transforms    the transform of each series column, by name
 * @param normalization the normalization of every column
 */
public record SeriesFit(Map<String, ValueTransform> transforms, Normalization normalization) {
    /** Copies. */
    public SeriesFit {
        transforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transforms));
        Objects.requireNonNull(normalization, "normalization");
    }

    private static final String FORMAT = "rnn4j-transforms";

    /** The transforms as JSON: {@code {"format": "rnn4j-transforms", "columns": {"y": {"kind": "box_cox", "lambda": 0.1}}}}. */
    public String transformsJson() {
        ObjectNode root = Json.header(FORMAT);
        ObjectNode cols = root.putObject("columns");
        transforms.forEach((k, v) -> {
            ObjectNode c = cols.putObject(k);
            c.put("kind", v.kind().id());
            if (v.kind() == SeriesTransform.BOX_COX) {
                c.put("lambda", v.lambda());
            }
        });
        return Json.write(root);
    }

    /**
     * Transforms from {@link #transformsJson()}.
     *
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-DATA-015} naming {@code source} if the text is not such JSON
     */
    public static Map<String, ValueTransform> transformsFromJson(String json, String source) {
        JsonNode root = Json.read(json, source, FORMAT, "series transforms");
        Map<String, ValueTransform> out = new LinkedHashMap<>();
        var it = root.path("columns").fields();
        while (it.hasNext()) {
            var e = it.next();
            try {
                SeriesTransform kind = SeriesTransform.valueOf(e.getValue().path("kind").asText().toUpperCase(Locale.ROOT));
                out.put(e.getKey(), kind == SeriesTransform.BOX_COX
                        ? ValueTransform.boxCox(e.getValue().path("lambda").asDouble(Double.NaN)) : ValueTransform.of(kind));
            } catch (IllegalArgumentException ex) {
                throw Json.corrupt(source, "series transforms", "the entry " + e.getKey() + ": " + e.getValue() + " ("
                        + ex.getMessage() + ")", FORMAT).error(ex);
            }
        }
        return out;
    }
}
