package io.rnn4j.onnx.spi;

import io.rnn4j.core.model.ValueType;
import java.util.Objects;

/**
 * A tensor of the ONNX graph being built, with what rnn4j knows about it.
 *
 * <p>A sequence may be batch-major {@code [batch, time, features]} (rnn4j's layout, and the layout of
 * the graph's inputs and outputs) or time-major {@code [time, batch, features]} (the layout of ONNX's
 * recurrent operators with {@code layout=0}). Exporters keep whichever layout they produce; the
 * conversion happens only where a consumer needs the other one ({@link ExportContext#batchMajor},
 * {@link ExportContext#timeMajor}).
 *
 * <p>Invariant kept by every exporter: a sequence value is zero at padded steps (rnn4j's mask
 * semantics), so a consumer may reduce over time without masking again.
 *
 * @param name      the tensor's name in the graph
 * @param kind      token ids, a sequence or vectors
 * @param timeMajor whether a sequence is {@code [time, batch, features]} (false for vectors and tokens)
 * @param features  size of the last axis (1 for token ids)
 */
public record OnnxValue(String name, ValueType.Kind kind, boolean timeMajor, int features) {

    /** Validates. */
    public OnnxValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (timeMajor && kind != ValueType.Kind.SEQUENCE) {
            throw new IllegalArgumentException("only a sequence can be time-major, not " + kind);
        }
    }

    /** A batch-major sequence {@code [batch, time, features]}. */
    public static OnnxValue sequence(String name, int features) {
        return new OnnxValue(name, ValueType.Kind.SEQUENCE, false, features);
    }

    /** A time-major sequence {@code [time, batch, features]}. */
    public static OnnxValue timeMajorSequence(String name, int features) {
        return new OnnxValue(name, ValueType.Kind.SEQUENCE, true, features);
    }

    /** A batch of vectors {@code [batch, features]}. */
    public static OnnxValue vectors(String name, int features) {
        return new OnnxValue(name, ValueType.Kind.VECTOR, false, features);
    }

    /** Token ids {@code [batch, time]} (int64). */
    public static OnnxValue tokens(String name) {
        return new OnnxValue(name, ValueType.Kind.TOKENS, false, 1);
    }

    /** Whether the value has a time axis. */
    public boolean hasTime() {
        return kind != ValueType.Kind.VECTOR;
    }
}
