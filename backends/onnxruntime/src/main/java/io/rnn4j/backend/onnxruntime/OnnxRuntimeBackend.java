package io.rnn4j.backend.onnxruntime;

import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.ForwardingBackend;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.WholeModelRunner;
import io.rnn4j.onnx.ExportOptions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code onnxruntime} backend: capability {@link Capability#INFERENCE} only. ONNX Runtime runs whole
 * graphs, not rnn4j's primitives, so a model runs in it through {@link OnnxRuntimeModel}; the primitives
 * here delegate to the reference backend so that a {@link io.rnn4j.core.model.Network} bound to this
 * backend (to hold a model's parameters, to be exported, or for a quick check) computes exactly what the
 * reference computes. Training is refused: {@link io.rnn4j.core.model.Network#requireTraining} fails
 * with {@code RNN4J-BACKEND-005}, and so does a training forward pass of a recurrent layer.
 */
public final class OnnxRuntimeBackend extends ForwardingBackend {
    /** The backend the primitives delegate to. */
    public static final String REFERENCE = "cpu";

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.INFERENCE));

    private final int threads;

    /**
     * A backend delegating primitives to {@code reference}.
     *
     * @param reference the reference backend (owned: closed with this one)
     * @param threads   intra-op threads for the ONNX Runtime sessions of {@link OnnxRuntimeModel}s made for it
     */
    public OnnxRuntimeBackend(Backend reference, int threads) {
        super(Objects.requireNonNull(reference, "reference"));
        this.threads = threads;
    }

    @Override
    public String id() {
        return OnnxRuntimeBackendProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Threads an ONNX Runtime session may use. */
    public int threads() {
        return threads;
    }

    /**
     * The network's ONNX export (checked against the reference backend by the exporter's parity check) opened in
     * ONNX Runtime with this backend's thread count: how a model bound to this backend runs at inference.
     */
    @Override
    public Optional<WholeModelRunner> wholeModel(Network network) {
        return Optional.of(OnnxRuntimeModel.of(network, ExportOptions.defaults(), OnnxRuntimeModel.DEFAULT_BATCH_SIZE,
                threads));
    }

    /** None: the recurrent layers of a model run in ONNX Runtime's own kernels through {@link OnnxRuntimeModel}. */
    @Override
    public Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        return Optional.empty();
    }
}
