package io.rnn4j.backend.onnxruntime;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.onnx.ExportOptions;
import io.rnn4j.onnx.ExportResult;
import io.rnn4j.onnx.OnnxExporter;
import io.rnn4j.onnx.OnnxModelRunner;
import io.rnn4j.onnx.OnnxNames;
import io.rnn4j.onnx.ParityReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model running in ONNX Runtime: a {@link Network} exported in memory (with the parity check every
 * export gets) and opened in one ONNX Runtime session, or an exported file's bytes opened as they are.
 *
 * <p>{@link #predict(Flow)} runs a batch of any size in slices of at most {@link #batchSize()} rows;
 * {@link #run(Flow, Map)} is one call with explicit recurrent states, for streaming. Owns a native
 * session: close it. Not thread-safe; open one per thread.
 */
public final class OnnxRuntimeModel implements AutoCloseable {
    /** Rows per ONNX Runtime call by default. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final OnnxModelRunner runner;
    private final byte[] model;
    private final ParityReport parity;
    private final int batchSize;

    /** The output and final states of one call. */
    public record Result(Flow output, Map<String, Tensor> finalStates) {
    }

    private OnnxRuntimeModel(byte[] model, ParityReport parity, int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.model = model.clone();
        this.parity = parity;
        this.batchSize = batchSize;
        this.runner = OnnxModelRunner.open(model, threads);
    }

    /**
     * Exports {@code network} (checked against the reference backend) and opens it, with the default batch
     * size and, when the network is bound to an {@link OnnxRuntimeBackend}, its thread count.
     */
    public static OnnxRuntimeModel of(Network network) {
        int threads = network.backend() instanceof OnnxRuntimeBackend b ? b.threads() : 0;
        return of(network, ExportOptions.defaults(), DEFAULT_BATCH_SIZE, threads);
    }

    /**
     * Exports {@code network} with {@code options} and opens it.
     *
     * @param batchSize rows per ONNX Runtime call in {@link #predict(Flow)}
     * @param threads   intra-op threads ({@code 0}: ONNX Runtime's default)
     * @throws io.rnn4j.core.Rnn4jException as {@link OnnxExporter#export(Network, ExportOptions)}
     */
    public static OnnxRuntimeModel of(Network network, ExportOptions options, int batchSize, int threads) {
        ExportResult r = new OnnxExporter().export(Objects.requireNonNull(network, "network"), options);
        return new OnnxRuntimeModel(r.model(), r.parity(), batchSize, threads);
    }

    /** Opens an exported model (for example a file written by {@link OnnxExporter}) as it is, unchecked. */
    public static OnnxRuntimeModel open(byte[] model, int batchSize, int threads) {
        return new OnnxRuntimeModel(model, null, batchSize, threads);
    }

    /** The ONNX model that runs. */
    public byte[] model() {
        return model.clone();
    }

    /** The parity figures of the export, when this model was exported from a network. */
    public Optional<ParityReport> parity() {
        return Optional.ofNullable(parity);
    }

    /** Rows per ONNX Runtime call. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The model's output for {@code input}, from zero states: {@code [batch, n]} (no mask) or
     * {@code [batch, time, n]} (the input's mask), as the network's forward pass returns it.
     */
    public Flow predict(Flow input) {
        int rows = input.batch();
        List<Tensor> parts = new ArrayList<>();
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            Flow slice = from == 0 && to == rows ? input : rows(input, from, to);
            parts.add(runner.run(slice, Map.of()).get(OnnxNames.OUTPUT));
        }
        Tensor out = parts.size() == 1 ? parts.get(0) : concatRows(parts);
        return out.rank() == 3 && input.isSequence() ? new Flow(out, input.mask()) : Flow.vectors(out);
    }

    /**
     * One call with explicit initial states (by input name, {@code initial_h_<layer>}; zeros for those not
     * given): the output and every final state ({@code Y_h_<layer>}, {@code Y_c_<layer>}), to pass to the
     * next chunk of a stream as {@code initial_h_<layer>}, {@code initial_c_<layer>}.
     */
    public Result run(Flow input, Map<String, Tensor> states) {
        Map<String, Tensor> out = new LinkedHashMap<>(runner.run(input, states));
        Tensor y = out.remove(OnnxNames.OUTPUT);
        Flow f = y.rank() == 3 && input.isSequence() ? new Flow(y, input.mask()) : Flow.vectors(y);
        return new Result(f, out);
    }

    private static Flow rows(Flow f, int from, int to) {
        Tensor x = f.values();
        int inner = x.size() / x.dim(0);
        int[] dims = x.shape().dims();
        dims[0] = to - from;
        Tensor part = Tensor.zeros(dims);
        System.arraycopy(x.data(), x.offset() + from * inner, part.data(), 0, (to - from) * inner);
        if (!f.isSequence()) {
            return Flow.vectors(part);
        }
        int[] lengths = java.util.Arrays.copyOfRange(f.mask().lengths(), from, to);
        return new Flow(part, new SequenceMask(to - from, f.mask().time(), lengths));
    }

    private static Tensor concatRows(List<Tensor> parts) {
        int[] dims = parts.get(0).shape().dims();
        dims[0] = parts.stream().mapToInt(p -> p.dim(0)).sum();
        Tensor out = Tensor.zeros(dims);
        int off = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), p.offset(), out.data(), off, p.size());
            off += p.size();
        }
        return out;
    }

    /** Closes the native session. */
    @Override
    public void close() {
        runner.close();
    }
}
