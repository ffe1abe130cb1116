package io.rnn4j.core.data;

import java.util.List;

/**
 * A table that a report asks to be written as CSV next to it (such as errors by horizon step).
 *
 * @param file   the CSV file name in the output directory
 * @param header the column names
 * @param rows   the rows, each with one value per column (numbers or text)
 */
public record Table(String file, List<String> header, List<List<Object>> rows) {
    /** Copies. */
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(r -> List.copyOf(r)).toList();
    }

    /** The table as RFC 4180 CSV with a header row. */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (List<Object> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                String s = v instanceof Double d ? (d.isNaN() ? "" : Double.toString(d)) : String.valueOf(v);
                sb.append(i > 0 ? "," : "").append(s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
