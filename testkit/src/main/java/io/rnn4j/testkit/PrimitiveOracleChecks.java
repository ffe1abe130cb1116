package io.rnn4j.testkit;

import static io.rnn4j.testkit.NumericAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.testkit.NumericAssertions.Tolerance;
import io.rnn4j.testkit.PrimitiveCall.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * Primitives checked against values computed here, in double precision, from the {@code Backend}
 * Javadoc alone: no reference backend is involved, so these checks are what test the reference
 * backend itself (its conformance test runs them with the reference as the backend under test).
 */
final class PrimitiveOracleChecks {
    private PrimitiveOracleChecks() {
    }

    /** What the test expects: the exact values of one output, computed from the operands before the call. */
    @FunctionalInterface
    private interface Expectation {
        double[] expected(PrimitiveCall call);
    }

    static DynamicNode all(Backend be) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicContainer("gemm equals a naive triple loop in double", gemm(be)));
        nodes.add(dynamicContainer("activations equal their formulas in double", activations(be)));
        nodes.add(dynamicContainer("activation special values", specialValues(be)));
        nodes.add(dynamicContainer("activationBackward equals dy*f'(y) in double",
                Stream.of(Activation.values()).map(f -> check("activationBackward " + f.id(), "dx", be,
                        PrimitiveChecks.TOL, (b, call) -> {
                            MatrixView y = call.input("y", 7, 13, PrimitiveChecks.outputs(call, f, 91));
                            MatrixView dy = call.input("dy", 7, 13, -1, 1);
                            MatrixView dx = call.output("dx", 7, 13, -1, 1);
                            call.run(() -> b.activationBackward(f, y, dy, dx, true));
                        }, call -> {
                            float[] y = call.before("y");
                            float[] dy = call.before("dy");
                            float[] dx = call.before("dx");
                            double[] e = new double[y.length];
                            for (int i = 0; i < e.length; i++) {
                                e[i] = dx[i] + (double) dy[i] * derivative(f, y[i]);
                            }
                            return e;
                        }))));
        nodes.add(check("softmaxRows equals exp(x - max) / sum in double, rows near +-1000 included", "y", be,
                PrimitiveChecks.TOL, (b, call) -> {
                    float[] v = TestData.uniform(call.rng(), 6 * 9, -6, 6);
                    for (int i = 0; i < 9; i++) {
                        v[9 + i] += 1000f;
                        v[18 + i] -= 1000f;
                    }
                    MatrixView x = call.input("x", 6, 9, v);
                    MatrixView y = call.output("y", 6, 9, Float.NaN);
                    call.run(() -> b.softmaxRows(x, y));
                    for (int r = 0; r < 6; r++) {
                        double s = 0;
                        for (int j = 0; j < 9; j++) {
                            s += y.get(r, j);
                        }
                        assertClose("sum of softmax row " + r, s, 1.0, Tolerance.of(1e-5));
                    }
                }, call -> softmax(call.before("x"), 6, 9)));
        nodes.add(dynamicTest("softmaxRows of equal values is uniform, and of a single column is 1", () -> {
            MatrixView x = MatrixView.of(new float[] {3f, 3f, 3f, 3f, 1000f, 1000f}, 3, 2);
            MatrixView y = MatrixView.of(new float[6], 3, 2);
            be.softmaxRows(x, y);
            assertThat(y.toArray()).containsOnly(0.5f);
            MatrixView one = MatrixView.of(new float[] {-50f, 0f, 700f}, 3, 1);
            be.softmaxRows(one, one);
            assertThat(one.toArray()).containsOnly(1f);
        }));
        nodes.add(check("sumRows equals column sums in double", "out", be, PrimitiveChecks.TOL.scaled(Math.sqrt(32)),
                (b, call) -> {
                    MatrixView a = call.input("a", 32, 17, -2, 2);
                    MatrixView out = call.output("out", 1, 17, -1, 1);
                    call.run(() -> b.sumRows(a, out.data(), out.offset(), true));
                }, call -> {
                    float[] a = call.before("a");
                    float[] o = call.before("out");
                    double[] e = new double[17];
                    for (int j = 0; j < 17; j++) {
                        e[j] = o[j];
                        for (int r = 0; r < 32; r++) {
                            e[j] += a[r * 17 + j];
                        }
                    }
                    return e;
                }));
        nodes.add(dynamicTest("maxRows equals the per-value loop v > m ? v : m bit for bit (ties, signed zeros, NaN, "
                + "strides, column counts around the vector width)", () -> {
            float[] values = {-0.0f, 0.0f, 1f, -1f, 2.5f, Float.NaN, -3f, 1f, Float.NEGATIVE_INFINITY};
            java.util.Random r = new java.util.Random(9);
            for (int cols : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 19, 31, 33, 96}) {
                for (int rows : new int[] {1, 2, 5, 13}) {
                    int offset = 3;
                    int stride = cols + (rows % 2); // a padded row now and then
                    float[] in = new float[offset + rows * stride + 2];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = values[r.nextInt(values.length)];
                    }
                    float[] got = new float[cols + 4];
                    java.util.Arrays.fill(got, 7f);
                    float[] want = got.clone();
                    be.maxRows(new MatrixView(in, offset, rows, cols, stride), new MatrixView(got, 2, 1, cols, cols));
                    for (int c = 0; c < cols; c++) {
                        float m = in[offset + c];
                        for (int s = 1; s < rows; s++) {
                            float v = in[offset + s * stride + c];
                            m = v > m ? v : m;
                        }
                        want[2 + c] = m;
                    }
                    for (int i = 0; i < want.length; i++) {
                        assertThat(Float.floatToRawIntBits(got[i])).as("%d columns, %d rows, at %d: %s vs %s", cols, rows,
                                i, got[i], want[i]).isEqualTo(Float.floatToRawIntBits(want[i]));
                    }
                }
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> be.maxRows(MatrixView.of(new float[0], 0, 3),
                    MatrixView.of(new float[3], 1, 3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one row");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> be.maxRows(MatrixView.of(new float[6], 2, 3),
                    MatrixView.of(new float[4], 1, 4))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be 1x3");
        }));
        nodes.add(dynamicTest("dot and sum equal sums in double", () -> {
            PrimitiveCall call = new PrimitiveCall(TestData.rng("oracle/dot"), Layout.STRIDED);
            MatrixView a = call.input("a", 7, 13, -2, 2);
            MatrixView b = call.input("b", 7, 13, -2, 2);
            double dot = 0;
            double sum = 0;
            float[] av = a.toArray();
            float[] bv = b.toArray();
            for (int i = 0; i < av.length; i++) {
                dot += (double) av[i] * bv[i];
                sum += av[i];
            }
            Tolerance tol = PrimitiveChecks.TOL.scaled(Math.sqrt(91));
            call.runScalar(() -> be.dot(a, b));
            assertClose("dot", call.scalar(), dot, tol);
            assertClose("sum", be.sum(a), sum, tol);
            assertClose("dot(x, x), a squared norm", be.dot(a, a), squaredNorm(av), tol);
            call.assertOnlyOutputsWritten("dot");
        }));
        nodes.add(check("mul accumulates a*b in double", "c", be, PrimitiveChecks.TOL, (b, call) -> {
            MatrixView a = call.input("a", 7, 13, -2, 2);
            MatrixView bb = call.input("b", 7, 13, -2, 2);
            MatrixView c = call.output("c", 7, 13, -1, 1);
            call.run(() -> b.mul(a, bb, c, true));
        }, call -> elementwise(call, (a, b, c) -> c + a * b)));
        nodes.add(check("axpby equals alpha*a + beta*b in double", "c", be, PrimitiveChecks.TOL, (b, call) -> {
            MatrixView a = call.input("a", 7, 13, -2, 2);
            MatrixView bb = call.input("b", 7, 13, -2, 2);
            MatrixView c = call.output("c", 7, 13, Float.NaN);
            call.run(() -> b.axpby(-1.25f, a, 0.75f, bb, c));
        }, call -> elementwise(call, (a, b, c) -> -1.25 * a + 0.75 * b)));
        for (float zero : new float[] {0f, -0f}) {
            String beta = zero == 0f && 1 / zero < 0 ? "-0" : "0";
            nodes.add(check("axpby with beta = " + beta + " does not read b: NaN and infinities in b leave c = alpha*a "
                    + "(Backend.axpby)", "c", be, PrimitiveChecks.TOL, (b, call) -> {
                        MatrixView a = call.input("a", 7, 13, -2, 2);
                        MatrixView bb = call.input("b", 7, 13, nonFinite(91));
                        MatrixView c = call.output("c", 7, 13, Float.NaN);
                        call.run(() -> b.axpby(-1.25f, a, zero, bb, c));
                    }, call -> elementwise(call, (a, b, c) -> -1.25 * a)));
        }
        nodes.add(check("axpby with beta = 1 follows IEEE arithmetic: NaN and infinities in b reach c", "c", be,
                PrimitiveChecks.TOL, (b, call) -> {
                    MatrixView a = call.input("a", 7, 13, -2, 2);
                    MatrixView bb = call.input("b", 7, 13, nonFinite(91));
                    MatrixView c = call.output("c", 7, 13, -1, 1);
                    call.run(() -> b.axpby(-1.25f, a, 1f, bb, c));
                }, call -> elementwise(call, (a, b, c) -> -1.25 * a + b)));
        nodes.add(check("addRowVector adds the vector to each row", "c", be, PrimitiveChecks.TOL, (b, call) -> {
            MatrixView v = call.input("v", 1, 13, -2, 2);
            MatrixView c = call.output("c", 7, 13, -1, 1);
            call.run(() -> b.addRowVector(v.data(), v.offset(), c));
        }, call -> {
            float[] v = call.before("v");
            float[] c = call.before("c");
            double[] e = new double[c.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = (double) c[i] + v[i % 13];
            }
            return e;
        }));
        nodes.add(check("scatterAddRows sums repeated indices into the table", "table", be,
                PrimitiveChecks.TOL.scaled(3), (b, call) -> {
                    MatrixView src = call.input("src", 9, 5, -2, 2);
                    MatrixView table = call.output("table", 4, 5, -1, 1);
                    int[] idx = {3, 0, 3, 3, 1, 0, 3, 2, 0};
                    call.run(() -> b.scatterAddRows(src, idx, 0, table));
                }, call -> {
                    int[] idx = {3, 0, 3, 3, 1, 0, 3, 2, 0};
                    float[] src = call.before("src");
                    float[] t = call.before("table");
                    double[] e = new double[t.length];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = t[i];
                    }
                    for (int i = 0; i < idx.length; i++) {
                        for (int j = 0; j < 5; j++) {
                            e[idx[i] * 5 + j] += src[i * 5 + j];
                        }
                    }
                    return e;
                }));
        nodes.add(check("gatherRows copies the indexed rows", "out", be, Tolerance.of(0), (b, call) -> {
            MatrixView table = call.input("table", 4, 5, -2, 2);
            MatrixView out = call.output("out", 6, 5, Float.NaN);
            call.run(() -> b.gatherRows(table, new int[] {9, 2, 2, 0, 3, 1, 2}, 1, out));
        }, call -> {
            int[] idx = {2, 2, 0, 3, 1, 2};
            float[] t = call.before("table");
            double[] e = new double[30];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    e[i * 5 + j] = t[idx[i] * 5 + j];
                }
            }
            return e;
        }));
        nodes.add(check("selectRows takes a's row where the mask is nonzero, else b's", "c", be, Tolerance.of(0),
                (b, call) -> {
                    MatrixView a = call.input("a", 4, 3, -2, 2);
                    MatrixView bb = call.input("b", 4, 3, -2, 2);
                    MatrixView c = call.output("c", 4, 3, Float.NaN);
                    call.run(() -> b.selectRows(new float[] {1f, 0f, 2f, 0f, -1f}, 1, a, bb, c));
                }, call -> {
                    float[] a = call.before("a");
                    float[] bv = call.before("b");
                    float[] rowMask = {0f, 2f, 0f, -1f}; // the mask from offset 1
                    double[] e = new double[12];
                    for (int i = 0; i < 12; i++) {
                        e[i] = rowMask[i / 3] != 0 ? a[i] : bv[i];
                    }
                    return e;
                }));
        return dynamicContainer("independent of the reference: results equal values computed in the test", nodes.stream());
    }

    private interface Ternary {
        double apply(double a, double b, double c);
    }

    private static double[] elementwise(PrimitiveCall call, Ternary f) {
        float[] a = call.before("a");
        float[] b = call.before("b");
        float[] c = call.before("c");
        double[] e = new double[a.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = f.apply(a[i], b[i], c[i]);
        }
        return e;
    }

    private static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }

    private static Stream<DynamicNode> gemm(Backend be) {
        List<DynamicNode> nodes = new ArrayList<>();
        int[][] shapes = {{1, 1, 1}, {7, 13, 5}, {17, 33, 9}};
        for (int[] mkn : shapes) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    float alpha = -0.75f;
                    float beta = 0.5f;
                    String name = "m=" + m + ", k=" + k + ", n=" + n + ", " + (ta ? "A^T" : "A") + "*" + (tb ? "B^T" : "B")
                            + ", alpha=-0.75, beta=0.5, strided views";
                    nodes.add(check("gemm " + name, "C", be, PrimitiveChecks.TOL.scaled(Math.sqrt(k)), (b, call) -> {
                        MatrixView a = ta ? call.input("A", k, m, -1, 1) : call.input("A", m, k, -1, 1);
                        MatrixView bm = tb ? call.input("B", n, k, -1, 1) : call.input("B", k, n, -1, 1);
                        MatrixView c = call.output("C", m, n, -1, 1);
                        call.run(() -> b.gemm(ta, tb, alpha, a, bm, beta, c));
                    }, call -> {
                        float[] a = call.before("A");
                        float[] bv = call.before("B");
                        float[] c = call.before("C");
                        double[] e = new double[m * n];
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int p = 0; p < k; p++) {
                                    double aip = ta ? a[p * m + i] : a[i * k + p];
                                    double bpj = tb ? bv[j * k + p] : bv[p * n + j];
                                    s += aip * bpj;
                                }
                                e[i * n + j] = alpha * s + beta * (double) c[i * n + j];
                            }
                        }
                        return e;
                    }));
                }
            }
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> activations(Backend be) {
        return Stream.of(Activation.values()).map(f -> check("activation " + f.id() + " on [-12, 12)", "y", be,
                PrimitiveChecks.TOL, (b, call) -> {
                    MatrixView x = call.input("x", 7, 13, -12, 12);
                    MatrixView y = call.output("y", 7, 13, Float.NaN);
                    call.run(() -> b.activation(f, x, y));
                }, call -> {
                    float[] x = call.before("x");
                    double[] e = new double[x.length];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = value(f, x[i]);
                    }
                    return e;
                }));
    }

    private static Stream<DynamicNode> specialValues(Backend be) {
        float[] xs = {0f, -0f, 1e-30f, -1e-30f, 1f, -1f, 20f, -20f, 100f, -100f, 1e4f, -1e4f, 3e38f, -3e38f};
        return Stream.of(Activation.values()).map(f -> dynamicTest(f.id() + " at 0, +-tiny, +-1, +-20, +-100, +-1e4, "
                + "+-3e38 is exact where exact, finite and within range", () -> {
                    MatrixView x = MatrixView.of(xs.clone(), 1, xs.length);
                    MatrixView y = MatrixView.of(new float[xs.length], 1, xs.length);
                    be.activation(f, x, y);
                    float[] v = y.toArray();
                    for (int i = 0; i < xs.length; i++) {
                        String at = f.id() + "(" + xs[i] + ")";
                        assertThat(v[i]).as(at).isNotNaN();
                        switch (f) {
                            case IDENTITY -> assertThat(v[i]).as(at).isEqualTo(xs[i]);
                            case RELU -> assertThat(v[i]).as(at).isEqualTo(Math.max(0f, xs[i]));
                            case SIGMOID -> assertThat(v[i]).as(at).isBetween(0f, 1f);
                            case TANH -> assertThat(v[i]).as(at).isBetween(-1f, 1f);
                            default -> throw new AssertionError(f);
                        }
                        assertClose(at, v[i], value(f, xs[i]), Tolerance.of(1e-6));
                    }
                    if (f == Activation.SIGMOID) {
                        assertThat(v[0]).as("sigmoid(0)").isEqualTo(0.5f);
                        assertThat(v[10]).as("sigmoid(1e4)").isEqualTo(1f);
                    }
                    if (f == Activation.TANH) {
                        assertThat(v[0]).as("tanh(0)").isEqualTo(0f);
                        assertThat(v[10]).as("tanh(1e4)").isEqualTo(1f);
                        assertThat(v[11]).as("tanh(-1e4)").isEqualTo(-1f);
                    }
                }));
    }

    /** {@code f(x)} in double, from the formulas of {@link Activation}. */
    static double value(Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case TANH -> Math.tanh(x);
            case RELU -> x > 0 ? x : 0;
        };
    }

    /** {@code f'} from the output {@code y}, in double, from the formulas of {@link Activation}. */
    static double derivative(Activation f, double y) {
        return switch (f) {
            case IDENTITY -> 1;
            case SIGMOID -> y * (1 - y);
            case TANH -> 1 - y * y;
            case RELU -> y > 0 ? 1 : 0;
        };
    }

    private static double[] softmax(float[] x, int rows, int cols) {
        double[] e = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[r * cols + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                e[r * cols + j] = Math.exp(x[r * cols + j] - max);
                s += e[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                e[r * cols + j] /= s;
            }
        }
        return e;
    }

    /** Runs {@code scenario} (strided layout) and compares output {@code out} with {@code expectation}. */
    /** NaN, +Infinity, -Infinity and ordinary values, in turn. */
    private static float[] nonFinite(int n) {
        float[] v = new float[n];
        float[] cycle = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f};
        for (int i = 0; i < n; i++) {
            v[i] = cycle[i % cycle.length];
        }
        return v;
    }

    private static DynamicNode check(String name, String out, Backend be, Tolerance tol,
            PrimitiveChecks.Scenario scenario, Expectation expectation) {
        return dynamicTest(name, () -> {
            PrimitiveCall call = new PrimitiveCall(TestData.rng("oracle/" + name), Layout.STRIDED);
            scenario.run(be, call);
            call.assertOnlyOutputsWritten(name);
            double[] e = expectation.expected(call);
            MatrixView v = call.views().get(out);
            float[] got = v.toArray();
            for (int i = 0; i < got.length; i++) {
                assertClose(name + ": " + out + NumericAssertions.index(i, new int[] {v.rows(), v.cols()})
                        + " versus the value computed in double", got[i], e[i], tol);
            }
        });
    }
}
