package io.rnn4j.onnx.spi;

import java.util.List;
import java.util.Objects;

/**
 * An attribute of an ONNX node, kept free of protobuf types so that exporters do not depend on them.
 *
 * @param name  the attribute's name ({@code hidden_size}, {@code direction}, ...)
 * @param value a {@link Long}, {@link Float}, {@link String}, {@code long[]}, {@code float[]} or a
 *              {@code List<String>}
 */
public record OnnxAttribute(String name, Object value) {

    /** Checks the value's type. */
    public OnnxAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof Long || value instanceof Float || value instanceof String || value instanceof long[]
                || value instanceof float[] || value instanceof List<?>)) {
            throw new IllegalArgumentException("attribute '" + name + "' has an unsupported value type "
                    + value.getClass().getName() + "; use long, float, String, long[], float[] or List<String>");
        }
    }

    /** An integer attribute. */
    public static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, value);
    }

    /** A float attribute. */
    public static OnnxAttribute of(String name, float value) {
        return new OnnxAttribute(name, value);
    }

    /** A string attribute. */
    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, value);
    }

    /** A list-of-integers attribute. */
    public static OnnxAttribute ints(String name, long... values) {
        return new OnnxAttribute(name, values.clone());
    }

    /** A list-of-strings attribute. */
    public static OnnxAttribute strings(String name, List<String> values) {
        return new OnnxAttribute(name, List.copyOf(values));
    }
}
