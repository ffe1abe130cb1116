package io.rnn4j.backend.onnxruntime;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.RecurrentKernel;
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
public final class OnnxRuntimeBackend implements Backend {
    /** The backend the primitives delegate to. */
    public static final String REFERENCE = "cpu";

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.INFERENCE));

    private final Backend reference;
    private final int threads;

    /**
     * A backend delegating primitives to {@code reference}.
     *
     * @param reference the reference backend (owned: closed with this one)
     * @param threads   intra-op threads for the ONNX Runtime sessions of {@link OnnxRuntimeModel}s made for it
     */
    public OnnxRuntimeBackend(Backend reference, int threads) {
        this.reference = Objects.requireNonNull(reference, "reference");
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

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta, MatrixView c) {
        reference.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void addRowVector(float[] v, int vOffset, MatrixView c) {
        reference.addRowVector(v, vOffset, c);
    }

    @Override
    public void sumRows(MatrixView a, float[] out, int outOffset, boolean accumulate) {
        reference.sumRows(a, out, outOffset, accumulate);
    }

    @Override
    public void activation(Activation f, MatrixView x, MatrixView y) {
        reference.activation(f, x, y);
    }

    @Override
    public void activationBackward(Activation f, MatrixView y, MatrixView dy, MatrixView dx, boolean accumulate) {
        reference.activationBackward(f, y, dy, dx, accumulate);
    }

    @Override
    public void mul(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        reference.mul(a, b, c, accumulate);
    }

    @Override
    public void axpby(float alpha, MatrixView a, float beta, MatrixView b, MatrixView c) {
        reference.axpby(alpha, a, beta, b, c);
    }

    @Override
    public void fill(MatrixView x, float value) {
        reference.fill(x, value);
    }

    @Override
    public void copy(MatrixView src, MatrixView dst) {
        reference.copy(src, dst);
    }

    @Override
    public void selectRows(float[] rowMask, int maskOffset, MatrixView a, MatrixView b, MatrixView c) {
        reference.selectRows(rowMask, maskOffset, a, b, c);
    }

    @Override
    public void zeroRows(float[] rowMask, int maskOffset, MatrixView x) {
        reference.zeroRows(rowMask, maskOffset, x);
    }

    @Override
    public void gatherRows(MatrixView table, int[] indices, int offset, MatrixView out) {
        reference.gatherRows(table, indices, offset, out);
    }

    @Override
    public void scatterAddRows(MatrixView src, int[] indices, int offset, MatrixView table) {
        reference.scatterAddRows(src, indices, offset, table);
    }

    @Override
    public void softmaxRows(MatrixView x, MatrixView y) {
        reference.softmaxRows(x, y);
    }

    @Override
    public double dot(MatrixView a, MatrixView b) {
        return reference.dot(a, b);
    }

    @Override
    public double sum(MatrixView a) {
        return reference.sum(a);
    }

    /** None: the recurrent layers of a model run in ONNX Runtime's own kernels through {@link OnnxRuntimeModel}. */
    @Override
    public Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        return Optional.empty();
    }

    @Override
    public void close() {
        reference.close();
    }
}
