package io.rnn4j.core.archive;

import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.Rnn4jException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The weights of a model by parameter name: every parameter's {@link io.rnn4j.core.ParamId#displayName()}
 * ({@code lstm_0/weight_ih/0/forward}), shape and float32 values, as stored in an archive's
 * {@code weights.bin}.
 *
 * <p>{@code weights.bin}, all integers and floats little-endian (what numpy's {@code '<f4'} reads):
 * <pre>
 *   4 bytes   magic "R4JW"
 *   int32     format version (1)
 *   int32     number of parameters N
 *   N times:  int32 name length L, L bytes UTF-8 name, int32 rank R, R x int32 dims,
 *             prod(dims) x float32 values (row-major)
 *   int32     CRC32 of every byte before it
 * </pre>
 */
public final class Weights {
    static final String ENTRY = "weights.bin";
    private static final byte[] MAGIC = {'R', '4', 'J', 'W'};
    private static final int FORMAT_VERSION = 1;

    private final Map<String, Entry> byName;
    private final String source;

    /**
     * One parameter.
     *
     * @param name   the parameter's display name
     * @param shape  its dimensions
     * @param values its values, row-major
     */
    public record Entry(String name, int[] shape, float[] values) {
        /** Checks that the values fill the shape; copies the arrays. */
        public Entry {
            Objects.requireNonNull(name, "name");
            shape = shape.clone();
            values = values.clone();
            long size = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("parameter " + name + " has a negative dimension: "
                            + Arrays.toString(shape));
                }
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("parameter " + name + " of shape " + Arrays.toString(shape) + " needs "
                        + size + " values, got " + values.length);
            }
        }

        /** A copy of the shape. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** A copy of the values. */
        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.name.equals(name) && Arrays.equals(e.shape, shape)
                    && Arrays.equals(e.values, values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape) * 17 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape);
        }
    }

    private Weights(List<Entry> entries, String source) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (m.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("parameter " + e.name() + " appears twice");
            }
        }
        this.byName = m;
        this.source = source;
    }

    /** Weights from explicit entries (names unique). */
    public static Weights of(List<Entry> entries) {
        return new Weights(entries, "the given weights");
    }

    /** A snapshot (copy) of every parameter of {@code params}, in declaration order. */
    public static Weights of(ParameterSet params) {
        List<Entry> entries = new ArrayList<>();
        for (Parameter p : params.all()) {
            entries.add(new Entry(p.id().displayName(), p.value().shape().dims(), p.value().toArray()));
        }
        return new Weights(entries, "the given parameters");
    }

    /** The parameters, in stored order. */
    public List<Entry> entries() {
        return List.copyOf(byName.values());
    }

    /** The parameter with this display name, if stored. */
    public Optional<Entry> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Total number of values. */
    public long count() {
        long n = 0;
        for (Entry e : byName.values()) {
            n += e.values.length;
        }
        return n;
    }

    /**
     * Copies every stored parameter into the parameter of the same display name in {@code params}, after
     * checking that the two hold exactly the same names and shapes. Nothing is copied if anything differs.
     *
     * @throws Rnn4jException {@code RNN4J-ARCHIVE-006} listing every missing, unexpected and misshapen
     *                        parameter
     */
    public void loadInto(ParameterSet params) {
        List<String> problems = new ArrayList<>();
        Map<String, Parameter> model = new LinkedHashMap<>();
        for (Parameter p : params.all()) {
            model.put(p.id().displayName(), p);
        }
        for (Map.Entry<String, Parameter> m : model.entrySet()) {
            Entry e = byName.get(m.getKey());
            int[] want = m.getValue().value().shape().dims();
            if (e == null) {
                problems.add("missing from the archive: " + m.getKey() + " " + Arrays.toString(want));
            } else if (!Arrays.equals(e.shape, want)) {
                problems.add("shape differs: " + m.getKey() + " is " + Arrays.toString(e.shape) + " in the archive but "
                        + Arrays.toString(want) + " in the model");
            }
        }
        for (Entry e : byName.values()) {
            if (!model.containsKey(e.name)) {
                problems.add("not in the model: " + e.name + " " + Arrays.toString(e.shape));
            }
        }
        if (!problems.isEmpty()) {
            throw new Rnn4jException("RNN4J-ARCHIVE-006", "the weights of " + source + " do not fit this model ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                    + String.join("\n  ", problems) + "\nBuild the model from the archive's experiment.yaml (the same "
                    + "layers, units, vocabulary and classes) before loading its weights.");
        }
        for (Map.Entry<String, Parameter> m : model.entrySet()) {
            float[] v = byName.get(m.getKey()).values;
            System.arraycopy(v, 0, m.getValue().value().data(), m.getValue().value().offset(), v.length);
        }
    }

    /** The bytes of {@code weights.bin}. */
    byte[] toBytes() {
        List<byte[]> names = new ArrayList<>();
        long size = 4 + 4 + 4 + 4;
        for (Entry e : byName.values()) {
            byte[] n = e.name.getBytes(StandardCharsets.UTF_8);
            names.add(n);
            size += 4 + n.length + 4 + 4L * e.shape.length + 4L * e.values.length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("weights of " + size + " bytes do not fit one archive entry (2 GiB)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(FORMAT_VERSION).putInt(byName.size());
        int i = 0;
        for (Entry e : byName.values()) {
            byte[] n = names.get(i++);
            b.putInt(n.length).put(n).putInt(e.shape.length);
            for (int d : e.shape) {
                b.putInt(d);
            }
            b.asFloatBuffer().put(e.values);
            b.position(b.position() + 4 * e.values.length);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Parses {@code weights.bin}.
     *
     * @param source the archive, for messages
     * @throws IllegalArgumentException saying what is wrong (checksum, sizes, format)
     */
    static Weights fromBytes(byte[] bytes, String source) {
        if (bytes.length < 16 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new IllegalArgumentException("weights.bin does not start with the rnn4j weights header");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int stored = b.getInt(bytes.length - 4);
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException(String.format("weights.bin does not match its CRC32 (stored %08x, "
                    + "computed %08x)", stored, (int) crc.getValue()));
        }
        b.position(4);
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("weights.bin has format version " + version + "; this rnn4j reads "
                    + FORMAT_VERSION);
        }
        int n = b.getInt();
        ByteBuffer body = b.slice().order(ByteOrder.LITTLE_ENDIAN).limit(bytes.length - 4 - 12);
        List<Entry> entries = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int len = checked(body.getInt(), body, 1, "name length of parameter " + i);
                byte[] name = new byte[len];
                body.get(name);
                String id = new String(name, StandardCharsets.UTF_8);
                int rank = checked(body.getInt(), body, 4, "rank of " + id);
                int[] dims = new int[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    dims[d] = body.getInt();
                    if (dims[d] < 0) {
                        throw new IllegalArgumentException("weights.bin gives " + id + " a negative dimension " + dims[d]);
                    }
                    size *= dims[d];
                }
                if (size * 4 > body.remaining()) {
                    throw new IllegalArgumentException("weights.bin declares " + id + " " + Arrays.toString(dims) + " ("
                            + size + " values) but only " + body.remaining() / 4 + " remain");
                }
                float[] v = new float[(int) size];
                body.asFloatBuffer().get(v);
                body.position(body.position() + 4 * v.length);
                entries.add(new Entry(id, dims, v));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("weights.bin ends before its " + n + " parameters do");
        }
        if (body.hasRemaining()) {
            throw new IllegalArgumentException("weights.bin has " + body.remaining() + " bytes after its " + n
                    + " parameters");
        }
        return new Weights(entries, source);
    }

    private static int checked(int n, ByteBuffer body, int unit, String what) {
        if (n < 0 || (long) n * unit > body.remaining()) {
            throw new IllegalArgumentException("weights.bin has an impossible " + what + " (" + n + ")");
        }
        return n;
    }

    /** The same entries, named after {@code source} in messages. */
    Weights from(String newSource) {
        return new Weights(List.copyOf(byName.values()), newSource);
    }

    @Override
    public String toString() {
        return "Weights[" + byName.size() + " parameters, " + count() + " values from " + source + "]";
    }
}
