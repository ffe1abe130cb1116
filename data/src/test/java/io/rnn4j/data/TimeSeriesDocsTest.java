package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Required;
import io.rnn4j.data.kind.TimeSeriesData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code time_series} options table of {@code data/README.md} matches the spec record's keys and defaults. */
class TimeSeriesDocsTest {

    /** The table's rows: key to default column, in order. */
    private static Map<String, String> table() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("### `type: time_series`")) {
                start = i;
                break;
            }
        }
        assertThat(start).as("the time_series section of data/README.md").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        boolean in = false;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("###"); i++) {
            String l = lines.get(i);
            if (l.startsWith("| key |")) {
                in = true;
                continue;
            }
            if (in && l.startsWith("|---")) {
                continue;
            }
            if (in && !l.startsWith("|")) {
                break;
            }
            if (in) {
                String[] cells = l.split("\\|");
                rows.put(cells[1].strip().replace("`", ""), cells[3].strip());
            }
        }
        return rows;
    }

    private static String key(RecordComponent c) {
        return c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void everyOptionIsDocumentedWithTheDefaultTheCodeUses() throws Exception {
        Map<String, String> doc = table();
        RecordComponent[] comps = TimeSeriesData.class.getRecordComponents();
        assertThat(doc.keySet()).containsExactlyInAnyOrder(java.util.Arrays.stream(comps).map(TimeSeriesDocsTest::key)
                .toArray(String[]::new));
        for (RecordComponent c : comps) {
            String documented = doc.get(key(c));
            Default d = c.getAnnotation(Default.class);
            if (d != null) {
                assertThat(documented).as(key(c)).startsWith("`" + d.value() + "`");
            } else if (c.isAnnotationPresent(Required.class) || c.getType().isPrimitive()) {
                assertThat(documented).as(key(c)).isEqualTo("required");
            } else {
                assertThat(documented).as(key(c)).startsWith("none");
            }
        }
    }
}
