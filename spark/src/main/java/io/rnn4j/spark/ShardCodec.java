package io.rnn4j.spark;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.train.TrainBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cuts a global batch into the deterministic shards of data-parallel training and writes a shard as
 * bytes for Spark: worker {@code k} of {@code K} gets the examples whose index in the batch is
 * {@code k mod K} (never a random split), in their order. A shard keeps the batch's padded length;
 * padded steps are masked, so they change nothing.
 */
final class ShardCodec {
    private static final int MAGIC = 0x524E5348; // "RNSH"

    private ShardCodec() {
    }

    /** Rows {@code k, k + K, k + 2K, ...} of {@code batch}, or {@code null} when the batch has fewer than {@code k + 1}. */
    static TrainBatch shard(TrainBatch batch, int k, int workers) {
        if (workers == 1) {
            return batch;
        }
        int n = (batch.size() - k + workers - 1) / workers;
        if (n <= 0) {
            return null;
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = k + i * workers;
        }
        return new TrainBatch(rows(batch.input(), rows), batch.teacher() == null ? null : rows(batch.teacher(), rows),
                rows(batch.targets(), rows), batch.targetMask() == null ? null : rows(batch.targetMask(), rows), n);
    }

    private static Flow rows(Flow f, int[] rows) {
        return new Flow(rows(f.values(), rows), f.mask() == null ? null : rows(f.mask(), rows));
    }

    private static SequenceMask rows(SequenceMask m, int[] rows) {
        int[] lengths = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lengths[i] = m.length(rows[i]);
        }
        return new SequenceMask(rows.length, m.time(), lengths);
    }

    private static Tensor rows(Tensor t, int[] rows) {
        int[] dims = t.shape().dims();
        int inner = t.size() / dims[0];
        dims[0] = rows.length;
        Tensor out = Tensor.zeros(dims);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t.data(), t.offset() + rows[i] * inner, out.data(), i * inner, inner);
        }
        return out;
    }

    /** The bytes of a batch (or shard): input, teacher, targets and target mask with their shapes. */
    static byte[] encode(TrainBatch b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(b.size());
            writeFlow(out, b.input());
            out.writeBoolean(b.teacher() != null);
            if (b.teacher() != null) {
                writeFlow(out, b.teacher());
            }
            writeTensor(out, b.targets());
            writeMask(out, b.targetMask());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a batch shard in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The batch that {@link #encode} wrote. */
    static TrainBatch decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an rnn4j batch shard");
            }
            int size = in.readInt();
            Flow input = readFlow(in);
            Flow teacher = in.readBoolean() ? readFlow(in) : null;
            Tensor targets = readTensor(in);
            SequenceMask targetMask = readMask(in);
            return new TrainBatch(input, teacher, targets, targetMask, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a batch shard", e);
        }
    }

    private static void writeFlow(DataOutputStream out, Flow f) throws IOException {
        writeTensor(out, f.values());
        writeMask(out, f.mask());
    }

    private static Flow readFlow(DataInputStream in) throws IOException {
        Tensor values = readTensor(in);
        SequenceMask mask = readMask(in);
        return mask == null ? Flow.vectors(values) : new Flow(values, mask);
    }

    private static void writeTensor(DataOutputStream out, Tensor t) throws IOException {
        int[] dims = t.shape().dims();
        out.writeInt(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < t.size(); i++) {
            out.writeFloat(t.getFlat(i));
        }
    }

    private static Tensor readTensor(DataInputStream in) throws IOException {
        int[] dims = new int[in.readInt()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.readInt();
        }
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, in.readFloat());
        }
        return t;
    }

    private static void writeMask(DataOutputStream out, SequenceMask m) throws IOException {
        out.writeBoolean(m != null);
        if (m != null) {
            out.writeInt(m.batch());
            out.writeInt(m.time());
            for (int b = 0; b < m.batch(); b++) {
                out.writeInt(m.length(b));
            }
        }
    }

    private static SequenceMask readMask(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int batch = in.readInt();
        int time = in.readInt();
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = in.readInt();
        }
        return new SequenceMask(batch, time, lengths);
    }
}
