package io.rnn4j.core.archive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for the archive's small metadata entries ({@code manifest.json}, {@code provenance.json}): one
 * object whose values are strings, integers or booleans, no nesting. Core has no JSON library and
 * needs no more; the entries stay JSON (not properties text) so that any tool, a Python one-liner or
 * {@code jq}, reads them.
 *
 * <p>The writer puts one key per line, in the map's order. The reader accepts any valid JSON object of
 * scalars (strings with every escape, numbers, booleans; {@code null} values are dropped) and returns
 * each value as text (a number as written); it refuses nested objects and arrays, duplicate keys and
 * trailing content, naming the line and column.
 */
final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * The JSON text of a flat map.
     *
     * @throws IllegalArgumentException for a value that is not a String, Integer, Long or Boolean
     */
    static String write(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            sb.append("  ");
            quote(sb, e.getKey());
            sb.append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                quote(sb, s);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
                sb.append(v);
            } else {
                throw new IllegalArgumentException("flat JSON holds strings, integers and booleans; '" + e.getKey()
                        + "' is " + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            sb.append(++i < map.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Parses a flat JSON object.
     *
     * @return the keys in document order, each value as text
     * @throws IllegalArgumentException saying what is wrong and where (line and column)
     */
    static Map<String, String> read(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, String> out = p.object();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected content after the object");
        }
        return out;
    }

    private Map<String, String> object() {
        skipSpace();
        expect('{');
        Map<String, String> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            String value = value();
            if (out.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            if (value != null) {
                out.put(key, value);
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw error("nested objects and arrays are not part of this format; values are strings, numbers or booleans");
        }
        if (text.startsWith("true", pos) || text.startsWith("false", pos)) {
            String v = text.startsWith("true", pos) ? "true" : "false";
            pos += v.length();
            return v;
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        int start = pos;
        if (c == '-') {
            pos++;
        }
        int digits = digits();
        if (digits == 0 || (digits > 1 && text.charAt(pos - digits) == '0')) {
            pos = start;
            throw error("expected a value (a string, number, true, false or null)");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (digits() == 0) {
                throw error("expected digits after the decimal point");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("expected digits in the exponent");
            }
        }
        return text.substring(start, pos);
    }

    private int digits() {
        int n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string (escape it)");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(text.charAt(pos + k), 16);
                        if (d < 0) {
                            throw error("invalid \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    pos += 4;
                }
                default -> {
                    pos -= 2;
                    throw error("invalid escape \\" + e);
                }
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of the text");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException(what + " at line " + line + ", column " + col);
    }
}
