package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.RecordException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one user record (the plain JSON data model, see
 * {@link io.rnn4j.core.spi.DataPipeline}) with the checks every encoder makes: no missing or unknown
 * field, values of the right type, every step the model's number of features, finite float32 values.
 * Messages say what was expected and what was found; the caller adds the file and line.
 */
final class Records {
    private Records() {
    }

    /** Refuses a record with a field other than {@code allowed}; {@code example} shows a good record. */
    static void onlyFields(Map<String, Object> record, Set<String> allowed, String example) {
        for (String k : record.keySet()) {
            if (!allowed.contains(k)) {
                throw new RecordException("unknown field \"" + k + "\": this model takes " + fieldList(allowed)
                        + ", for example " + example + ". Remove the field.");
            }
        }
    }

    private static String fieldList(Set<String> allowed) {
        return allowed.size() == 1 ? "only \"" + allowed.iterator().next() + "\""
                : "the fields " + String.join(", ", allowed.stream().map(a -> "\"" + a + "\"").toList());
    }

    /** The field {@code name}, which must be present. */
    static Object required(Map<String, Object> record, String name, String example) {
        if (!record.containsKey(name) || record.get(name) == null) {
            throw new RecordException("missing field \"" + name + "\"" + (record.isEmpty() ? " (the object is empty)"
                    : "; found " + String.join(", ", record.keySet().stream().map(k -> "\"" + k + "\"").toList()))
                    + ". Give it, for example " + example + ".");
        }
        return record.get(name);
    }

    /** A text field: must be a JSON string. */
    static String text(Map<String, Object> record, String name, String example) {
        Object v = required(record, name, example);
        if (!(v instanceof String s)) {
            throw new RecordException("\"" + name + "\" must be a string, found " + describe(v) + ". Write it in quotes, "
                    + "for example " + example + ".");
        }
        return s;
    }

    /**
     * A sequence of {@code width} features per step: {@code [[f, ...], ...]}, or {@code [f, f, ...]} when the
     * model takes one feature per step. Returns a {@code [steps, width]} tensor.
     */
    static Tensor features(Map<String, Object> record, String name, int width, String example) {
        Object v = required(record, name, example);
        if (!(v instanceof List<?> steps) || steps.isEmpty()) {
            throw new RecordException("\"" + name + "\" must be a non-empty list of steps, found " + describe(v)
                    + "; this model takes " + width + (width == 1 ? " feature" : " features") + " per step, for example "
                    + example + ".");
        }
        float[] out = new float[steps.size() * width];
        for (int t = 0; t < steps.size(); t++) {
            Object step = steps.get(t);
            if (step instanceof List<?> values) {
                if (values.size() != width) {
                    throw new RecordException("\"" + name + "\"[" + t + "] has " + values.size()
                            + (values.size() == 1 ? " feature" : " features") + ", but this model takes " + width
                            + " per step (expected shape [" + steps.size() + ", " + width + "], found a step of "
                            + values.size() + "). Give every step exactly " + width + " numbers.");
                }
                for (int k = 0; k < width; k++) {
                    out[t * width + k] = number(values.get(k), name + "[" + t + "][" + k + "]");
                }
            } else if (width == 1) {
                out[t] = number(step, name + "[" + t + "]");
            } else {
                throw new RecordException("\"" + name + "\"[" + t + "] is " + describe(step) + ", but this model takes "
                        + width + " features per step (expected shape [" + steps.size() + ", " + width + "]). Give every "
                        + "step as a list of " + width + " numbers.");
            }
        }
        return Tensor.of(out, steps.size(), width);
    }

    /** A list of token ids below {@code vocabulary}. Returns a {@code [steps]} tensor. */
    static Tensor tokens(Map<String, Object> record, String name, int vocabulary, String example) {
        Object v = required(record, name, example);
        if (!(v instanceof List<?> ids) || ids.isEmpty()) {
            throw new RecordException("\"" + name + "\" must be a non-empty list of token ids, found " + describe(v)
                    + ", for example " + example + ".");
        }
        float[] out = new float[ids.size()];
        for (int t = 0; t < ids.size(); t++) {
            Object id = ids.get(t);
            if (!(id instanceof Integer || id instanceof Long) || ((Number) id).longValue() < 0
                    || ((Number) id).longValue() >= vocabulary) {
                throw new RecordException("\"" + name + "\"[" + t + "] is " + describe(id) + ", but token ids are whole "
                        + "numbers from 0 to " + (vocabulary - 1) + " for this model. Use ids of its vocabulary.");
            }
            out[t] = ((Number) id).intValue();
        }
        return Tensor.of(out, ids.size());
    }

    /** A finite number within the float32 range. */
    static float number(Object v, String where) {
        if (!(v instanceof Number n)) {
            throw new RecordException(where + " must be a number, found " + describe(v) + ".");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || Math.abs(d) > Float.MAX_VALUE) {
            throw new RecordException(where + " is " + n + ", outside the range of 32-bit floats (about +-3.4e38) that "
                    + "models compute in. Scale the value down.");
        }
        return (float) d;
    }

    /** Words for a JSON value in messages. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Number n) {
            return "the number " + n;
        }
        if (v instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        return "an object";
    }
}
