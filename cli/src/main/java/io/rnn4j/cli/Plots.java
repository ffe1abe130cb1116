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

    /** The history of a run: one chart for the losses, one per other metric. */
    static List<Path> history(Path dir, List<Integer> epochs, Map<String, List<Double>> columns) throws IOException {
        double[] x = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> others = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : columns.entrySet()) {
            double[] y = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            String name = e.getKey();
            if (name.equals("loss") || name.equals("val_loss")) {
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
