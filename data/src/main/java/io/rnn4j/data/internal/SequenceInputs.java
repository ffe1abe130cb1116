package io.rnn4j.data.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;

/**
 * Reads the {@code x} or {@code tokens} field of {@code sequences} lines, checking that every line has
 * the same input kind and width as the first one.
 */
final class SequenceInputs {
    static final String EXAMPLE = "{\"x\": [[0.5, 1.0], [0.25, 2.0]], \"y\": 1}";
    private final int vocabSize;
    private InputKind kind;
    private int width;
    private String firstAt;
    private int maxToken = -1;

    SequenceInputs(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    /** The largest token id seen, or -1. */
    int maxToken() {
        return maxToken;
    }

    /** Features per step of every line. */
    int width() {
        return width;
    }

    /** The input kind of every line. */
    InputKind kind() {
        return kind;
    }

    Input read(JsonLines.Line l) {
        JsonNode o = l.object();
        boolean hasX = o.has("x");
        boolean hasTokens = o.has("tokens");
        if (hasX == hasTokens) {
            Problem p = Problem.of(hasX ? DataErrors.WRONG_TYPE : DataErrors.MISSING_FIELD,
                    hasX ? "both inputs given" : "missing field").file(l.file()).line(l.line());
            throw (hasX ? p.field("tokens").found("both \"x\" and \"tokens\"")
                    : p.field("x").found(fieldNames(o)))
                    .expected("either \"x\" (a list of steps, each a list of numbers or a number) or \"tokens\" (a list of token ids)")
                    .fix("give each line one input field, for example " + EXAMPLE + " or {\"tokens\": [5, 9, 2], \"y\": 0}.")
                    .error();
        }
        Input in = hasX ? features(l, o.get("x")) : tokens(l, o.get("tokens"));
        check(l, in);
        return in;
    }

    private void check(JsonLines.Line l, Input in) {
        if (kind == null) {
            kind = in.kind();
            width = in.width();
            firstAt = "line " + l.line() + " of " + l.file();
            return;
        }
        if (kind != in.kind()) {
            throw Problem.of(DataErrors.WRONG_TYPE, "mixed input kinds").file(l.file()).line(l.line())
                    .field(in.kind() == InputKind.TOKENS ? "tokens" : "x")
                    .found(in.kind() == InputKind.TOKENS ? "token ids (\"tokens\")" : "features (\"x\")")
                    .expected((kind == InputKind.TOKENS ? "token ids (\"tokens\")" : "features (\"x\")") + " as on " + firstAt)
                    .fix("use one input field throughout the data set.").error();
        }
        if (width != in.width()) {
            throw Problem.of(DataErrors.RAGGED, "ragged x").file(l.file()).line(l.line()).field("x")
                    .found(in.width() + " features per step").expected(width + " features per step as on " + firstAt)
                    .fix("give every step of every line the same number of features; pad missing features yourself.").error();
        }
    }

    private static String fieldNames(JsonNode o) {
        StringBuilder sb = new StringBuilder();
        o.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(Problem.quote(n)));
        return sb.length() == 0 ? "an object with no fields" : "only the fields " + sb;
    }

    private static Input features(JsonLines.Line l, JsonNode x) {
        if (!x.isArray() || x.isEmpty()) {
            throw wrongType(l, "x", x, "a non-empty list of steps, each a list of numbers ([[0.5, 1.0], [0.25, 2.0]]) or a number ([0.5, 0.25])");
        }
        if (!x.get(0).isArray()) {
            float[] v = new float[x.size()];
            for (int t = 0; t < x.size(); t++) {
                v[t] = number(l, "x[" + t + "]", x.get(t), "a number, like the other steps of this flat list");
            }
            return new Input.Features(v, v.length, 1);
        }
        int w = x.get(0).size();
        if (w == 0) {
            throw wrongType(l, "x[0]", x.get(0), "a non-empty list of numbers (the features of step 0)");
        }
        float[] v = new float[x.size() * w];
        for (int t = 0; t < x.size(); t++) {
            JsonNode step = x.get(t);
            if (!step.isArray()) {
                throw wrongType(l, "x[" + t + "]", step, "a list of " + w + " numbers, like x[0]");
            }
            if (step.size() != w) {
                throw Problem.of(DataErrors.RAGGED, "ragged x").file(l.file()).line(l.line()).field("x[" + t + "]")
                        .found(step.size() + (step.size() == 1 ? " feature" : " features"))
                        .expected(w + " features, as in x[0]")
                        .fix("give every step of a sequence the same number of features.").error();
            }
            for (int f = 0; f < w; f++) {
                v[t * w + f] = number(l, "x[" + t + "][" + f + "]", step.get(f), "a number");
            }
        }
        return new Input.Features(v, x.size(), w);
    }

    private Input tokens(JsonLines.Line l, JsonNode a) {
        if (!a.isArray() || a.isEmpty()) {
            throw wrongType(l, "tokens", a, "a non-empty list of token ids, such as [5, 9, 2]");
        }
        int[] ids = new int[a.size()];
        for (int t = 0; t < ids.length; t++) {
            JsonNode n = a.get(t);
            boolean ok = n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 0 && (vocabSize == 0 || n.asInt() < vocabSize);
            if (!ok) {
                String range = vocabSize == 0 ? "a whole number >= 0" : "a whole number in 0.." + (vocabSize - 1) + " (vocab_size " + vocabSize + ")";
                throw Problem.of(DataErrors.BAD_TOKEN_ID, "bad token id").file(l.file()).line(l.line()).field("tokens[" + t + "]")
                        .found(JsonLines.describe(n)).expected(range)
                        .fix(vocabSize == 0 ? "write token ids as whole numbers; map words to ids before writing the file, or use type: text_classification for raw text."
                                : "raise `vocab_size` or correct the id.")
                        .error();
            }
            ids[t] = n.asInt();
            maxToken = Math.max(maxToken, ids[t]);
        }
        return new Input.Tokens(ids);
    }

    static float number(JsonLines.Line l, String field, JsonNode n, String expected) {
        if (!n.isNumber()) {
            throw wrongType(l, field, n, expected);
        }
        double d = n.asDouble();
        if (!Double.isFinite(d) || Numbers.float32Problem(d) != null) {
            throw Problem.of(DataErrors.BAD_NUMBER, "number out of range").file(l.file()).line(l.line()).field(field)
                    .found(n.toString() + " (beyond the float32 range)").expected(Numbers.FLOAT32_EXPECTED)
                    .fix("rescale the data (for example to thousands or millions).").error();
        }
        return (float) d;
    }

    static RuntimeException wrongType(JsonLines.Line l, String field, JsonNode found, String expected) {
        return Problem.of(DataErrors.WRONG_TYPE, "wrong type").file(l.file()).line(l.line()).field(field)
                .found(JsonLines.describe(found)).expected(expected)
                .fix("correct the value; a valid line looks like " + EXAMPLE + ".").error();
    }
}
