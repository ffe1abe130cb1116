package io.rnn4j.backend.cpu;

import static io.rnn4j.core.spi.MatrixChecks.requireNoPartialOverlap;
import static io.rnn4j.core.spi.MatrixChecks.requireRange;
import static io.rnn4j.core.spi.MatrixChecks.requireSameShape;
import static io.rnn4j.core.spi.MatrixChecks.shape;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixChecks;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.RecurrentKernel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference implementation of every {@link Backend} primitive: plain loops, one output element at
 * a time, each computed in {@code double} and rounded to {@code float} once. It is the ground truth for
 * the conformance suite, so it is written to be obviously correct and checks every argument (see the
 * package documentation); it is single-threaded and makes no attempt to be fast.
 */
public final class CpuBackend implements Backend {
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.of(Capability.TRAINING, Capability.INFERENCE, Capability.FLOAT64_ACCUMULATION));

    /** Creates the backend; it holds no resources. */
    public CpuBackend() {
    }

    @Override
    public String id() {
        return CpuBackendProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, MatrixView a, MatrixView b, float beta,
            MatrixView c) {
        MatrixChecks.requireGemm(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a.get(p, i) : a.get(i, p);
                    double bpj = transB ? b.get(j, p) : b.get(p, j);
                    s += aip * bpj;
                }
                // beta == 0 must not read C: 0 * NaN would be NaN, and C may be uninitialised.
                double previous = beta == 0f ? 0 : (double) beta * c.get(i, j);
                c.set(i, j, (float) (alpha * s + previous));
            }
        }
    }

    @Override
    public void addRowVector(float[] v, int vOffset, MatrixView c) {
        requireRange("addRowVector", "v", v.length, vOffset, c.cols(), "columns of c", c);
        requireNoPartialOverlap("addRowVector", "c", c, "v", new MatrixView(v, vOffset, 1, c.cols(), c.cols()));
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < c.cols(); j++) {
                c.set(r, j, (float) ((double) c.get(r, j) + v[vOffset + j]));
            }
        }
    }

    @Override
    public void sumRows(MatrixView a, float[] out, int outOffset, boolean accumulate) {
        requireRange("sumRows", "out", out.length, outOffset, a.cols(), "columns of a", a);
        requireNoPartialOverlap("sumRows", "out", new MatrixView(out, outOffset, 1, a.cols(), a.cols()), "a", a);
        for (int j = 0; j < a.cols(); j++) {
            double s = accumulate ? out[outOffset + j] : 0;
            for (int r = 0; r < a.rows(); r++) {
                s += a.get(r, j);
            }
            out[outOffset + j] = (float) s;
        }
    }

    @Override
    public void activation(Activation f, MatrixView x, MatrixView y) {
        requireSameShape("activation", f, "x", x, "y", y);
        requireNoPartialOverlap("activation", f, "y", y, "x", x);
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                y.set(r, j, (float) apply(f, x.get(r, j)));
            }
        }
    }

    /** {@code f(x)} in double. */
    static double apply(Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            // Two branches so that exp never overflows: 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below.
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case TANH -> Math.tanh(x);
            // Math.max keeps a NaN visible; "x > 0 ? x : 0" would turn it into 0 and hide a divergence.
            case RELU -> Math.max(0.0, x);
        };
    }

    @Override
    public void activationBackward(Activation f, MatrixView y, MatrixView dy, MatrixView dx, boolean accumulate) {
        String op = "activationBackward";
        requireSameShape(op, f, "y", y, "dy", dy);
        requireSameShape(op, f, "y", y, "dx", dx);
        requireNoPartialOverlap(op, f, "dx", dx, "y", y);
        requireNoPartialOverlap(op, f, "dx", dx, "dy", dy);
        for (int r = 0; r < y.rows(); r++) {
            for (int j = 0; j < y.cols(); j++) {
                double d = (double) dy.get(r, j) * derivativeFromOutput(f, y.get(r, j));
                dx.set(r, j, (float) (accumulate ? dx.get(r, j) + d : d));
            }
        }
    }

    /** {@code f'(x)} from {@code y = f(x)}, as {@link Activation#derivativeFromOutput(float)} defines it, in double. */
    static double derivativeFromOutput(Activation f, double y) {
        return switch (f) {
            case IDENTITY -> 1;
            case SIGMOID -> y * (1 - y);
            case TANH -> 1 - y * y;
            case RELU -> y > 0 ? 1 : 0;
        };
    }

    @Override
    public void mul(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        requireSameShape("mul", "a", a, "b", b);
        requireSameShape("mul", "a", a, "c", c);
        requireNoPartialOverlap("mul", "c", c, "a", a);
        requireNoPartialOverlap("mul", "c", c, "b", b);
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < c.cols(); j++) {
                double p = (double) a.get(r, j) * b.get(r, j);
                c.set(r, j, (float) (accumulate ? c.get(r, j) + p : p));
            }
        }
    }

    @Override
    public void axpby(float alpha, MatrixView a, float beta, MatrixView b, MatrixView c) {
        requireSameShape("axpby", "a", a, "b", b);
        requireSameShape("axpby", "a", a, "c", c);
        requireNoPartialOverlap("axpby", "c", c, "a", a);
        requireNoPartialOverlap("axpby", "c", c, "b", b);
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < c.cols(); j++) {
                // beta == 0: b is not read (the Backend contract), so NaN in b does not reach c
                c.set(r, j, beta == 0f ? (float) ((double) alpha * a.get(r, j))
                        : (float) ((double) alpha * a.get(r, j) + (double) beta * b.get(r, j)));
            }
        }
    }

    @Override
    public void fill(MatrixView x, float value) {
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                x.set(r, j, value);
            }
        }
    }

    @Override
    public void copy(MatrixView src, MatrixView dst) {
        requireSameShape("copy", "src", src, "dst", dst);
        requireNoPartialOverlap("copy", "dst", dst, "src", src);
        for (int r = 0; r < src.rows(); r++) {
            for (int j = 0; j < src.cols(); j++) {
                dst.set(r, j, src.get(r, j));
            }
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
            for (int j = 0; j < c.cols(); j++) {
                c.set(r, j, chosen.get(r, j));
            }
        }
    }

    @Override
    public void zeroRows(float[] rowMask, int maskOffset, MatrixView x) {
        requireRange("zeroRows", "rowMask", rowMask.length, maskOffset, x.rows(), "rows of x", x);
        for (int r = 0; r < x.rows(); r++) {
            if (rowMask[maskOffset + r] == 0) {
                for (int j = 0; j < x.cols(); j++) {
                    x.set(r, j, 0f);
                }
            }
        }
    }

    @Override
    public void gatherRows(MatrixView table, int[] indices, int offset, MatrixView out) {
        MatrixView source = MatrixChecks.gatherSource(table, indices, offset, out);
        for (int i = 0; i < out.rows(); i++) {
            int t = indices[offset + i];
            for (int j = 0; j < out.cols(); j++) {
                out.set(i, j, source.get(t, j));
            }
        }
    }

    @Override
    public void scatterAddRows(MatrixView src, int[] indices, int offset, MatrixView table) {
        MatrixView source = MatrixChecks.scatterSource(src, indices, offset, table);
        // Repeated indices form a reduction: sum each table row's contributions in double, round once.
        Map<Integer, List<Integer>> srcRowsByIndex = new LinkedHashMap<>();
        for (int i = 0; i < src.rows(); i++) {
            srcRowsByIndex.computeIfAbsent(indices[offset + i], t -> new ArrayList<>()).add(i);
        }
        srcRowsByIndex.forEach((t, srcRows) -> {
            for (int j = 0; j < table.cols(); j++) {
                double s = table.get(t, j);
                for (int i : srcRows) {
                    s += source.get(i, j);
                }
                table.set(t, j, (float) s);
            }
        });
    }

    @Override
    public void softmaxRows(MatrixView x, MatrixView y) {
        requireSameShape("softmaxRows", "x", x, "y", y);
        requireNoPartialOverlap("softmaxRows", "y", y, "x", x);
        double[] e = new double[x.cols()]; // the whole row is read before y is written, so x == y works
        for (int r = 0; r < x.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < x.cols(); j++) {
                max = Math.max(max, x.get(r, j));
            }
            double sum = 0;
            for (int j = 0; j < x.cols(); j++) {
                e[j] = Math.exp(x.get(r, j) - max); // subtracting the max keeps exp <= 1: no overflow
                sum += e[j];
            }
            for (int j = 0; j < x.cols(); j++) {
                y.set(r, j, (float) (e[j] / sum));
            }
        }
    }

    @Override
    public double dot(MatrixView a, MatrixView b) {
        requireSameShape("dot", "a", a, "b", b);
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            for (int j = 0; j < a.cols(); j++) {
                s += (double) a.get(r, j) * b.get(r, j);
            }
        }
        return s;
    }

    @Override
    public double sum(MatrixView a) {
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            for (int j = 0; j < a.cols(); j++) {
                s += a.get(r, j);
            }
        }
        return s;
    }

    /** None: the layers compose primitives on this backend, and that composition is the reference. */
    @Override
    public Optional<RecurrentKernel> recurrentKernel(CellKind cell) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "CpuBackend[reference]";
    }
}
