package io.rnn4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An exported rnn4j model opened in ONNX Runtime: rnn4j {@link Flow}s in, {@link Tensor}s out. Used by
 * the parity check and by the {@code onnxruntime} backend.
 *
 * <p>Owns a native session: close it (try-with-resources). Every native tensor it creates for a call
 * is closed before the call returns. The {@link OrtEnvironment} is ONNX Runtime's process-wide
 * singleton, shared by every session; it is never closed here (its {@code close()} is a no-op in
 * ONNX Runtime, and closing a shared singleton would be wrong anyway). Not thread-safe.
 */
public final class OnnxModelRunner implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final boolean tokenInput;
    private final Map<String, long[]> stateShapes = new LinkedHashMap<>();

    private OnnxModelRunner(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session)
            throws OrtException {
        this.env = env;
        this.options = options;
        this.session = session;
        NodeInfo in = session.getInputInfo().get(OnnxNames.INPUT);
        if (in == null || !(in.getInfo() instanceof TensorInfo ti)) {
            throw new Rnn4jException("RNN4J-ONNX-005", "the ONNX model has no tensor input named '" + OnnxNames.INPUT
                    + "' (it has " + session.getInputNames() + "); it was not written by rnn4j's exporter");
        }
        this.tokenInput = ti.type == OnnxJavaType.INT64;
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            if (!e.getKey().equals(OnnxNames.INPUT) && !e.getKey().equals(OnnxNames.SEQUENCE_LENS)
                    && e.getValue().getInfo() instanceof TensorInfo s) {
                stateShapes.put(e.getKey(), s.getShape());
            }
        }
    }

    /** Names of the state inputs ({@code initial_h_*}, {@code initial_c_*}); empty for an export without them. */
    public Set<String> stateInputNames() {
        return java.util.Collections.unmodifiableSet(stateShapes.keySet());
    }

    /**
     * Opens a serialized model.
     *
     * @param model   the {@code ModelProto} bytes
     * @param threads intra-op threads ONNX Runtime may use ({@code 0} for its default)
     * @throws Rnn4jException {@code RNN4J-ONNX-005} if ONNX Runtime rejects the model
     */
    public static OnnxModelRunner open(byte[] model, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            return new OnnxModelRunner(env, options, env.createSession(model, options));
        } catch (OrtException e) {
            options.close();
            throw new Rnn4jException("RNN4J-ONNX-005", "ONNX Runtime " + env.getVersion() + " could not load the "
                    + "exported model: " + e.getMessage(), e);
        }
    }

    /** The model's {@code metadata_props}. */
    public Map<String, String> metadata() {
        try {
            return Map.copyOf(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new Rnn4jException("RNN4J-ONNX-006", "ONNX Runtime failed to read the model's metadata: "
                    + e.getMessage(), e);
        }
    }

    /** Names of the model's outputs. */
    public Set<String> outputNames() {
        return session.getOutputNames();
    }

    /** Whether the model takes token ids (int64) rather than floats. */
    public boolean takesTokens() {
        return tokenInput;
    }

    /**
     * Runs the model.
     *
     * @param input  a sequence batch with its mask (token ids as integral floats, as rnn4j holds them) or a
     *               batch of vectors
     * @param states initial states by input name ({@code initial_h_lstm_1} to a {@code [rows, batch, units]}
     *               tensor); a state input not given is fed zeros
     * @return every output by name
     * @throws Rnn4jException {@code RNN4J-ONNX-006} if ONNX Runtime fails
     */
    public Map<String, Tensor> run(Flow input, Map<String, Tensor> states) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            Tensor x = input.values();
            long[] shape = longs(x.shape().dims());
            if (tokenInput) {
                long[] ids = new long[x.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = Math.round(x.getFlat(i));
                }
                feeds.put(OnnxNames.INPUT, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            } else {
                feeds.put(OnnxNames.INPUT, OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toArray()), shape));
            }
            if (input.isSequence()) {
                feeds.put(OnnxNames.SEQUENCE_LENS, OnnxTensor.createTensor(env, IntBuffer.wrap(input.mask().lengths()),
                        new long[] {input.batch()}));
            }
            for (Map.Entry<String, Tensor> s : states.entrySet()) {
                if (!stateShapes.containsKey(s.getKey())) {
                    throw new Rnn4jException("RNN4J-ONNX-006", "the model has no state input '" + s.getKey()
                            + "'; its state inputs are " + stateShapes.keySet());
                }
                Tensor t = s.getValue();
                feeds.put(s.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toArray()), longs(t.shape().dims())));
            }
            for (Map.Entry<String, long[]> s : stateShapes.entrySet()) {
                if (!states.containsKey(s.getKey())) { // [rows, batch, units], zeros
                    long[] dims = {s.getValue()[0], input.batch(), s.getValue()[2]};
                    feeds.put(s.getKey(), OnnxTensor.createTensor(env,
                            FloatBuffer.wrap(new float[Math.toIntExact(dims[0] * dims[1] * dims[2])]), dims));
                }
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), toTensor((OnnxTensor) e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new Rnn4jException("RNN4J-ONNX-006", "ONNX Runtime failed to run the model on an input of shape "
                    + input.values().shape() + " with states " + states.keySet() + ": " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : feeds.values()) {
                t.close();
            }
        }
    }

    /** A float32 ONNX Runtime tensor copied into a {@link Tensor}. */
    static Tensor toTensor(OnnxTensor t) {
        long[] dims = t.getInfo().getShape();
        FloatBuffer fb = t.getFloatBuffer();
        float[] data = new float[fb.remaining()];
        fb.get(data);
        return Tensor.of(data, ints(dims));
    }

    static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    static int[] ints(long[] dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = Math.toIntExact(dims[i]);
        }
        return d;
    }

    /** Closes the native session and its options. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new Rnn4jException("RNN4J-ONNX-006", "ONNX Runtime failed to close a session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
