package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.data.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-column normalization statistics, fitted on the training part only, that can be applied to
 * new data and inverted to turn forecasts back into original units.
 *
 * <p>Saved as JSON so that a model archive carries it:
 * <pre>{"format": "rnn4j-normalization", "version": 1,
 *  "columns": [{"column": "passengers", "method": "zscore", "center": 239.9, "scale": 92.1}]}</pre>
 * Instances are immutable.
 */
public final class Normalization {
    private static final String FORMAT = "rnn4j-normalization";
    private final Map<String, ColumnStats> columns;

    /** Statistics for the given columns (distinct names). */
    public Normalization(List<ColumnStats> columns) {
        Map<String, ColumnStats> m = new LinkedHashMap<>();
        for (ColumnStats c : columns) {
            if (m.put(c.column(), c) != null) {
                throw new IllegalArgumentException("column " + c.column() + " has two sets of statistics");
            }
        }
        this.columns = m;
    }

    /** The statistics of every column, in order. */
    public List<ColumnStats> columns() {
        return List.copyOf(columns.values());
    }

    /** The statistics of {@code column}. */
    public ColumnStats column(String column) {
        ColumnStats c = columns.get(column);
        if (c == null) {
            throw new IllegalArgumentException("no normalization statistics for column " + column + "; known: " + columns.keySet());
        }
        return c;
    }

    /** Normalizes a value of {@code column}. */
    public float apply(String column, double x) {
        return (float) column(column).apply(x);
    }

    /** Turns a normalized value of {@code column} back into original units. */
    public float invert(String column, double z) {
        return (float) column(column).invert(z);
    }

    /**
     * Inverts a forecast laid out step-major over {@code targets} (the layout of a time-series
     * window's {@link Target.Values}): element {@code h * targets.size() + k} is target {@code k} at
     * horizon step {@code h}.
     */
    public float[] invert(List<String> targets, float[] forecast) {
        if (forecast.length % targets.size() != 0) {
            throw new IllegalArgumentException("a forecast of " + forecast.length + " values is not a whole number of steps of "
                    + targets.size() + " targets");
        }
        float[] out = new float[forecast.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = invert(targets.get(i % targets.size()), forecast[i]);
        }
        return out;
    }

    /** These statistics as JSON text. */
    public String toJson() {
        ObjectNode n = Json.header(FORMAT);
        ArrayNode a = n.putArray("columns");
        for (ColumnStats c : columns.values()) {
            a.addObject().put("column", c.column()).put("method", c.method().name().toLowerCase(Locale.ROOT))
                    .put("center", c.center()).put("scale", c.scale());
        }
        return Json.write(n);
    }

    /** Reads {@link #toJson()}'s form; {@code source} names the text in error messages. */
    public static Normalization fromJson(String json, String source) {
        JsonNode n = Json.read(json, source, FORMAT, "normalization statistics");
        JsonNode a = n.path("columns");
        if (!a.isArray()) {
            throw Json.corrupt(source, "normalization statistics", "no \"columns\" list", FORMAT).error();
        }
        List<ColumnStats> cols = new ArrayList<>();
        for (JsonNode c : a) {
            try {
                NormalizeMethod m = NormalizeMethod.valueOf(c.path("method").asText().toUpperCase(Locale.ROOT));
                if (!c.path("column").isTextual() || !c.path("center").isNumber() || !c.path("scale").isNumber()) {
                    throw new IllegalArgumentException("missing field");
                }
                cols.add(new ColumnStats(c.get("column").asText(), m, c.get("center").asDouble(), c.get("scale").asDouble()));
            } catch (IllegalArgumentException e) {
                throw Json.corrupt(source, "normalization statistics", "the entry " + c + " (" + e.getMessage() + ")", FORMAT)
                        .error(e);
            }
        }
        try {
            return new Normalization(cols);
        } catch (IllegalArgumentException e) {
            throw Json.corrupt(source, "normalization statistics", e.getMessage(), FORMAT).error(e);
        }
    }

    /** Writes {@link #toJson()} to a UTF-8 file. */
    public void write(Path file) throws IOException {
        Json.writeFile(file, toJson());
    }

    /** Reads a file written by {@link #write(Path)}. */
    public static Normalization read(Path file) {
        return fromJson(Json.readFile(file, "normalization statistics"), file.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "Normalization" + columns.values();
    }
}
