package io.rnn4j.core.spi;

import io.rnn4j.core.Activation;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A backend that forwards every call to another one: the base of decorators (a backend that counts,
 * traces or checks calls) and of backends that run whole models elsewhere but keep a reference backend's
 * primitives for everything else. Override what differs; {@link #close()} closes the delegate.
 */
public abstract class ForwardingBackend implements Backend {
    private final Backend delegate;

    /** Forwards to {@code delegate}, which this backend owns (closes). */
    protected ForwardingBackend(Backend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The backend calls are forwarded to. */
    protected Backend delegate() {
        return delegate;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta, MatrixView c) {
        delegate.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    public void addRowVector(float[] v, int vOffset, MatrixView c) {
        delegate.addRowVector(v, vOffset, c);
    }

    @Override
    public void sumRows(MatrixView a, float[] out, int outOffset, boolean accumulate) {
        delegate.sumRows(a, out, outOffset, accumulate);
    }

    @Override
    public void activation(Activation f, MatrixView x, MatrixView y) {
        delegate.activation(f, x, y);
    }

    @Override
    public void activationBackward(Activation f, MatrixView y, MatrixView dy, MatrixView dx, boolean accumulate) {
        delegate.activationBackward(f, y, dy, dx, accumulate);
    }

    @Override
    public void mul(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        delegate.mul(a, b, c, accumulate);
    }

    @Override
    public void axpby(float alpha, MatrixView a, float beta, MatrixView b, MatrixView c) {
        delegate.axpby(alpha, a, beta, b, c);
    }

    @Override
    public void fill(MatrixView x, float value) {
        delegate.fill(x, value);
    }

    @Override
    public void copy(MatrixView src, MatrixView dst) {
        delegate.copy(src, dst);
    }

    @Override
    public void selectRows(float[] rowMask, int maskOffset, MatrixView a, MatrixView b, MatrixView c) {
        delegate.selectRows(rowMask, maskOffset, a, b, c);
    }

    @Override
    public void zeroRows(float[] rowMask, int maskOffset, MatrixView x) {
        delegate.zeroRows(rowMask, maskOffset, x);
    }

    @Override
    public void gatherRows(MatrixView table, int[] indices, int offset, MatrixView out) {
        delegate.gatherRows(table, indices, offset, out);
    }

    @Override
    public void scatterAddRows(MatrixView src, int[] indices, int offset, MatrixView table) {
        delegate.scatterAddRows(src, indices, offset, table);
    }

    @Override
    public void softmaxRows(MatrixView x, MatrixView y) {
        delegate.softmaxRows(x, y);
    }

    @Override
    public double dot(MatrixView a, MatrixView b) {
        return delegate.dot(a, b);
    }

    @Override
    public double sum(MatrixView a) {
        return delegate.sum(a);
    }

    @Override
    public Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        return delegate.recurrentKernel(cell);
    }

    /** The delegate's, for a decorator; a backend that runs whole models itself overrides this. */
    @Override
    public Optional<WholeModelRunner> wholeModel(io.rnn4j.core.model.Network network) {
        return delegate.wholeModel(network);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
