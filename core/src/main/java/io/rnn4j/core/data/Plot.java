package io.rnn4j.core.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A line plot that a report asks for.
 *
 * @param file   the PNG file name in the output directory ({@code forecast.png})
 * @param title  the plot's title
 * @param series named series over the same x axis (0, 1, 2, ...), in legend order
 */
public record Plot(String file, String title, Map<String, double[]> series) {
    /** Copies the series map, keeping its order. */
    public Plot {
        series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
    }
}
