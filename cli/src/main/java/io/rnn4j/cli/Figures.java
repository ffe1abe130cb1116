package io.rnn4j.cli;

import io.rnn4j.core.data.TaskReport;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A task report's figures for display and {@code report.json}: each record component that is a number, a
 * string, a boolean or an enum, under its snake_case name, in declaration order (arrays, which are there
 * for plots, are left out).
 */
final class Figures {
    private Figures() {
    }

    static Map<String, Object> of(TaskReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (report == null) {
            return out;
        }
        if (!report.getClass().isRecord()) {
            out.put("split", report.split().toString());
            return out;
        }
        for (RecordComponent c : report.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(report);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
            if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                out.put(snake(c.getName()), v);
            } else if (v instanceof Enum<?> || v instanceof io.rnn4j.core.train.Split) {
                out.put(snake(c.getName()), v.toString());
            }
        }
        return out;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A figure as printed: 4 decimals (3 significant digits for small values). */
    static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, Math.abs(d) < 1e-3 && d != 0 ? "%.3g" : "%.4f", d);
        }
        return String.valueOf(v);
    }
}
