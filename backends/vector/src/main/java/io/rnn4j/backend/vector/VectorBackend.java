package io.rnn4j.backend.vector;

import static io.rnn4j.core.spi.MatrixChecks.requireNoPartialOverlap;
import static io.rnn4j.core.spi.MatrixChecks.requireRange;
import static io.rnn4j.core.spi.MatrixChecks.requireSameShape;
import static io.rnn4j.core.spi.MatrixChecks.shape;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixChecks;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.RecurrentKernel;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fast CPU backend: every {@link Backend} primitive on the JDK Vector API, a panel-packed
 * register-blocked matrix product ({@link Gemm}), and fused whole-sequence kernels for simple RNN, LSTM
 * and GRU cells ({@link FusedRecurrentKernel}).
 *
 * <p>Numerics: products and element-wise operations accumulate in {@code float} with fused
 * multiply-add (the reference accumulates in {@code double}); {@code dot}, {@code sum} and
 * {@code sumRows} accumulate in {@code double}. Transcendentals are the Vector API's own
 * ({@code EXP}, {@code TANH}), which are within a few ulp.
 *
 * <p>Not thread-safe (as the SPI allows): one instance serves one training or inference loop. It holds
 * reusable scratch buffers and, when {@code threads > 1}, the fused kernels' worker thread, which
 * {@link #close()} stops.
 */
public final class VectorBackend implements Backend {
    private final Set<Capability> capabilities;
    private final int threads;
    private final boolean adaptiveThreads;
    private final Panels packedB = new Panels();
    private final float[][] tiles = {new float[Gemm.TILE], new float[Gemm.TILE]};
    private final Map<CellKind, RecurrentKernel> kernels = new EnumMap<>(CellKind.class);
    private final Workspaces workspaces = new Workspaces();
    private Team team;

    /** Multiply-adds above which {@link #gemm} shares its rows with the worker (a dense layer over all steps). */
    private static final long PARALLEL_GEMM_FLOPS = 1L << 21;

    /**
     * Backend property that says how the fused kernels use a thread budget of 2: {@code adaptive}
     * (default) measures per call shape whether the second thread helps on this machine under its
     * current load, {@code fixed} always uses it (for benchmarks).
     */
    public static final String THREADING = "vector.threading";

    /** Creates the backend; {@code options.threads()} bounds the threads of the fused kernels. */
    public VectorBackend(BackendOptions options) {
        this.threads = Math.max(1, Math.min(Team.MAX_THREADS, options.threads()));
        String threading = options.properties().getOrDefault(THREADING, "adaptive");
        if (!threading.equals("adaptive") && !threading.equals("fixed")) {
            throw new IllegalArgumentException("backend property " + THREADING + " is '" + threading
                    + "'; allowed: adaptive (measure whether a second thread helps, the default) or fixed"
                    + " (always use the thread budget)");
        }
        this.adaptiveThreads = threading.equals("adaptive");
        EnumSet<Capability> caps = EnumSet.of(Capability.TRAINING, Capability.INFERENCE, Capability.FUSED_RNN,
                Capability.FUSED_LSTM, Capability.FUSED_GRU);
        if (threads > 1) {
            caps.add(Capability.MULTITHREADED);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override
    public String id() {
        return VectorBackendProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** Threads the fused kernels use (1 or 2). */
    public int threads() {
        return threads;
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta,
            MatrixView c) {
        MatrixChecks.requireGemm(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (m == 0 || n == 0) {
            return;
        }
        int nPad = Vec.roundUp(n);
        packedB.pack(k, n, nPad, Panels.whole(nPad), b.data(), b.offset(), transB ? 1 : b.stride(),
                transB ? b.stride() : 1, null, null);
        int aRs = transA ? 1 : a.stride();
        int aCs = transA ? a.stride() : 1;
        Team team = (long) m * n * k >= PARALLEL_GEMM_FLOPS && m >= 32 ? team() : null;
        if (team == null) {
            Gemm.multiply(0, m, k, alpha, a.data(), a.offset(), aRs, aCs, packedB, 0, packedB.count, beta, null,
                    c.data(), c.offset(), c.stride(), n, tiles[0]);
        } else {
            // rows cut into items that either thread takes (each element is summed in the same order either
            // way, so the result does not depend on the split)
            int items = 8;
            team.runItems(items, (i, member) -> {
                int chunk = ((m + items - 1) / items + 3) & ~3;
                int i0 = Math.min(m, i * chunk);
                int i1 = Math.min(m, i0 + chunk);
                Gemm.multiply(i0, i1, k, alpha, a.data(), a.offset(), aRs, aCs, packedB, 0, packedB.count, beta,
                        null, c.data(), c.offset(), c.stride(), n, tiles[member]);
            });
        }
    }

    @Override
    public void addRowVector(float[] v, int vOffset, MatrixView c) {
        requireRange("addRowVector", "v", v.length, vOffset, c.cols(), "columns of c", c);
        requireNoPartialOverlap("addRowVector", "c", c, "v", new MatrixView(v, vOffset, 1, c.cols(), c.cols()));
        for (int r = 0; r < c.rows(); r++) {
            Vec.addInto(v, vOffset, c.data(), c.index(r, 0), c.cols());
        }
    }

    @Override
    public void sumRows(MatrixView a, float[] out, int outOffset, boolean accumulate) {
        requireRange("sumRows", "out", out.length, outOffset, a.cols(), "columns of a", a);
        requireNoPartialOverlap("sumRows", "out", new MatrixView(out, outOffset, 1, a.cols(), a.cols()), "a", a);
        // double accumulators, as the reference: bias gradients sum thousands of rows
        double[] s = new double[a.cols()];
        float[] d = a.data();
        for (int r = 0; r < a.rows(); r++) {
            int base = a.index(r, 0);
            for (int j = 0; j < s.length; j++) {
                s[j] += d[base + j];
            }
        }
        for (int j = 0; j < s.length; j++) {
            out[outOffset + j] = (float) (accumulate ? s[j] + out[outOffset + j] : s[j]);
        }
    }

    @Override
    public void activation(Activation f, MatrixView x, MatrixView y) {
        requireSameShape("activation", f, "x", x, "y", y);
        requireNoPartialOverlap("activation", f, "y", y, "x", x);
        float[] xd = x.data();
        float[] yd = y.data();
        int n = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            int xi = x.index(r, 0);
            int yi = y.index(r, 0);
            switch (f) {
                case IDENTITY -> System.arraycopy(xd, xi, yd, yi, n);
                case SIGMOID -> Vec.sigmoid(xd, xi, yd, yi, n);
                case TANH -> Vec.tanh(xd, xi, yd, yi, n);
                case RELU -> Vec.relu(xd, xi, yd, yi, n);
            }
        }
    }

    @Override
    public void activationBackward(Activation f, MatrixView y, MatrixView dy, MatrixView dx, boolean accumulate) {
        String op = "activationBackward";
        requireSameShape(op, f, "y", y, "dy", dy);
        requireSameShape(op, f, "y", y, "dx", dx);
        requireNoPartialOverlap(op, f, "dx", dx, "y", y);
        requireNoPartialOverlap(op, f, "dx", dx, "dy", dy);
        int n = y.cols();
        for (int r = 0; r < y.rows(); r++) {
            int yi = y.index(r, 0);
            int dyi = dy.index(r, 0);
            int dxi = dx.index(r, 0);
            switch (f) {
                case IDENTITY -> Vec.identityBackward(dy.data(), dyi, dx.data(), dxi, n, accumulate);
                case SIGMOID -> Vec.sigmoidBackward(y.data(), yi, dy.data(), dyi, dx.data(), dxi, n, accumulate);
                case TANH -> Vec.tanhBackward(y.data(), yi, dy.data(), dyi, dx.data(), dxi, n, accumulate);
                case RELU -> Vec.reluBackward(y.data(), yi, dy.data(), dyi, dx.data(), dxi, n, accumulate);
            }
        }
    }

    @Override
    public void mul(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        requireSameShape("mul", "a", a, "b", b);
        requireSameShape("mul", "a", a, "c", c);
        requireNoPartialOverlap("mul", "c", c, "a", a);
        requireNoPartialOverlap("mul", "c", c, "b", b);
        for (int r = 0; r < c.rows(); r++) {
            Vec.mul(a.data(), a.index(r, 0), b.data(), b.index(r, 0), c.data(), c.index(r, 0), c.cols(), accumulate);
        }
    }

    @Override
    public void axpby(float alpha, MatrixView a, float beta, MatrixView b, MatrixView c) {
        requireSameShape("axpby", "a", a, "b", b);
        requireSameShape("axpby", "a", a, "c", c);
        requireNoPartialOverlap("axpby", "c", c, "a", a);
        requireNoPartialOverlap("axpby", "c", c, "b", b);
        if (beta == 0f) {
            // beta == 0: b is not read (the Backend contract), so NaN in b does not reach c
            for (int r = 0; r < c.rows(); r++) {
                if (c.data() != a.data() || c.index(r, 0) != a.index(r, 0)) {
                    System.arraycopy(a.data(), a.index(r, 0), c.data(), c.index(r, 0), c.cols());
                }
                Vec.scale(c.data(), c.index(r, 0), alpha, c.cols());
            }
            return;
        }
        for (int r = 0; r < c.rows(); r++) {
            Vec.axpby(alpha, a.data(), a.index(r, 0), beta, b.data(), b.index(r, 0), c.data(), c.index(r, 0),
                    c.cols());
        }
    }

    @Override
    public void fill(MatrixView x, float value) {
        for (int r = 0; r < x.rows(); r++) {
            int i = x.index(r, 0);
            Arrays.fill(x.data(), i, i + x.cols(), value);
        }
    }

    @Override
    public void copy(MatrixView src, MatrixView dst) {
        requireSameShape("copy", "src", src, "dst", dst);
        requireNoPartialOverlap("copy", "dst", dst, "src", src);
        for (int r = 0; r < src.rows(); r++) {
            System.arraycopy(src.data(), src.index(r, 0), dst.data(), dst.index(r, 0), src.cols());
        }
    }

    @Override
    public void selectRows(float[] rowMask, int maskOffset, MatrixView a, MatrixView b, MatrixView c) {
        requireSameShape("selectRows", "a", a, "b", b);
        requireSameShape("selectRows", "a", a, "c", c);
        requireRange("selectRows", "rowMask", rowMask.length, maskOffset, c.rows(), "rows of c", c);
        requireNoPartialOverlap("selectRows", "c", c, "a", a);
        requireNoPartialOverlap("selectRows", "c", c, "b", b);
        for (int r = 0; r < c.rows(); r++) {
            MatrixView chosen = rowMask[maskOffset + r] != 0 ? a : b; // a copy, never arithmetic on both
            System.arraycopy(chosen.data(), chosen.index(r, 0), c.data(), c.index(r, 0), c.cols());
        }
    }

    @Override
    public void zeroRows(float[] rowMask, int maskOffset, MatrixView x) {
        requireRange("zeroRows", "rowMask", rowMask.length, maskOffset, x.rows(), "rows of x", x);
        for (int r = 0; r < x.rows(); r++) {
            if (rowMask[maskOffset + r] == 0) {
                int i = x.index(r, 0);
                Arrays.fill(x.data(), i, i + x.cols(), 0f);
            }
        }
    }

    @Override
    public void gatherRows(MatrixView table, int[] indices, int offset, MatrixView out) {
        MatrixView source = MatrixChecks.gatherSource(table, indices, offset, out);
        for (int i = 0; i < out.rows(); i++) {
            System.arraycopy(source.data(), source.index(indices[offset + i], 0), out.data(), out.index(i, 0),
                    out.cols());
        }
    }

    @Override
    public void scatterAddRows(MatrixView src, int[] indices, int offset, MatrixView table) {
        MatrixView source = MatrixChecks.scatterSource(src, indices, offset, table);
        for (int i = 0; i < src.rows(); i++) {
            Vec.addInto(source.data(), source.index(i, 0), table.data(), table.index(indices[offset + i], 0),
                    table.cols());
        }
    }

    @Override
    public void maxRows(MatrixView x, MatrixView out) {
        MatrixChecks.requireMaxRows(x, out);
        Vec.maxRows(x.data(), x.offset(), x.stride(), x.rows(), x.cols(), out.data(), out.offset());
    }

    @Override
    public void softmaxRows(MatrixView x, MatrixView y) {
        requireSameShape("softmaxRows", "x", x, "y", y);
        requireNoPartialOverlap("softmaxRows", "y", y, "x", x);
        int n = x.cols();
        if (n == 0) {
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            int xi = x.index(r, 0);
            int yi = y.index(r, 0);
            // subtracting the max keeps exp <= 1: no overflow; each x is read before y (maybe x) is written
            float max = Vec.max(x.data(), xi, n);
            double sum = Vec.expShifted(x.data(), xi, max, y.data(), yi, n);
            Vec.scale(y.data(), yi, (float) (1.0 / sum), n);
        }
    }

    @Override
    public double dot(MatrixView a, MatrixView b) {
        requireSameShape("dot", "a", a, "b", b);
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            int ai = a.index(r, 0);
            int bi = b.index(r, 0);
            for (int j = 0; j < a.cols(); j++) {
                s += (double) a.data()[ai + j] * b.data()[bi + j];
            }
        }
        return s;
    }

    @Override
    public double sum(MatrixView a) {
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            int ai = a.index(r, 0);
            for (int j = 0; j < a.cols(); j++) {
                s += a.data()[ai + j];
            }
        }
        return s;
    }

    @Override
    public Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        if (!capabilities.contains(cell.fusedCapability())) {
            // no fused kernel for this cell (the reset-before GRU): the layer composes this backend's primitives
            return Optional.empty();
        }
        return Optional.of(kernels.computeIfAbsent(cell, k -> new FusedRecurrentKernel(k, workspaces, this::team,
                adaptiveThreads)));
    }

    /** The worker team of the fused kernels, started on first use; null when single-threaded. */
    private Team team() {
        if (threads > 1 && team == null) {
            team = new Team(threads);
        }
        return team;
    }

    /** Stops the fused kernels' worker thread, if one was started. */
    @Override
    public void close() {
        if (team != null) {
            team.close();
            team = null;
        }
    }

    @Override
    public String toString() {
        return "VectorBackend[" + Vec.S + ", threads=" + threads + "]";
    }
}
