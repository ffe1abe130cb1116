package io.rnn4j.backend.onnxruntime;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.WholeModelRunner;
import io.rnn4j.onnx.DecoderLoop;
import io.rnn4j.onnx.ExportOptions;
import io.rnn4j.onnx.ExportResult;
import io.rnn4j.onnx.OnnxExporter;
import io.rnn4j.onnx.OnnxModelRunner;
import io.rnn4j.onnx.OnnxNames;
import io.rnn4j.onnx.OnnxPairRunner;
import io.rnn4j.onnx.ParityReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@link #run(Flow, Map)} is one call with explicit recurrent states, for streaming.
 *
 * <p>A model with a decoder head ({@code seq2seq}, {@code one_to_many}) is exported as an encoder and a
 * decoder step ({@link DecoderLoop}); it runs here as the network's inference does, by greedy decoding:
 * the encoder once per slice, then the decoder step once per emitted token ({@link OnnxPairRunner}).
 * {@link #predict(Flow)} returns the logits (or values) of every decoded step with each sequence's decoded
 * length as the mask, and {@link #decode(Flow)} the tokens as well.
 *
 * <p>Owns native sessions: close it. Not thread-safe; open one per thread.
 */
public final class OnnxRuntimeModel implements WholeModelRunner {
    /** Rows per ONNX Runtime call by default. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final OnnxModelRunner runner;
    private final OnnxPairRunner pair;
    private final byte[] model;
    private final byte[] decoderModel;
    private final ParityReport parity;
    private final int batchSize;

    /** The output and final states of one call. */
    public record Result(Flow output, Map<String, Tensor> finalStates) {
    }

    /**
     * What greedy decoding through a decoder pair produced.
     *
     * @param output the logits or values of every step {@code [batch, steps, n]}, masked with each sequence's
     *               decoded length ({@code <eos>} included), zero after it
     * @param tokens the decoded ids of each sequence, or {@code null} for a head that emits values
     */
    public record Decoded(Flow output, int[][] tokens) {
    }

    private OnnxRuntimeModel(byte[] model, byte[] decoderModel, ParityReport parity, int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.model = model.clone();
        this.decoderModel = decoderModel == null ? null : decoderModel.clone();
        this.parity = parity;
        this.batchSize = batchSize;
        if (decoderModel == null) {
            this.runner = OnnxModelRunner.open(model, threads);
            this.pair = null;
            if (DecoderLoop.GRAPH_ENCODER.equals(runner.metadata().get(DecoderLoop.KEY_GRAPH))) {
                String decoder = runner.metadata().getOrDefault(DecoderLoop.KEY_FILE, "<name>.decoder.onnx");
                String head = runner.metadata().get(DecoderLoop.PREFIX + "head");
                runner.close();
                throw new Rnn4jException("RNN4J-ONNX-005", "this ONNX model is the encoder of a decoder head ("
                        + head + "); it runs only with its decoder step "
                        + decoder + ". Open both: OnnxRuntimeModel.open(encoderBytes, decoderBytes, ...) or "
                        + "OnnxRuntimeModel.open(path, ...), which finds the decoder step next to the encoder.");
            }
        } else {
            this.pair = OnnxPairRunner.open(model, decoderModel, threads);
            this.runner = pair.encoder();
        }
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
     * Exports {@code network} with {@code options} and opens it (both graphs of a decoder head).
     *
     * @param batchSize rows per ONNX Runtime call in {@link #predict(Flow)}
     * @param threads   intra-op threads ({@code 0}: ONNX Runtime's default)
     * @throws io.rnn4j.core.Rnn4jException as {@link OnnxExporter#export(Network, ExportOptions)}
     */
    public static OnnxRuntimeModel of(Network network, ExportOptions options, int batchSize, int threads) {
        ExportResult r = new OnnxExporter().export(Objects.requireNonNull(network, "network"), options);
        return new OnnxRuntimeModel(r.model(), r.decoderModel(), r.parity(), batchSize, threads);
    }

    /**
     * Opens an exported model (for example a file written by {@link OnnxExporter}) as it is, unchecked.
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-005} for the encoder of a decoder head, which needs its decoder
     *                        step ({@link #open(byte[], byte[], int, int)})
     */
    public static OnnxRuntimeModel open(byte[] model, int batchSize, int threads) {
        return new OnnxRuntimeModel(model, null, null, batchSize, threads);
    }

    /** Opens an exported encoder and its decoder step (a {@code seq2seq} or {@code one_to_many} head) as they are. */
    public static OnnxRuntimeModel open(byte[] encoder, byte[] decoder, int batchSize, int threads) {
        return new OnnxRuntimeModel(encoder, Objects.requireNonNull(decoder, "decoder"), null, batchSize, threads);
    }

    /**
     * Opens an exported file as it is; for the encoder of a decoder head, also its decoder step, the file its
     * metadata names ({@value DecoderLoop#KEY_FILE}) in the same directory.
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-005} if a file cannot be read or is not an rnn4j model
     */
    public static OnnxRuntimeModel open(Path file, int batchSize, int threads) {
        byte[] bytes = read(file);
        String decoderName;
        try (OnnxModelRunner probe = OnnxModelRunner.open(bytes, 1)) {
            decoderName = DecoderLoop.GRAPH_ENCODER.equals(probe.metadata().get(DecoderLoop.KEY_GRAPH))
                    ? probe.metadata().getOrDefault(DecoderLoop.KEY_FILE,
                            OnnxNames.decoderFileName(file.getFileName().toString()))
                    : null;
        }
        return decoderName == null ? open(bytes, batchSize, threads)
                : open(bytes, read(file.resolveSibling(decoderName)), batchSize, threads);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-ONNX-005", "cannot read the ONNX model " + file + ": " + e
                    + (file.getFileName().toString().endsWith(OnnxNames.DECODER_SUFFIX)
                            ? ". A seq2seq or one_to_many model is two files: keep the decoder step next to the encoder."
                            : ""), e);
        }
    }

    /** The ONNX model that runs (the encoder, for a decoder head). */
    public byte[] model() {
        return model.clone();
    }

    /** The decoder step, for a decoder head. */
    public Optional<byte[]> decoderModel() {
        return Optional.ofNullable(decoderModel).map(byte[]::clone);
    }

    /** How the decoder loop runs, for a decoder head. */
    public Optional<DecoderLoop> decoderLoop() {
        return Optional.ofNullable(pair).map(OnnxPairRunner::loop);
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
     * {@code [batch, time, n]} (the input's mask), as the network's forward pass returns it. For a decoder
     * head, greedy decoding: {@code [batch, steps, n]} with each sequence's decoded length as the mask.
     */
    public Flow predict(Flow input) {
        if (pair != null) {
            return decode(input).output();
        }
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
     * Greedy decoding through a decoder head's pair, in slices of at most {@link #batchSize()} rows, from zero
     * encoder states: what the network's inference forward pass returns, and the tokens
     * ({@code Seq2SeqHead.lastTokens()}).
     *
     * @throws IllegalStateException for a model without a decoder head
     */
    public Decoded decode(Flow input) {
        if (pair == null) {
            throw new IllegalStateException("this model has no decoder head (seq2seq, one_to_many); use predict");
        }
        int rows = input.batch();
        List<OnnxPairRunner.Decoding> parts = new ArrayList<>();
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            parts.add(pair.greedy(from == 0 && to == rows ? input : rows(input, from, to), Map.of()));
        }
        if (parts.size() == 1) {
            return new Decoded(parts.get(0).output(), parts.get(0).tokens());
        }
        int steps = parts.stream().mapToInt(p -> p.output().mask().time()).max().orElse(0);
        int n = pair.loop().outputs();
        Tensor out = Tensor.zeros(rows, steps, n);
        int[] lengths = new int[rows];
        int[][] tokens = pair.loop().feedback() == DecoderLoop.Feedback.TOKEN ? new int[rows][] : null;
        int row = 0;
        for (OnnxPairRunner.Decoding p : parts) {
            Tensor y = p.output().values();
            int t = y.dim(1);
            for (int r = 0; r < y.dim(0); r++, row++) {
                System.arraycopy(y.data(), y.offset() + r * t * n, out.data(), row * steps * n, t * n);
                lengths[row] = p.output().mask().length(r);
                if (tokens != null) {
                    tokens[row] = p.tokens()[r];
                }
            }
        }
        return new Decoded(new Flow(out, new SequenceMask(rows, steps, lengths)), tokens);
    }

    /**
     * One call with explicit initial states (by input name, {@code initial_h_<layer>}; zeros for those not
     * given): the output and every final state ({@code Y_h_<layer>}, {@code Y_c_<layer>}), to pass to the
     * next chunk of a stream as {@code initial_h_<layer>}, {@code initial_c_<layer>}. For a decoder head, the
     * states are the encoder's, the output is greedy decoding's (one call, no slicing) and the final states
     * are the encoder's ({@code Y_h_<layer>}, ...) and the decoder's first state ({@code h}, {@code c}).
     */
    public Result run(Flow input, Map<String, Tensor> states) {
        if (pair != null) {
            OnnxPairRunner.Decoding d = pair.greedy(input, states);
            return new Result(d.output(), new LinkedHashMap<>(d.encoderOutputs()));
        }
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

    /** The version of the ONNX Runtime library in use (e.g. {@code 1.29.0}). */
    public static String runtimeVersion() {
        return ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
    }

    /** Closes the native session(s). */
    @Override
    public void close() {
        if (pair != null) {
            pair.close();
        } else {
            runner.close();
        }
    }
}
