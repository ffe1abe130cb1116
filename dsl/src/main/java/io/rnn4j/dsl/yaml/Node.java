package io.rnn4j.dsl.yaml;

import io.rnn4j.core.diag.SourceLocation;
import java.util.List;
import java.util.Map;

/** A YAML value with the location it came from: a mapping, a sequence or a scalar. */
public sealed interface Node permits Node.MapNode, Node.SeqNode, Node.Scalar {

    /** Where the value starts. */
    SourceLocation location();

    /** Words for the kind of value, for messages ("a mapping", "a list", "the string 'abc'"). */
    String describe();

    /**
     * The same tree with every location replaced by {@code at}: for values that were not written in the
     * file (defaults, command-line overrides), whose messages should point where they come from.
     */
    static Node relocated(Node n, SourceLocation at) {
        if (n instanceof MapNode m) {
            Map<String, Node> e = new java.util.LinkedHashMap<>();
            Map<String, SourceLocation> k = new java.util.LinkedHashMap<>();
            m.entries().forEach((key, v) -> {
                e.put(key, relocated(v, at));
                k.put(key, at);
            });
            return new MapNode(at, e, k);
        }
        if (n instanceof SeqNode s) {
            return new SeqNode(at, s.items().stream().map(i -> relocated(i, at)).toList());
        }
        Scalar s = (Scalar) n;
        return new Scalar(at, s.text(), s.type());
    }

    /**
     * A mapping, keys in document order.
     *
     * @param location     where the mapping starts
     * @param entries      values by key
     * @param keyLocations where each key is written
     */
    record MapNode(SourceLocation location, Map<String, Node> entries, Map<String, SourceLocation> keyLocations)
            implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /**
     * A sequence.
     *
     * @param location where the sequence starts
     * @param items    the items
     */
    record SeqNode(SourceLocation location, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param location where the scalar starts
     * @param text     its text ({@code null} for YAML null)
     * @param type     what the YAML parser resolved it to
     */
    record Scalar(SourceLocation location, String text, ScalarType type) implements Node {
        @Override
        public String describe() {
            return switch (type) {
                case NULL -> "null";
                case STRING -> "the string '" + text + "'";
                case INTEGER -> "the integer " + text;
                case FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
            };
        }
    }

    /** The YAML core-schema type of a scalar. */
    enum ScalarType {
        /** {@code null}, {@code ~} or an empty value. */
        NULL,
        /** Text. */
        STRING,
        /** An integer. */
        INTEGER,
        /** A floating-point number. */
        FLOAT,
        /** {@code true} or {@code false}. */
        BOOLEAN
    }
}
