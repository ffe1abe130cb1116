package io.rnn4j.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void writesOneKeyPerLineInMapOrderWithNumbersAndBooleansUnquoted() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "rnn4j-model");
        m.put("format_version", 1);
        m.put("seed", 42L);
        m.put("resumable", true);

        assertThat(FlatJson.write(m)).isEqualTo("""
                {
                  "format": "rnn4j-model",
                  "format_version": 1,
                  "seed": 42,
                  "resumable": true
                }
                """);
    }

    @Test
    void writesAnEmptyObject() {
        assertThat(FlatJson.write(Map.of())).isEqualTo("{\n}\n");
        assertThat(FlatJson.read(FlatJson.write(Map.of()))).isEmpty();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersAndReadsThemBack() {
        String nasty = "C:\\data\\\"train\".csv\n\ttab\u0001 é \u2028 \uD83D\uDE00";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path \"x\"", nasty);

        String json = FlatJson.write(m);

        assertThat(json).contains("\\\"train\\\"", "\\\\data", "\\n", "\\t", "\\u0001", "é");
        assertThat(FlatJson.read(json)).containsExactly(Map.entry("path \"x\"", nasty));
    }

    @Test
    void readsAnyScalarJsonWithEveryEscapeKeepingNumbersAsWritten() {
        String json = "{\"a\":\"\\u00e9\\/\\b\\f\\r\",\"n\":-12.5e+3,\"z\":0,\"t\":true,\"f\":false,\"gone\":null}";

        assertThat(FlatJson.read(json)).containsExactly(Map.entry("a", "é/\b\f\r"), Map.entry("n", "-12.5e+3"),
                Map.entry("z", "0"), Map.entry("t", "true"), Map.entry("f", "false"));
    }

    @Test
    void refusesNestedValuesNamingTheLineAndColumn() {
        assertThatThrownBy(() -> FlatJson.read("{\n  \"a\": {\"b\": 1}\n}"))
                .hasMessage("nested objects and arrays are not part of this format; values are strings, numbers or "
                        + "booleans at line 2, column 8");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": [1]}")).hasMessageStartingWith("nested objects and arrays");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"1\",\n \"a\": \"2\"}"))
                .hasMessage("duplicate key \"a\" at line 2, column 2");
    }

    @Test
    void refusesBrokenDocuments() {
        assertThatThrownBy(() -> FlatJson.read("")).hasMessage("unexpected end of the text at line 1, column 1");
        assertThatThrownBy(() -> FlatJson.read("[]")).hasMessage("expected '{' at line 1, column 1");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"x}")).hasMessage("unterminated string at line 1, column 10");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"x\" \"b\"}")).hasMessage("expected ',' or '}' at line 1, column 11");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"\\q\"}")).hasMessage("invalid escape \\q at line 1, column 8");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"\\u12g4\"}")).hasMessage("invalid \\u escape at line 1, column 10");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": 012}"))
                .hasMessage("expected a value (a string, number, true, false or null) at line 1, column 7");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": 1.}")).hasMessage("expected digits after the decimal point at line 1, column 9");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"x\"} x")).hasMessage("unexpected content after the object at line 1, column 12");
        assertThatThrownBy(() -> FlatJson.read("{a: 1}")).hasMessage("expected a quoted key at line 1, column 2");
        assertThatThrownBy(() -> FlatJson.read("{\"a\": \"line\nbreak\"}"))
                .hasMessage("control character in a string (escape it) at line 1, column 12");
    }

    @Test
    void refusesValuesItCannotWrite() {
        assertThatThrownBy(() -> FlatJson.write(Map.of("x", 1.5)))
                .hasMessage("flat JSON holds strings, integers and booleans; 'x' is Double");
    }
}
