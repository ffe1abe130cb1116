package io.rnn4j.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species and the one-dimensional element-wise loops that the primitives and the fused
 * kernels are built from. Each loop handles whole vectors and finishes with a scalar tail (masked
 * loads and stores are not intrinsified on JDK 17 and would be slower than the tail).
 *
 * <p>Transcendental loops ({@link #sigmoid}, {@link #tanh}) each hold exactly one transcendental
 * ({@link VMath}): every Vector API call is inlined through several layers, and a loop body with
 * several long expansions exceeds C2's inlining budget, after which vectors are boxed and the loop runs
 * several times slower (see docs/BENCHMARKS.md).
 */
final class Vec {
    /** The preferred species (512 bits on AVX-512 machines, 256 on AVX2). */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int V = S.length();

    private Vec() {
    }

    /** {@code n} rounded up to a whole number of vectors. */
    static int roundUp(int n) {
        return (n + V - 1) / V * V;
    }

    /** {@code c = a * b}, or {@code c += a * b}. */
    static void mul(float[] a, int ai, float[] b, int bi, float[] c, int ci, int n, boolean accumulate) {
        int j = 0;
        int bound = S.loopBound(n);
        if (accumulate) {
            for (; j < bound; j += V) {
                FloatVector.fromArray(S, a, ai + j).fma(FloatVector.fromArray(S, b, bi + j),
                        FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] = Math.fma(a[ai + j], b[bi + j], c[ci + j]);
            }
        } else {
            for (; j < bound; j += V) {
                FloatVector.fromArray(S, a, ai + j).mul(FloatVector.fromArray(S, b, bi + j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] = a[ai + j] * b[bi + j];
            }
        }
    }

    /** {@code c = alpha * a + beta * b}. */
    static void axpby(float alpha, float[] a, int ai, float beta, float[] b, int bi, float[] c, int ci, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (; j < bound; j += V) {
            FloatVector.fromArray(S, a, ai + j).fma(va, FloatVector.fromArray(S, b, bi + j).mul(vb))
                    .intoArray(c, ci + j);
        }
        for (; j < n; j++) {
            c[ci + j] = Math.fma(a[ai + j], alpha, b[bi + j] * beta);
        }
    }

    /** {@code c += v}. */
    static void addInto(float[] v, int vi, float[] c, int ci, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += V) {
            FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, v, vi + j)).intoArray(c, ci + j);
        }
        for (; j < n; j++) {
            c[ci + j] += v[vi + j];
        }
    }

    /**
     * {@code y = 1 / (1 + exp(-x))} ({@link VMath#sigmoid}); the tail through a lane mask, so that every
     * element gets the same function.
     */
    static void sigmoid(float[] x, int xi, float[] y, int yi, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += V) {
            VMath.sigmoid(FloatVector.fromArray(S, x, xi + j)).intoArray(y, yi + j);
        }
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            VMath.sigmoid(FloatVector.fromArray(S, x, xi + j, m)).intoArray(y, yi + j, m);
        }
    }

    /** {@code y = tanh(x)} ({@link VMath#tanh}). */
    static void tanh(float[] x, int xi, float[] y, int yi, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += V) {
            VMath.tanh(FloatVector.fromArray(S, x, xi + j)).intoArray(y, yi + j);
        }
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            VMath.tanh(FloatVector.fromArray(S, x, xi + j, m)).intoArray(y, yi + j, m);
        }
    }

    /** {@code y = max(0, x)}, NaN kept (Java's {@code max} semantics, as the reference). */
    static void relu(float[] x, int xi, float[] y, int yi, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (; j < bound; j += V) {
            FloatVector.fromArray(S, x, xi + j).max(zero).intoArray(y, yi + j);
        }
        for (; j < n; j++) {
            y[yi + j] = Math.max(0f, x[xi + j]);
        }
    }

    /** {@code dx = dy * y (1 - y)} (sigmoid), or {@code +=}. */
    static void sigmoidBackward(float[] y, int yi, float[] dy, int dyi, float[] dx, int dxi, int n, boolean acc) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; j < bound; j += V) {
            FloatVector vy = FloatVector.fromArray(S, y, yi + j);
            FloatVector d = FloatVector.fromArray(S, dy, dyi + j).mul(vy.mul(one.sub(vy)));
            if (acc) {
                d = d.add(FloatVector.fromArray(S, dx, dxi + j));
            }
            d.intoArray(dx, dxi + j);
        }
        for (; j < n; j++) {
            float v = y[yi + j];
            float d = dy[dyi + j] * (v * (1f - v));
            dx[dxi + j] = acc ? dx[dxi + j] + d : d;
        }
    }

    /** {@code dx = dy * (1 - y^2)} (tanh), or {@code +=}. */
    static void tanhBackward(float[] y, int yi, float[] dy, int dyi, float[] dx, int dxi, int n, boolean acc) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; j < bound; j += V) {
            FloatVector vy = FloatVector.fromArray(S, y, yi + j);
            FloatVector d = FloatVector.fromArray(S, dy, dyi + j).mul(vy.neg().fma(vy, one));
            if (acc) {
                d = d.add(FloatVector.fromArray(S, dx, dxi + j));
            }
            d.intoArray(dx, dxi + j);
        }
        for (; j < n; j++) {
            float v = y[yi + j];
            float d = dy[dyi + j] * (1f - v * v);
            dx[dxi + j] = acc ? dx[dxi + j] + d : d;
        }
    }

    /** {@code dx = dy * (y > 0 ? 1 : 0)} (relu), or {@code +=}; a product, as in the reference, so NaN in dy shows. */
    static void reluBackward(float[] y, int yi, float[] dy, int dyi, float[] dx, int dxi, int n, boolean acc) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; j < bound; j += V) {
            FloatVector vy = FloatVector.fromArray(S, y, yi + j);
            FloatVector d = FloatVector.fromArray(S, dy, dyi + j)
                    .mul(zero.blend(one, vy.compare(VectorOperators.GT, 0f)));
            if (acc) {
                d = d.add(FloatVector.fromArray(S, dx, dxi + j));
            }
            d.intoArray(dx, dxi + j);
        }
        for (; j < n; j++) {
            float d = dy[dyi + j] * (y[yi + j] > 0 ? 1f : 0f);
            dx[dxi + j] = acc ? dx[dxi + j] + d : d;
        }
    }

    /** {@code dx = dy}, or {@code +=} (identity). */
    static void identityBackward(float[] dy, int dyi, float[] dx, int dxi, int n, boolean acc) {
        if (acc) {
            addInto(dy, dyi, dx, dxi, n);
        } else {
            System.arraycopy(dy, dyi, dx, dxi, n);
        }
    }

    /** The largest element of a non-empty range. */
    static float max(float[] x, int xi, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        float m = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector vm = FloatVector.fromArray(S, x, xi);
            for (j = V; j < bound; j += V) {
                vm = vm.max(FloatVector.fromArray(S, x, xi + j));
            }
            m = vm.reduceLanes(VectorOperators.MAX);
        }
        for (; j < n; j++) {
            m = Math.max(m, x[xi + j]);
        }
        return m;
    }

    /**
     * The maximum of each of {@code cols} columns over {@code rows} rows (row {@code r} at {@code xi + r * ld}) into
     * {@code out[oi ..]}: {@code m = v > m ? v : m} lane by lane from the first row, the same comparisons as the
     * scalar loop of {@link io.rnn4j.core.spi.Backend#maxRows} (first of equals stands, NaN never replaces).
     */
    static void maxRows(float[] x, int xi, int ld, int rows, int cols, float[] out, int oi) {
        int j = 0;
        int bound = S.loopBound(cols);
        for (; j < bound; j += V) {
            FloatVector m = FloatVector.fromArray(S, x, xi + j);
            for (int r = 1; r < rows; r++) {
                FloatVector v = FloatVector.fromArray(S, x, xi + r * ld + j);
                m = m.blend(v, v.compare(VectorOperators.GT, m));
            }
            m.intoArray(out, oi + j);
        }
        for (; j < cols; j++) {
            float m = x[xi + j];
            for (int r = 1; r < rows; r++) {
                float v = x[xi + r * ld + j];
                m = v > m ? v : m;
            }
            out[oi + j] = m;
        }
    }

    /** {@code y = exp(x - shift)} ({@link VMath#exp}), returning the sum of the results (in double). */
    static double expShifted(float[] x, int xi, float shift, float[] y, int yi, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (; j < bound; j += V) {
            FloatVector e = VMath.exp(FloatVector.fromArray(S, x, xi + j).sub(shift));
            e.intoArray(y, yi + j);
            acc = acc.add(e);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector e = VMath.exp(FloatVector.fromArray(S, x, xi + j, m).sub(shift));
            e.intoArray(y, yi + j, m);
            sum += FloatVector.zero(S).blend(e, m).reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }

    /**
     * {@code acc[j] += sum_r g[off + r * ld + j]} for {@code j in [j0, j1)}, a whole number of vectors:
     * summed in float over the {@code rows}, added to the double accumulators, so that summing thousands of
     * rows (all steps of a batch) loses no more than the reference backend's double sums. {@code scratch}
     * holds one vector.
     */
    static void addColumnSums(float[] g, int off, int rows, int ld, int j0, int j1, double[] acc, float[] scratch) {
        for (int j = j0; j < j1; j += V) {
            FloatVector sum = FloatVector.fromArray(S, g, off + j);
            for (int r = 1; r < rows; r++) {
                sum = sum.add(FloatVector.fromArray(S, g, off + r * ld + j));
            }
            sum.intoArray(scratch, 0);
            for (int l = 0; l < V; l++) {
                acc[j + l] += scratch[l];
            }
        }
    }

    /** {@code x *= s}. */
    static void scale(float[] x, int xi, float s, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += V) {
            FloatVector.fromArray(S, x, xi + j).mul(s).intoArray(x, xi + j);
        }
        for (; j < n; j++) {
            x[xi + j] *= s;
        }
    }
}
