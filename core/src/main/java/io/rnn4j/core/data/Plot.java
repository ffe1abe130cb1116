package io.rnn4j.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plot that a report asks for: lines over a shared x axis, or panels on a time axis.
 *
 * @param file   the PNG file name in the output directory ({@code forecast.png})
 * @param title  the plot's title
 * @param series named series over the same x axis (0, 1, 2, ...), in legend order (empty with panels)
 * @param panels panels stacked in one figure, each on its own time axis (empty for a line plot)
 */
public record Plot(String file, String title, Map<String, double[]> series, List<Panel> panels) {
    /** Copies the series map, keeping its order, and the panels. */
    public Plot {
        series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
        panels = List.copyOf(panels);
    }

    /** A line plot. */
    public Plot(String file, String title, Map<String, double[]> series) {
        this(file, title, series, List.of());
    }

    /**
     * One panel on a time axis: lines, and a shaded band (an interval) between {@code lower} and {@code upper}.
     *
     * @param title     the panel's title (such as the target's name)
     * @param times     the x values as the data writes them (dates are drawn on a date axis)
     * @param series    named lines over {@code times} (NaN points are skipped)
     * @param bandName  the band's legend name
     * @param lower     the band's lower edge (empty for no band)
     * @param upper     the band's upper edge (empty for no band)
     */
    public record Panel(String title, List<String> times, Map<String, double[]> series, String bandName, double[] lower,
            double[] upper) {
        /** Copies. */
        public Panel {
            times = List.copyOf(times);
            series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
        }
    }
}
