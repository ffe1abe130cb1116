package io.rnn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoder head's export (an encoder and one decoder step, see {@link DecoderLoop}) opened in ONNX
 * Runtime and driven greedily: the encoder once, then the decoder step once per emitted token, as
 * {@link io.rnn4j.layers.heads.Seq2SeqHead#decode} and {@link io.rnn4j.layers.heads.OneToManyHead#generate}
 * do with greedy sampling. Used by the parity check and by the {@code onnxruntime} backend.
 *
 * <p>Owns two native sessions: close it. Not thread-safe.
 */
public final class OnnxPairRunner implements AutoCloseable {
    private final OnnxModelRunner encoder;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession step;
    private final DecoderLoop loop;

    /**
     * What a greedy decoding produced.
     *
     * @param output         the logits or values of every step, {@code [batch, steps, outputs]}, zero after a
     *                       sequence's end, masked with each sequence's decoded length ({@code <eos>} included):
     *                       what the network's inference forward pass returns
     * @param tokens         the decoded ids of each sequence, or {@code null} for value feedback
     * @param encoderOutputs every output of the encoder ({@code h}, {@code c}, {@code Y_h_<layer>}, ...)
     */
    public record Decoding(Flow output, int[][] tokens, Map<String, Tensor> encoderOutputs) {
    }

    private OnnxPairRunner(OnnxModelRunner encoder, OrtEnvironment env, OrtSession.SessionOptions options,
            OrtSession step, DecoderLoop loop) {
        this.encoder = encoder;
        this.env = env;
        this.options = options;
        this.step = step;
        this.loop = loop;
    }

    /**
     * Opens an encoder and its decoder step.
     *
     * @param threads intra-op threads ONNX Runtime may use ({@code 0} for its default)
     * @throws Rnn4jException {@code RNN4J-ONNX-005} if ONNX Runtime rejects a model or the two are not an
     *                        rnn4j pair
     */
    public static OnnxPairRunner open(byte[] encoderModel, byte[] decoderModel, int threads) {
        OnnxModelRunner enc = OnnxModelRunner.open(encoderModel, threads);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            session = env.createSession(decoderModel, options);
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            if (!DecoderLoop.GRAPH_DECODER_STEP.equals(meta.get(DecoderLoop.KEY_GRAPH))
                    || !DecoderLoop.GRAPH_ENCODER.equals(enc.metadata().get(DecoderLoop.KEY_GRAPH))) {
                throw new Rnn4jException("RNN4J-ONNX-005", "not an rnn4j encoder / decoder-step pair: the models say "
                        + DecoderLoop.KEY_GRAPH + " = " + enc.metadata().get(DecoderLoop.KEY_GRAPH) + " and "
                        + meta.get(DecoderLoop.KEY_GRAPH) + " (expected " + DecoderLoop.GRAPH_ENCODER + " and "
                        + DecoderLoop.GRAPH_DECODER_STEP + ")");
            }
            DecoderLoop loop = DecoderLoop.fromMetadata(meta);
            if (!loop.equals(DecoderLoop.fromMetadata(enc.metadata()))) {
                throw new Rnn4jException("RNN4J-ONNX-005", "the encoder and the decoder step were not exported "
                        + "together: their loops differ (" + DecoderLoop.fromMetadata(enc.metadata()) + " and " + loop
                        + ")");
            }
            return new OnnxPairRunner(enc, env, options, session, loop);
        } catch (OrtException | RuntimeException e) {
            enc.close();
            try {
                if (session != null) {
                    session.close();
                }
            } catch (OrtException ignored) {
                // closing after a failure: the first error is the one to report
            }
            options.close();
            if (e instanceof Rnn4jException r) {
                throw r;
            }
            throw new Rnn4jException("RNN4J-ONNX-005", "ONNX Runtime " + env.getVersion() + " could not load the "
                    + "exported decoder step: " + e.getMessage(), e);
        }
    }

    /** How the loop runs (from the models' metadata). */
    public DecoderLoop loop() {
        return loop;
    }

    /** The encoder, opened as a model of its own. */
    public OnnxModelRunner encoder() {
        return encoder;
    }

    /**
     * Runs the encoder on {@code input}, then the decoder step greedily until every sequence has emitted
     * {@code <eos>} or {@link DecoderLoop#maxLength()} steps (exactly {@code maxLength} steps without
     * {@code <eos>}).
     *
     * @param input  the model's input (sequences with their mask, token ids, or vectors)
     * @param states the encoder's initial states by input name ({@code initial_h_<layer>}); zeros for those
     *               not given
     * @throws Rnn4jException {@code RNN4J-ONNX-006} if ONNX Runtime fails
     */
    public Decoding greedy(Flow input, Map<String, Tensor> states) {
        Map<String, Tensor> enc = encoder.run(input, states);
        int b = input.batch();
        int n = loop.outputs();
        int u = loop.units();
        float[] h = state(enc, OnnxNames.H, b, u);
        float[] c = loop.cellState() ? state(enc, OnnxNames.C, b, u) : null;
        boolean tokens = loop.feedback() == DecoderLoop.Feedback.TOKEN;
        long[] fedTokens = new long[b];
        Arrays.fill(fedTokens, loop.bosId());
        float[] fedValues = tokens ? null : new float[b * n];
        int max = loop.maxLength();
        float[][] steps = new float[max][];
        int[][] ids = tokens ? new int[b][max] : null;
        int[] lengths = new int[b];
        boolean[] done = new boolean[b];
        int active = b;
        int t = 0;
        while (active > 0 && t < max) {
            Map<String, float[]> out = runStep(b, fedTokens, fedValues, h, c);
            float[] z = out.get(loop.stepOutput()); // [b, 1, n]
            float[] kept = new float[b * n];
            for (int r = 0; r < b; r++) {
                if (done[r]) {
                    continue;
                }
                System.arraycopy(z, r * n, kept, r * n, n);
                lengths[r] = t + 1;
                if (tokens) {
                    int tok = argmax(z, r * n, n);
                    ids[r][t] = tok;
                    fedTokens[r] = tok;
                    if (loop.stopsAtEos() && tok == loop.eosId()) {
                        done[r] = true;
                        active--;
                    }
                }
            }
            if (!tokens) {
                fedValues = z;
            }
            steps[t] = kept;
            h = out.get(OnnxNames.H_NEXT);
            c = loop.cellState() ? out.get(OnnxNames.C_NEXT) : null;
            t++;
        }
        Tensor y = Tensor.zeros(b, t, n);
        for (int s = 0; s < t; s++) {
            for (int r = 0; r < b; r++) {
                System.arraycopy(steps[s], r * n, y.data(), (r * t + s) * n, n);
            }
        }
        int[][] decoded = null;
        if (tokens) {
            decoded = new int[b][];
            for (int r = 0; r < b; r++) {
                decoded[r] = Arrays.copyOf(ids[r], lengths[r]);
            }
        }
        return new Decoding(new Flow(y, new SequenceMask(b, t, lengths)), decoded, enc);
    }

    private static float[] state(Map<String, Tensor> enc, String name, int b, int u) {
        Tensor s = enc.get(name);
        if (s == null || s.size() != b * u) {
            throw new Rnn4jException("RNN4J-ONNX-006", "the encoder gave " + (s == null ? "no '" + name + "'"
                    : "'" + name + "' of shape " + s.shape()) + " where the decoder step needs [1, " + b + ", " + u + "]");
        }
        return s.toArray();
    }

    /** One decoder step: the outputs by name, as flat arrays. */
    private Map<String, float[]> runStep(int b, long[] fedTokens, float[] fedValues, float[] h, float[] c) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            long[] stateDims = {1, b, loop.units()};
            if (loop.feedback() == DecoderLoop.Feedback.TOKEN) {
                feeds.put(OnnxNames.TOKEN, OnnxTensor.createTensor(env, LongBuffer.wrap(fedTokens.clone()),
                        new long[] {b, 1}));
            } else {
                feeds.put(OnnxNames.VALUE, OnnxTensor.createTensor(env, FloatBuffer.wrap(fedValues),
                        new long[] {b, 1, loop.outputs()}));
            }
            feeds.put(OnnxNames.H, OnnxTensor.createTensor(env, FloatBuffer.wrap(h), stateDims));
            if (c != null) {
                feeds.put(OnnxNames.C, OnnxTensor.createTensor(env, FloatBuffer.wrap(c), stateDims));
            }
            try (OrtSession.Result result = step.run(feeds)) {
                Map<String, float[]> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), OnnxModelRunner.toTensor((OnnxTensor) e.getValue()).toArray());
                }
                return out;
            }
        } catch (OrtException e) {
            throw new Rnn4jException("RNN4J-ONNX-006", "ONNX Runtime failed to run the decoder step at batch " + b + ": "
                    + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : feeds.values()) {
                t.close();
            }
        }
    }

    /** Index of the largest of {@code x[offset .. offset + n)}, the first one on ties (as rnn4j's greedy sampling). */
    static int argmax(float[] x, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[offset + i] > x[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Closes both native sessions. */
    @Override
    public void close() {
        try {
            step.close();
        } catch (OrtException e) {
            throw new Rnn4jException("RNN4J-ONNX-006", "ONNX Runtime failed to close a session: " + e.getMessage(), e);
        } finally {
            options.close();
            encoder.close();
        }
    }
}
