package io.rnn4j.data.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rnn4j.data.DataErrors;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves how the {@code y} of {@code sequences} lines is read, and reads it. */
final class SequenceTargets implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final TargetType type;
    private final boolean inferred;
    private final String firstAt;
    private final boolean named;
    private final LabelSet labels;
    private final int width;

    private SequenceTargets(TargetType type, boolean inferred, String firstAt, boolean named, LabelSet labels, int width) {
        this.type = type;
        this.inferred = inferred;
        this.firstAt = firstAt;
        this.named = named;
        this.labels = labels;
        this.width = width;
    }

    /**
     * Resolves the target type (inferring it from the training file when {@code requested} is
     * {@code AUTO}), the label set (from the whole training file) and the value width. {@code first} is the
     * training file's first line; {@code trainFile} and {@code all} (the training file's lines, then the
     * validation and test files') are iterated at most once each, so they may stream the files.
     */
    static SequenceTargets resolve(TargetType requested, int classes, JsonLines.Line first,
            Iterable<JsonLines.Line> trainFile, Iterable<JsonLines.Line> all) {
        JsonNode y0 = y(first);
        String firstAt = "line " + first.line() + " of " + first.file();
        TargetType type = requested == TargetType.AUTO ? infer(first, y0, trainFile) : requested;
        boolean inferred = requested == TargetType.AUTO;
        if (type == TargetType.CLASS || type == TargetType.STEP_CLASS) {
            JsonNode firstLabel = type == TargetType.CLASS ? y0 : y0.path(0);
            boolean named = firstLabel.isTextual();
            SequenceTargets probe = new SequenceTargets(type, inferred, firstAt, named, null, 1);
            java.util.Set<String> seen = new java.util.TreeSet<>(); // distinct labels: memory grows with classes, not lines
            int maxId = -1;
            for (JsonLines.Line l : all) {
                boolean inTrainFile = l.file().equals(first.file());
                for (JsonNode label : probe.labelNodes(l)) {
                    if (named && inTrainFile) {
                        seen.add(label.asText());
                    } else if (!named) {
                        maxId = Math.max(maxId, label.asInt());
                    }
                }
            }
            LabelSet labels = named ? LabelSet.fromObserved(seen) : LabelSet.indices(classes > 0 ? classes : maxId + 1);
            return new SequenceTargets(type, inferred, firstAt, named, labels, labels.size());
        }
        int width = switch (type) {
            case VECTOR -> y0.isArray() && !y0.isEmpty() ? y0.size() : 1;
            case STEP_VALUE -> y0.isArray() && y0.path(0).isArray() ? Math.max(1, y0.get(0).size()) : 1;
            default -> 1;
        };
        return new SequenceTargets(type, inferred, firstAt, false, null, width);
    }

    /**
     * Targets read with a trained model's {@code schema} ({@code evaluate --data}): the type, labels and width
     * are the model's; nothing is inferred from another file. {@code first} is the file's first line (whether
     * class labels are written as names or ids, and a single value as a number or a list of one).
     */
    static SequenceTargets fitted(TargetType requested, DataSchema schema, JsonLines.Line first) {
        JsonNode y0 = y(first);
        String firstAt = "line " + first.line() + " of " + first.file();
        boolean inferred = requested == TargetType.AUTO;
        TargetType type = switch (schema.targetKind()) {
            case CLASS -> TargetType.CLASS;
            case STEP_CLASSES -> TargetType.STEP_CLASS;
            case STEP_VALUES -> TargetType.STEP_VALUE;
            case VALUES -> requested == TargetType.VALUE || requested == TargetType.VECTOR ? requested
                    : schema.outputSize() == 1 && !y0.isArray() ? TargetType.VALUE : TargetType.VECTOR;
            default -> throw new IllegalStateException("sequences have no " + schema.targetKind() + " targets");
        };
        if (type == TargetType.CLASS || type == TargetType.STEP_CLASS) {
            JsonNode firstLabel = type == TargetType.CLASS ? y0 : y0.path(0);
            LabelSet labels = schema.labels().orElse(LabelSet.indices(schema.outputSize()));
            return new SequenceTargets(type, inferred, firstAt, firstLabel.isTextual(), labels, labels.size());
        }
        return new SequenceTargets(type, inferred, firstAt, false, null, schema.outputSize());
    }

    private static TargetType infer(JsonLines.Line first, JsonNode y0, Iterable<JsonLines.Line> trainFile) {
        if (y0.isTextual()) {
            return TargetType.CLASS;
        }
        if (y0.isNumber()) {
            return inferNumber(trainFile);
        }
        if (y0.isArray() && !y0.isEmpty()) {
            JsonNode e = y0.get(0);
            if (e.isTextual()) {
                return TargetType.STEP_CLASS;
            }
            if (e.isArray()) {
                return TargetType.STEP_VALUE;
            }
            if (e.isNumber()) {
                return TargetType.VECTOR;
            }
        }
        throw Problem.of(DataErrors.WRONG_TYPE, "unreadable target").file(first.file()).line(first.line()).field("y")
                .found(JsonLines.describe(y0))
                .expected("a class label (\"great\" or 2), a number (0.75), a list of numbers, or a list with one label or vector per step")
                .fix("correct y, or set `target` to say how y is meant.").error();
    }

    /**
     * Whole numbers everywhere are class ids, any fraction makes the targets values. A training file whose
     * numbers are nearly all whole and few (at most {@value #AMBIGUOUS_CLASSES} distinct) but for a handful
     * of fractions (under 5 % of the lines) looks like class labels with typos: guessing either way would
     * be wrong in silence, so it is refused with the first fraction's line and both ways out.
     */
    private static TargetType inferNumber(Iterable<JsonLines.Line> trainFile) {
        java.util.Set<String> whole = new java.util.HashSet<>();
        JsonLines.Line firstFraction = null;
        int numbers = 0;
        int fractions = 0;
        for (JsonLines.Line l : trainFile) {
            JsonNode y = l.object().path("y");
            if (!y.isNumber()) {
                continue;
            }
            numbers++;
            if (y.isIntegralNumber()) {
                if (whole.size() <= AMBIGUOUS_CLASSES) {
                    whole.add(y.asText());
                }
            } else {
                fractions++;
                if (firstFraction == null) {
                    firstFraction = l;
                }
            }
        }
        if (fractions == 0) {
            return TargetType.CLASS;
        }
        if (whole.size() <= AMBIGUOUS_CLASSES && fractions * 20L < numbers) {
            throw Problem.of(DataErrors.INCONSISTENT_TARGET, "whole-number targets with a few fractions").file(firstFraction.file())
                    .line(firstFraction.line()).field("y")
                    .found(JsonLines.describe(firstFraction.object().path("y")) + " (" + fractions + " of " + numbers
                            + " targets have a fraction; the others are " + whole.size() + " distinct whole numbers)")
                    .expected("whole-number class ids on every line, or values")
                    .fix("correct the fractional y if the targets are class ids, or set `target: value` if they are "
                            + "values that happen to be mostly whole.").error();
        }
        return TargetType.VALUE;
    }

    /** At most this many distinct whole numbers, with a few fractions among them, are taken as suspect. */
    private static final int AMBIGUOUS_CLASSES = 50;

    /** The resolved type. */
    TargetType type() {
        return type;
    }

    /** The kind of the targets produced. */
    TargetKind kind() {
        return switch (type) {
            case CLASS -> TargetKind.CLASS;
            case VALUE, VECTOR -> TargetKind.VALUES;
            case STEP_CLASS -> TargetKind.STEP_CLASSES;
            case STEP_VALUE -> TargetKind.STEP_VALUES;
            case AUTO -> throw new IllegalStateException("unresolved");
        };
    }

    /** The label set of class targets, or null. */
    LabelSet labels() {
        return labels;
    }

    /** Classes, or values per example or step. */
    int width() {
        return width;
    }

    /** The target of line {@code l}, whose input has {@code steps} steps. */
    Target read(JsonLines.Line l, int steps) {
        JsonNode y = y(l);
        switch (type) {
            case CLASS:
                return new Target.ClassIndex(classOf(l, "y", y));
            case VALUE:
                if (!y.isNumber()) {
                    throw inconsistent(l, "y", y, "a number");
                }
                return new Target.Values(new float[] {SequenceInputs.number(l, "y", y, "a number")});
            case VECTOR:
                return new Target.Values(vector(l, "y", y, "a list of " + width + " numbers"));
            case STEP_CLASS: {
                stepCount(l, y, steps, "a label");
                int[] c = new int[steps];
                for (int t = 0; t < steps; t++) {
                    c[t] = classOf(l, "y[" + t + "]", y.get(t));
                }
                return new Target.StepClasses(c);
            }
            case STEP_VALUE: {
                stepCount(l, y, steps, width == 1 ? "a number" : "a list of " + width + " numbers");
                float[] v = new float[steps * width];
                for (int t = 0; t < steps; t++) {
                    JsonNode e = y.get(t);
                    if (width == 1 && e.isNumber()) {
                        v[t] = SequenceInputs.number(l, "y[" + t + "]", e, "a number");
                    } else {
                        System.arraycopy(vector(l, "y[" + t + "]", e, width == 1 ? "a number" : "a list of " + width + " numbers"),
                                0, v, t * width, width);
                    }
                }
                return new Target.StepValues(v, steps, width);
            }
            default:
                throw new IllegalStateException("unresolved target type");
        }
    }

    private List<JsonNode> labelNodes(JsonLines.Line l) {
        JsonNode y = y(l);
        List<JsonNode> out = new ArrayList<>();
        if (type == TargetType.CLASS) {
            out.add(checkForm(l, "y", y));
        } else {
            if (!y.isArray() || y.isEmpty()) {
                throw inconsistent(l, "y", y, "a list with one label per step");
            }
            for (int t = 0; t < y.size(); t++) {
                out.add(checkForm(l, "y[" + t + "]", y.get(t)));
            }
        }
        return out;
    }

    private JsonNode checkForm(JsonLines.Line l, String field, JsonNode label) {
        boolean ok = named ? label.isTextual() : label.isIntegralNumber() && label.canConvertToInt() && label.asInt() >= 0;
        if (!ok) {
            throw inconsistent(l, field, label, named ? "a string label" : "a whole-number class id >= 0");
        }
        return label;
    }

    private int classOf(JsonLines.Line l, String field, JsonNode label) {
        checkForm(l, field, label);
        int c = labels.index(named ? label.asText() : Integer.toString(label.asInt()));
        if (c < 0) {
            String known = labels.size() <= 20 ? String.join(", ", labels.labels().stream().map(Problem::quote).toList())
                    : labels.size() + " labels";
            throw Problem.of(DataErrors.UNKNOWN_LABEL, "unknown label").file(l.file()).line(l.line()).field(field)
                    .found(JsonLines.describe(label))
                    .expected(named ? "one of the training file's labels: " + known : "a class id in 0.." + (labels.size() - 1)
                            + " (classes: " + labels.size() + ")")
                    .fix(named ? "correct the label, or add examples of it to the training file."
                            : "correct the class id, or raise `classes`.")
                    .error();
        }
        return c;
    }

    private float[] vector(JsonLines.Line l, String field, JsonNode a, String expected) {
        if (!a.isArray() || a.size() != width) {
            throw inconsistent(l, field, a, expected);
        }
        float[] v = new float[width];
        for (int i = 0; i < width; i++) {
            v[i] = SequenceInputs.number(l, field + "[" + i + "]", a.get(i), "a number");
        }
        return v;
    }

    private void stepCount(JsonLines.Line l, JsonNode y, int steps, String each) {
        if (!y.isArray()) {
            throw inconsistent(l, "y", y, "a list with " + each + " per step");
        }
        if (y.size() != steps) {
            throw Problem.of(DataErrors.STEP_MISMATCH, "per-step target of the wrong length").file(l.file()).line(l.line())
                    .field("y").found(y.size() + (y.size() == 1 ? " step" : " steps"))
                    .expected(steps + " steps, one per step of the input")
                    .fix("give y exactly one entry per input step.").error();
        }
    }

    private RuntimeException inconsistent(JsonLines.Line l, String field, JsonNode found, String expected) {
        String how = "target: " + type.name().toLowerCase(Locale.ROOT) + (inferred ? ", inferred from " + firstAt : "");
        return Problem.of(DataErrors.INCONSISTENT_TARGET, "inconsistent target").file(l.file()).line(l.line()).field(field)
                .found(JsonLines.describe(found)).expected(expected + " (" + how + ")")
                .fix("give every line a y of the same kind" + (inferred ? ", or set `target` to say how y is meant." : "."))
                .error();
    }

    private static JsonNode y(JsonLines.Line l) {
        JsonNode y = l.object().get("y");
        if (y == null) {
            throw Problem.of(DataErrors.MISSING_FIELD, "missing field").file(l.file()).line(l.line()).field("y")
                    .found("no \"y\"").expected("a target \"y\": a class label, a number, a list of numbers, or one entry per step")
                    .fix("add y to every line, for example " + SequenceInputs.EXAMPLE + ".").error();
        }
        return y;
    }
}
