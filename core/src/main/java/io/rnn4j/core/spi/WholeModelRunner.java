package io.rnn4j.core.spi;

import io.rnn4j.core.model.Flow;

/**
 * A whole model running at inference in a backend's own engine rather than layer by layer through the backend's
 * primitives: for example the model's ONNX export in ONNX Runtime. A backend offers one through
 * {@link Backend#wholeModel(io.rnn4j.core.model.Network)}; loaders ask for it there (ask the kind, do not test
 * the backend's id), so a plugin backend that runs ONNX graphs (or anything else whole) takes the same path as
 * the bundled {@code onnxruntime} backend.
 *
 * <p>Owns native resources: close it. Not thread-safe.
 */
public interface WholeModelRunner extends AutoCloseable {
    /**
     * The model's inference output for a batch, from zero states, as the network's inference forward pass returns
     * it: {@code [batch, n]} or {@code [batch, time, n]} with the input's mask.
     */
    Flow predict(Flow input);

    /** Releases the engine's resources. */
    @Override
    void close();
}
