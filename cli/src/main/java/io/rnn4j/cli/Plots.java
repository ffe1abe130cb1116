package io.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a run, drawn with XChart (headless). */
final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * One line per series against a shared x axis.
     *
     * @param file   the PNG to write
     * @param title  the chart title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param x      the x values
     * @param series the y values by name (NaN points are skipped)
     */
    static void lines(Path file, String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setMarkerSize(4);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[][] clean = withoutNaN(x, e.getValue());
            if (clean[0].length > 0) {
                chart.addSeries(e.getKey(), clean[0], clean[1]).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        BitmapEncoder.saveBitmap(chart, stripPng(file), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Panels stacked in one PNG, each on a time axis (a date axis when every time value is a date): its
     * lines, and its band (an interval) shaded between the lower and the upper edge.
     */
    static void panels(Path file, String title, List<io.rnn4j.core.data.Plot.Panel> panels) throws IOException {
        List<XYChart> charts = new java.util.ArrayList<>();
        for (io.rnn4j.core.data.Plot.Panel p : panels) {
            XYChart chart = new XYChartBuilder().width(1000).height(380).title(panels.size() == 1 ? title + ": " + p.title()
                    : p.title()).xAxisTitle("time").yAxisTitle(p.title()).build();
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            List<java.util.Date> dates = dates(p.times());
            List<?> x = dates != null ? dates : indices(p.times().size());
            if (dates != null) {
                chart.getStyler().setDatePattern("yyyy-MM-dd");
            }
            if (p.lower().length > 0) {
                // the band: the upper edge filled, the lower edge filled with the background over it
                java.awt.Color band = new java.awt.Color(180, 200, 240);
                org.knowm.xchart.XYSeries up = chart.addSeries(p.bandName(), x, list(p.upper()));
                up.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Area);
                up.setFillColor(band);
                up.setLineColor(band);
                up.setMarker(SeriesMarkers.NONE);
                org.knowm.xchart.XYSeries low = chart.addSeries(" ", x, list(p.lower()));
                low.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Area);
                low.setFillColor(java.awt.Color.WHITE);
                low.setLineColor(band);
                low.setMarker(SeriesMarkers.NONE);
                low.setShowInLegend(false);
            }
            for (Map.Entry<String, double[]> e : p.series().entrySet()) {
                chart.addSeries(e.getKey(), x, list(e.getValue())).setMarker(SeriesMarkers.NONE);
            }
            charts.add(chart);
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, stripPng(file), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new java.util.ArrayList<>(v.length);
        for (double d : v) {
            out.add(Double.isFinite(d) ? d : null);
        }
        return out;
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** The times as dates, or null if one of them is not a date ({@code YYYY-MM-DD} or {@code YYYY-MM}). */
    private static List<java.util.Date> dates(List<String> times) {
        List<java.util.Date> out = new java.util.ArrayList<>();
        for (String t : times) {
            java.time.LocalDate d;
            try {
                d = t.length() == 7 ? java.time.YearMonth.parse(t).atDay(1) : java.time.LocalDate.parse(t.length() > 10
                        ? t.substring(0, 10) : t);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
            out.add(java.util.Date.from(d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        }
        return out.isEmpty() ? null : out;
    }

    /** The history of a run: one chart for the losses, one per other metric. */
    static List<Path> history(Path dir, List<Integer> epochs, Map<String, List<Double>> columns) throws IOException {
        double[] x = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> others = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : columns.entrySet()) {
            double[] y = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            String name = e.getKey();
            if (name.equals("loss") || name.startsWith("val_loss")) { // val_loss_normalized: a forecaster's
                losses.put(name, y);
            } else if (!name.equals("lr") && !name.equals("seconds")) {
                String base = name.startsWith("val_") ? name.substring(4) : name;
                others.computeIfAbsent(base, k -> new LinkedHashMap<>()).put(name, y);
            }
        }
        List<Path> files = new java.util.ArrayList<>();
        Path lossFile = dir.resolve("loss.png");
        lines(lossFile, "loss per epoch", "epoch", "loss", x, losses);
        files.add(lossFile);
        for (Map.Entry<String, Map<String, double[]>> e : others.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".png");
            lines(f, e.getKey() + " per epoch", "epoch", e.getKey(), x, e.getValue());
            files.add(f);
        }
        return files;
    }

    private static double[][] withoutNaN(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isNaN(y[i])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int j = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isNaN(y[i])) {
                out[0][j] = x[i];
                out[1][j++] = y[i];
            }
        }
        return out;
    }

    private static String stripPng(Path file) {
        String s = file.toString();
        return s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}
