package io.rnn4j.core.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The resumable state of an {@link Optimizer}: its kind, the number of steps taken, and named
 * per-element buffers, each as long as the model's flat parameter buffer. Buffer names are PyTorch's
 * ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq},
 * {@code square_avg}, {@code grad_avg}), so a state can be compared with a PyTorch optimizer's.
 *
 * <p>Immutable: buffers are copied in and out. {@link #writeTo(DataOutput)} and
 * {@link #readFrom(DataInput)} give a compact, versioned binary form for model archives; the
 * floats are stored exactly.
 */
public final class OptimizerState {
    private static final int MAGIC = 0x524E4F53; // "RNOS": rnn4j optimizer state
    private static final int FORMAT_VERSION = 1;

    private final OptimizerKind kind;
    private final long step;
    private final Map<String, float[]> buffers;

    /**
     * A state with copies of the given buffers (kept in the map's iteration order).
     *
     * @throws IllegalArgumentException if {@code step < 0} or the buffers differ in length
     */
    public OptimizerState(OptimizerKind kind, long step, Map<String, float[]> buffers) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (step < 0) {
            throw new IllegalArgumentException("optimizer step count must be >= 0, was " + step);
        }
        this.step = step;
        Map<String, float[]> copy = new LinkedHashMap<>();
        int length = -1;
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            float[] b = Objects.requireNonNull(e.getValue(), e.getKey());
            if (length >= 0 && b.length != length) {
                throw new IllegalArgumentException("optimizer buffer '" + e.getKey() + "' holds " + b.length
                        + " values but the others hold " + length + "; all buffers cover the same parameters");
            }
            length = b.length;
            copy.put(Objects.requireNonNull(e.getKey(), "buffer name"), b.clone());
        }
        this.buffers = Collections.unmodifiableMap(copy);
    }

    /** The optimizer this state belongs to. */
    public OptimizerKind kind() {
        return kind;
    }

    /** Number of steps taken. */
    public long step() {
        return step;
    }

    /** Names of the buffers, in order. */
    public List<String> bufferNames() {
        return List.copyOf(buffers.keySet());
    }

    /** Whether a buffer with this name exists. */
    public boolean hasBuffer(String name) {
        return buffers.containsKey(name);
    }

    /** A copy of the named buffer. */
    public float[] buffer(String name) {
        float[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException(kind.id() + " optimizer state has no buffer '" + name
                    + "'; it has " + buffers.keySet());
        }
        return b.clone();
    }

    /** Length of the buffers ({@code 0} if there are none, e.g. plain SGD or before the first step). */
    public int length() {
        return buffers.isEmpty() ? 0 : buffers.values().iterator().next().length;
    }

    /** Writes this state in rnn4j's binary form (magic, format version, kind id, step, buffers). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(kind.id());
        out.writeLong(step);
        out.writeInt(buffers.size());
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            out.writeUTF(e.getKey());
            float[] b = e.getValue();
            out.writeInt(b.length);
            for (float v : b) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads a state written by {@link #writeTo(DataOutput)}.
     *
     * @throws IOException if the data is not an optimizer state, was written by a newer format version,
     *                     names an unknown optimizer, or is truncated
     */
    public static OptimizerState readFrom(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not an rnn4j optimizer state (magic " + Integer.toHexString(magic) + ", expected "
                    + Integer.toHexString(MAGIC) + ")");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("optimizer state has format version " + version + " but this rnn4j reads version "
                    + FORMAT_VERSION + "; use the rnn4j version that wrote it");
        }
        String id = in.readUTF();
        OptimizerKind kind;
        try {
            kind = OptimizerKind.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new IOException("optimizer state: " + e.getMessage(), e);
        }
        long step = in.readLong();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("optimizer state: negative buffer count " + n);
        }
        Map<String, float[]> buffers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len < 0) {
                throw new IOException("optimizer state: buffer '" + name + "' has negative length " + len);
            }
            float[] b = new float[len];
            for (int j = 0; j < len; j++) {
                b[j] = in.readFloat();
            }
            buffers.put(name, b);
        }
        try {
            return new OptimizerState(kind, step, buffers);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt optimizer state: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState s) || s.kind != kind || s.step != step
                || !s.buffers.keySet().equals(buffers.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.buffers.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(kind, step);
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + 17 * Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "OptimizerState[" + kind.id() + ", step=" + step + ", buffers=" + buffers.keySet() + " x " + length()
                + "]";
    }
}
