package io.rnn4j.core.spi;

import io.rnn4j.core.Activation;
import java.util.Optional;
import java.util.Set;

/**
 * An execution backend: the primitive operations that the layer math in {@code rnn4j-layers} is
 * written over, and optional fused recurrent kernels.
 *
 * <p>Every primitive works on {@link MatrixView}s. Unless a method says otherwise: views passed as
 * inputs are not modified; an output view may be the same window as an input (in-place use) but must
 * not partially overlap one; shapes must agree, and a backend throws {@link IllegalArgumentException}
 * when they do not. Implementations need not be thread-safe: a backend instance is used by one
 * training or inference loop at a time.
 */
public interface Backend extends AutoCloseable {

    /** The id of the provider that created this backend. */
    String id();

    /** What this backend can do. */
    Set<Capability> capabilities();

    /** Whether this backend has a capability. */
    default boolean has(Capability c) {
        return capabilities().contains(c);
    }

    /**
     * General matrix product {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is
     * {@code X} or its transpose. With {@code beta == 0}, {@code C}'s previous contents are ignored
     * (even NaN). {@code C} must not overlap {@code A} or {@code B}.
     *
     * @param transA whether to use {@code A}'s transpose
     * @param transB whether to use {@code B}'s transpose
     * @param alpha  scale of the product
     * @param a      {@code [m, k]}, or {@code [k, m]} when {@code transA}
     * @param b      {@code [k, n]}, or {@code [n, k]} when {@code transB}
     * @param beta   scale of the previous {@code C}
     * @param c      {@code [m, n]}
     */
    void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta, MatrixView c);

    /** Adds the row vector {@code v[vOffset .. vOffset + c.cols())} to every row of {@code c}. */
    void addRowVector(float[] v, int vOffset, MatrixView c);

    /**
     * Column sums: {@code out[outOffset + j] = sum_r a(r, j)}, or {@code +=} that when
     * {@code accumulate}. Used for bias gradients.
     */
    void sumRows(MatrixView a, float[] out, int outOffset, boolean accumulate);

    /** Element-wise {@code y = f(x)}. */
    void activation(Activation f, MatrixView x, MatrixView y);

    /**
     * Element-wise {@code dx = dy * f'(x)} where the derivative is computed from the function's output
     * {@code y = f(x)} (see {@link Activation#derivativeFromOutput(float)}); {@code dx += ...} when
     * {@code accumulate}.
     */
    void activationBackward(Activation f, MatrixView y, MatrixView dy, MatrixView dx, boolean accumulate);

    /** Element-wise product {@code c = a * b}, or {@code c += a * b} when {@code accumulate}. */
    void mul(MatrixView a, MatrixView b, MatrixView c, boolean accumulate);

    /**
     * Element-wise linear combination {@code c = alpha * a + beta * b}.
     *
     * <p>With {@code beta == 0} ({@code 0f} or {@code -0f}), {@code b} is not read: the result is
     * {@code c = alpha * a}, finite wherever {@code alpha * a} is, even where {@code b} holds NaN or an
     * infinity (as {@link #gemm} ignores {@code C}'s previous contents with {@code beta == 0}, and as BLAS
     * does), so a caller may scale into a buffer whose old contents are garbage. With any other
     * {@code beta}, IEEE arithmetic applies (NaN in {@code b} gives NaN in {@code c}). The conformance
     * suite checks both.
     */
    void axpby(float alpha, MatrixView a, float beta, MatrixView b, MatrixView c);

    /** Sets every element of {@code x} to {@code value}. */
    void fill(MatrixView x, float value);

    /** Copies {@code src} into {@code dst}. */
    void copy(MatrixView src, MatrixView dst);

    /**
     * Row selection: {@code c[r, :] = rowMask[maskOffset + r] != 0 ? a[r, :] : b[r, :]}. A selection,
     * not arithmetic: a NaN in the row that is not chosen never reaches {@code c}. Used to keep the
     * state of sequences that are padded at a step.
     */
    void selectRows(float[] rowMask, int maskOffset, MatrixView a, MatrixView b, MatrixView c);

    /** Sets row {@code r} of {@code x} to zero wherever {@code rowMask[maskOffset + r] == 0}. */
    void zeroRows(float[] rowMask, int maskOffset, MatrixView x);

    /**
     * Gathers rows of a table: {@code out[i, :] = table[indices[offset + i], :]} for each row {@code i}
     * of {@code out}. Every index must be in {@code [0, table.rows())}, and {@code out} must have as many
     * columns as {@code table} ({@link IllegalArgumentException} otherwise).
     */
    void gatherRows(MatrixView table, int[] indices, int offset, MatrixView out);

    /**
     * Scatter-add, the adjoint of {@link #gatherRows}: {@code table[indices[offset + i], :] += src[i, :]}
     * for each row {@code i} of {@code src}; repeated indices accumulate. {@code src} must have as many
     * columns as {@code table} ({@link IllegalArgumentException} otherwise).
     */
    void scatterAddRows(MatrixView src, int[] indices, int offset, MatrixView table);

    /** Row-wise softmax {@code y[r, :] = exp(x[r, :] - max) / sum(exp(x[r, :] - max))}. */
    void softmaxRows(MatrixView x, MatrixView y);

    /** The sum of {@code a * b} over all elements (a reduction; {@code dot(x, x)} is a squared norm). */
    double dot(MatrixView a, MatrixView b);

    /** The sum of all elements. */
    double sum(MatrixView a);

    /**
     * The maximum of every column of {@code x} (at least one row) into the one row of {@code out}: a value
     * replaces the running maximum only when it is greater ({@code v > m}), row by row from the first, so
     * the first of equal values stands ({@code -0.0} before {@code 0.0} stays {@code -0.0}) and a NaN never
     * replaces a number (a NaN in the first row stays). Max pooling over the valid steps of one sequence. The
     * default is the scalar loop; a backend may compute it with vectors, bit for bit the same.
     *
     * @throws IllegalArgumentException if {@code x} has no row, or {@code out} is not one row of {@code x.cols()}
     */
    default void maxRows(MatrixView x, MatrixView out) {
        MatrixChecks.requireMaxRows(x, out);
        for (int c = 0; c < x.cols(); c++) {
            float m = x.get(0, c);
            for (int r = 1; r < x.rows(); r++) {
                float v = x.get(r, c);
                m = v > m ? v : m;
            }
            out.set(0, c, m);
        }
    }

    /**
     * The whole {@code network} (bound to this backend) as one runner in this backend's own engine, for inference;
     * empty (the default) for a backend that runs a network layer by layer through its primitives. A backend that
     * runs graphs (e.g. the {@code onnxruntime} backend, which runs the network's ONNX export, checked against the
     * reference backend) returns one, and {@code ModelLoader} predicts through it. Ask this, never the backend's id.
     *
     * @throws io.rnn4j.core.Rnn4jException if the backend runs whole models but cannot run this one
     */
    default Optional<WholeModelRunner> wholeModel(io.rnn4j.core.model.Network network) {
        return Optional.empty();
    }

    /**
     * A fused whole-sequence kernel for one direction of one recurrent layer, if this backend has one.
     * When present, {@link #capabilities()} must contain {@link CellKind#fusedCapability()}.
     */
    default Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        return Optional.empty();
    }

    /** Releases threads or native memory held by this backend. */
    @Override
    default void close() {
    }
}
