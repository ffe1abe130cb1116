package io.rnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code forecast_reference.txt} (written by {@code tools/reference/forecast_data_reference.py}). */
final class ForecastReference {
    private static final Map<String, double[]> VALUES = load();

    private ForecastReference() {
    }

    static double[] get(String key) {
        double[] v = VALUES.get(key);
        if (v == null) {
            throw new IllegalStateException("forecast_reference.txt has no " + key);
        }
        return v.clone();
    }

    private static Map<String, double[]> load() {
        try (InputStream in = ForecastReference.class.getResourceAsStream("forecast_reference.txt")) {
            Map<String, double[]> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] t = line.split(" ");
                out.put(t[0], Arrays.stream(t, 1, t.length).mapToDouble(Double::parseDouble).toArray());
            }
            return out;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read forecast_reference.txt", e);
        }
    }
}
