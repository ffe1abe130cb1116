package io.rnn4j.testkit;

import static io.rnn4j.testkit.NumericAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.testkit.NumericAssertions.Tolerance;
import io.rnn4j.testkit.PrimitiveCall.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Every {@link Backend} primitive against the reference backend, on seeded random inputs.
 *
 * <p>Each primitive runs on shapes {@code 1x1}, {@code 1xN}, {@code Nx1}, odd sizes ({@code 7x13}) and a
 * larger one, in two layouts: compact arrays, and strided windows (offset &gt; 0, stride &gt; cols) in
 * buffers filled with NaN around them, where the elements outside each window must stay bit for bit
 * untouched and no NaN may leak in. Outputs that a primitive assigns (rather than accumulates into)
 * start as NaN, so a backend that reads them instead of overwriting them fails. In-place use (an output
 * that is the same window as an input) is checked wherever the {@link Backend} contract allows it.
 *
 * <p>Tolerance: {@code |actual - expected| <= 1e-5 + 1e-5 |expected|}; for reductions over {@code k}
 * terms ({@code gemm}, {@code sumRows}, {@code dot}, {@code sum}) both parts are scaled by
 * {@code sqrt(k)}, the typical growth of rounding error in a float32 sum.
 *
 * <p>The reference is not trusted blindly: {@link #all} also includes checks of the backend under test
 * against values computed in the test itself in double precision (a naive triple-loop {@code gemm},
 * softmax rows summing to one, {@code sigmoid(0) = 0.5}, ...). When the backend under test is the
 * reference backend these are what test the reference.
 */
public final class PrimitiveChecks {
    /** Tolerance of element-wise primitives. */
    static final Tolerance TOL = Tolerance.of(1e-5);

    /** Shapes {@code rows x cols} of element-wise and row primitives. */
    static final int[][] SHAPES = {{1, 1}, {1, 9}, {9, 1}, {7, 13}, {32, 17}};

    /** {@code m, k, n} of products. */
    static final int[][] GEMM_SHAPES = {{1, 1, 1}, {1, 7, 1}, {1, 5, 9}, {9, 5, 1}, {9, 1, 5}, {7, 13, 5}, {17, 33, 9}};

    private PrimitiveChecks() {
    }

    /** The operations of one check, run once on each backend with identical operands. */
    @FunctionalInterface
    interface Scenario {
        void run(Backend be, PrimitiveCall call);
    }

    /**
     * All primitive checks.
     *
     * @param backend   the backend under test
     * @param reference the reference backend (may be the same instance)
     * @return one container per primitive, plus shape-error checks and the reference-independent checks
     */
    public static Stream<DynamicNode> all(Backend backend, Backend reference) {
        return Stream.of(
                dynamicContainer("gemm: C = alpha*op(A)*op(B) + beta*C matches the reference", gemm(backend, reference)),
                dynamicContainer("addRowVector adds v[offset..] to every row", perShape("addRowVector", backend,
                        reference, TOL, (r, c) -> List.of(new Variant("", (be, call) -> {
                            MatrixView v = call.input("v", 1, c + 3, -1, 1);
                            MatrixView out = call.output("c", r, c, -1, 1);
                            call.run(() -> be.addRowVector(v.data(), v.offset() + 2, out));
                        })), "v read at an offset of 2")),
                dynamicContainer("sumRows sums columns (assigns, or accumulates)", sumRows(backend, reference)),
                dynamicContainer("activation y = f(x) for every Activation", activation(backend, reference)),
                dynamicContainer("activationBackward dx = dy * f'(y)", activationBackward(backend, reference)),
                dynamicContainer("mul c = a * b", perShape("mul", backend, reference, TOL, (r, c) -> List.of(
                        new Variant("c = a*b", (be, call) -> {
                            MatrixView a = call.input("a", r, c, -2, 2);
                            MatrixView b = call.input("b", r, c, -2, 2);
                            MatrixView o = call.output("c", r, c, Float.NaN);
                            call.run(() -> be.mul(a, b, o, false));
                        }),
                        new Variant("c += a*b", (be, call) -> {
                            MatrixView a = call.input("a", r, c, -2, 2);
                            MatrixView b = call.input("b", r, c, -2, 2);
                            MatrixView o = call.output("c", r, c, -1, 1);
                            call.run(() -> be.mul(a, b, o, true));
                        }),
                        new Variant("a = a*b in place", (be, call) -> {
                            MatrixView a = call.output("a", r, c, -2, 2);
                            MatrixView b = call.input("b", r, c, -2, 2);
                            call.run(() -> be.mul(a, b, a, false));
                        })), null)),
                dynamicContainer("axpby c = alpha*a + beta*b", perShape("axpby", backend, reference, TOL, (r, c) -> List.of(
                        new Variant("alpha=1.5, beta=-0.5", (be, call) -> {
                            MatrixView a = call.input("a", r, c, -2, 2);
                            MatrixView b = call.input("b", r, c, -2, 2);
                            MatrixView o = call.output("c", r, c, Float.NaN);
                            call.run(() -> be.axpby(1.5f, a, -0.5f, b, o));
                        }),
                        new Variant("alpha=1, beta=1, c in place of a", (be, call) -> {
                            MatrixView a = call.output("a", r, c, -2, 2);
                            MatrixView b = call.input("b", r, c, -2, 2);
                            call.run(() -> be.axpby(1f, a, 1f, b, a));
                        }),
                        new Variant("alpha=0.5, beta=2, c in place of b", (be, call) -> {
                            MatrixView a = call.input("a", r, c, -2, 2);
                            MatrixView b = call.output("b", r, c, -2, 2);
                            call.run(() -> be.axpby(0.5f, a, 2f, b, b));
                        })), null)),
                dynamicContainer("fill sets every element", perShape("fill", backend, reference, Tolerance.of(0), (r, c) ->
                        List.of(new Variant("with 3.25", (be, call) -> {
                            MatrixView x = call.output("x", r, c, Float.NaN);
                            call.run(() -> be.fill(x, 3.25f));
                        }), new Variant("with 0", (be, call) -> {
                            MatrixView x = call.output("x", r, c, -1, 1);
                            call.run(() -> be.fill(x, 0f));
                        })), null)),
                dynamicContainer("copy copies", perShape("copy", backend, reference, Tolerance.of(0), (r, c) ->
                        List.of(new Variant("", (be, call) -> {
                            MatrixView src = call.input("src", r, c, -5, 5);
                            MatrixView dst = call.output("dst", r, c, Float.NaN);
                            call.run(() -> be.copy(src, dst));
                        })), null)),
                dynamicContainer("selectRows picks rows by mask, never mixing in the other row (NaN there)",
                        selectRows(backend, reference)),
                dynamicContainer("zeroRows sets masked rows to zero (even NaN rows)", perShape("zeroRows", backend,
                        reference, Tolerance.of(0), (r, c) -> List.of(new Variant("", (be, call) -> {
                            float[] m = rowMask(call, r + 2, false);
                            MatrixView mask = call.input("rowMask", 1, r + 2, m);
                            float[] xv = TestData.uniform(call.rng(), r * c, -1, 1);
                            for (int i = 0; i < r; i++) {
                                if (m[i + 2] == 0) {
                                    java.util.Arrays.fill(xv, i * c, i * c + c, Float.NaN);
                                }
                            }
                            MatrixView x = call.output("x", r, c, xv);
                            call.run(() -> be.zeroRows(mask.data(), mask.offset() + 2, x));
                        })), "mask read at an offset of 2")),
                dynamicContainer("gatherRows reads table rows by index (repeated indices)", perShape("gatherRows",
                        backend, reference, Tolerance.of(0), (r, c) -> List.of(new Variant("", (be, call) -> {
                            MatrixView table = call.input("table", 11, c, -3, 3);
                            int[] idx = indices(call, r + 3, 11);
                            MatrixView out = call.output("out", r, c, Float.NaN);
                            call.run(() -> be.gatherRows(table, idx, 3, out));
                        })), "indices read at an offset of 3")),
                dynamicContainer("scatterAddRows adds rows into a table (repeated indices accumulate)",
                        perShape("scatterAddRows", backend, reference, TOL.scaled(3), (r, c) -> List.of(
                                new Variant("", (be, call) -> {
                                    MatrixView src = call.input("src", r, c, -3, 3);
                                    int[] idx = indices(call, r + 2, 4);
                                    MatrixView table = call.output("table", 4, c, -1, 1);
                                    call.run(() -> be.scatterAddRows(src, idx, 2, table));
                                })), "indices read at an offset of 2")),
                dynamicContainer("softmaxRows normalises each row", perShape("softmaxRows", backend, reference, TOL,
                        (r, c) -> List.of(new Variant("", (be, call) -> {
                            MatrixView x = call.input("x", r, c, -8, 8);
                            MatrixView y = call.output("y", r, c, Float.NaN);
                            call.run(() -> be.softmaxRows(x, y));
                        }), new Variant("in place", (be, call) -> {
                            MatrixView x = call.output("x", r, c, -8, 8);
                            call.run(() -> be.softmaxRows(x, x));
                        }), new Variant("with values near +-1000 (no overflow)", (be, call) -> {
                            float[] v = TestData.uniform(call.rng(), r * c, -4, 4);
                            for (int i = 0; i < v.length; i++) {
                                v[i] += (i / c) % 2 == 0 ? 1000f : -1000f;
                            }
                            MatrixView x = call.input("x", r, c, v);
                            MatrixView y = call.output("y", r, c, Float.NaN);
                            call.run(() -> be.softmaxRows(x, y));
                        })), null)),
                dynamicContainer("dot sums a*b over all elements", reductions("dot", backend, reference, true)),
                dynamicContainer("sum sums all elements", reductions("sum", backend, reference, false)),
                dynamicContainer("mismatched shapes are rejected with IllegalArgumentException", shapeErrors(backend)),
                PrimitiveOracleChecks.all(backend));
    }

    /** One way to call a primitive on one shape. */
    record Variant(String label, Scenario scenario) {
    }

    @FunctionalInterface
    interface VariantsForShape {
        List<Variant> of(int rows, int cols);
    }

    /** Every shape x layout x variant, compared with the reference. */
    private static Stream<DynamicNode> perShape(String op, Backend be, Backend ref, Tolerance tol,
            VariantsForShape variants, String note) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int[] s : SHAPES) {
            for (Layout layout : Layout.values()) {
                for (Variant v : variants.of(s[0], s[1])) {
                    String name = s[0] + "x" + s[1] + ", " + layout + (v.label().isEmpty() ? "" : ", " + v.label())
                            + (note == null ? "" : ", " + note);
                    nodes.add(versusReference(op, name, be, ref, layout, tol, v.scenario()));
                }
            }
        }
        return nodes.stream();
    }

    /** Runs {@code scenario} on both backends with identical operands and compares every output. */
    static DynamicTest versusReference(String op, String name, Backend be, Backend ref, Layout layout,
            Tolerance tol, Scenario scenario) {
        String key = op + "/" + name;
        return dynamicTest(name, () -> {
            PrimitiveCall got = new PrimitiveCall(TestData.rng(key), layout);
            scenario.run(be, got);
            got.assertOnlyOutputsWritten(op);
            PrimitiveCall want = new PrimitiveCall(TestData.rng(key), layout);
            scenario.run(ref, want);
            for (Map.Entry<String, MatrixView> e : want.views().entrySet()) {
                if (want.isOutput(e.getKey())) {
                    assertClose(op + " (" + name + "), output '" + e.getKey() + "' versus the reference backend",
                            got.views().get(e.getKey()), e.getValue(), tol);
                }
            }
            if (!Double.isNaN(want.scalar())) {
                assertClose(op + " (" + name + ") result versus the reference backend", got.scalar(), want.scalar(), tol);
            }
        });
    }

    private static Stream<DynamicNode> gemm(Backend be, Backend ref) {
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {-0.75f, 0.5f}};
        List<DynamicNode> shapes = new ArrayList<>();
        for (int[] mkn : GEMM_SHAPES) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            Tolerance tol = TOL.scaled(Math.sqrt(k));
            List<DynamicNode> tests = new ArrayList<>();
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float[] ab : alphaBeta) {
                        for (Layout layout : Layout.values()) {
                            float alpha = ab[0];
                            float beta = ab[1];
                            String name = (ta ? "A^T" : "A") + "*" + (tb ? "B^T" : "B") + ", alpha=" + alpha + ", beta="
                                    + beta + (beta == 0 ? " (C holds NaN, which must be ignored)" : "") + ", " + layout;
                            tests.add(versusReference("gemm m=" + m + " k=" + k + " n=" + n, name, be, ref, layout, tol,
                                    (b, call) -> {
                                        MatrixView a = ta ? call.input("A", k, m, -1, 1) : call.input("A", m, k, -1, 1);
                                        MatrixView bm = tb ? call.input("B", n, k, -1, 1) : call.input("B", k, n, -1, 1);
                                        MatrixView c = beta == 0 ? call.output("C", m, n, Float.NaN)
                                                : call.output("C", m, n, -1, 1);
                                        call.run(() -> b.gemm(ta, tb, alpha, a, bm, beta, c));
                                    }));
                        }
                    }
                }
            }
            shapes.add(dynamicContainer("m=" + m + ", k=" + k + ", n=" + n, tests.stream()));
        }
        return shapes.stream();
    }

    private static Stream<DynamicNode> sumRows(Backend be, Backend ref) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int[] s : SHAPES) {
            int r = s[0];
            int c = s[1];
            Tolerance tol = TOL.scaled(Math.sqrt(r + 1));
            for (Layout layout : Layout.values()) {
                for (boolean acc : new boolean[] {false, true}) {
                    String name = r + "x" + c + ", " + layout + (acc ? ", out += column sums" : ", out = column sums "
                            + "(out holds NaN before)") + ", out written at an offset of 2";
                    nodes.add(versusReference("sumRows", name, be, ref, layout, tol, (b, call) -> {
                        MatrixView a = call.input("a", r, c, -2, 2);
                        MatrixView out = acc ? call.output("out", 1, c + 3, -1, 1) : call.output("out", 1, c + 3, Float.NaN);
                        float[] keep = out.toArray();
                        call.run(() -> b.sumRows(a, out.data(), out.offset() + 2, acc));
                        // out[0..2) and the last element are outside the written range
                        assertUnchanged("sumRows", out, keep, 0, 2);
                        assertUnchanged("sumRows", out, keep, c + 2, c + 3);
                    }));
                }
            }
        }
        return nodes.stream();
    }

    private static void assertUnchanged(String op, MatrixView row, float[] before, int from, int to) {
        for (int j = from; j < to; j++) {
            if (Float.floatToRawIntBits(row.get(0, j)) != Float.floatToRawIntBits(before[j])) {
                throw new AssertionError(op + " wrote element " + j + " of its output vector, outside the range it "
                        + "was given: was " + before[j] + ", now " + row.get(0, j));
            }
        }
    }

    private static Stream<DynamicNode> activation(Backend be, Backend ref) {
        return Stream.of(Activation.values()).map(f -> dynamicContainer(f.id(), perShape("activation " + f.id(), be,
                ref, TOL, (r, c) -> List.of(new Variant("y = f(x)", (b, call) -> {
                    MatrixView x = call.input("x", r, c, -5, 5);
                    MatrixView y = call.output("y", r, c, Float.NaN);
                    call.run(() -> b.activation(f, x, y));
                }), new Variant("in place", (b, call) -> {
                    MatrixView x = call.output("x", r, c, -5, 5);
                    call.run(() -> b.activation(f, x, x));
                })), null)));
    }

    private static Stream<DynamicNode> activationBackward(Backend be, Backend ref) {
        return Stream.of(Activation.values()).map(f -> dynamicContainer(f.id(), perShape("activationBackward " + f.id(),
                be, ref, TOL, (r, c) -> List.of(new Variant("dx = dy*f'(y)", (b, call) -> {
                    MatrixView y = call.input("y", r, c, outputs(call, f, r * c));
                    MatrixView dy = call.input("dy", r, c, -1, 1);
                    MatrixView dx = call.output("dx", r, c, Float.NaN);
                    call.run(() -> b.activationBackward(f, y, dy, dx, false));
                }), new Variant("dx += dy*f'(y)", (b, call) -> {
                    MatrixView y = call.input("y", r, c, outputs(call, f, r * c));
                    MatrixView dy = call.input("dy", r, c, -1, 1);
                    MatrixView dx = call.output("dx", r, c, -1, 1);
                    call.run(() -> b.activationBackward(f, y, dy, dx, true));
                }), new Variant("dx in place of dy", (b, call) -> {
                    MatrixView y = call.input("y", r, c, outputs(call, f, r * c));
                    MatrixView dy = call.output("dy", r, c, -1, 1);
                    call.run(() -> b.activationBackward(f, y, dy, dy, false));
                })), null)));
    }

    /** Valid outputs {@code y = f(x)} of an activation, for its backward pass. */
    static float[] outputs(PrimitiveCall call, Activation f, int n) {
        float[] y = TestData.uniform(call.rng(), n, -4, 4);
        for (int i = 0; i < n; i++) {
            y[i] = f.apply(y[i]);
        }
        return y;
    }

    private static Stream<DynamicNode> selectRows(Backend be, Backend ref) {
        return perShape("selectRows", be, ref, Tolerance.of(0), (r, c) -> List.of(
                new Variant("separate output", (b, call) -> select(b, call, r, c, 0)),
                new Variant("output in place of a", (b, call) -> select(b, call, r, c, 1)),
                new Variant("output in place of b", (b, call) -> select(b, call, r, c, 2))),
                "mask read at an offset of 2, nonzero mask values other than 1");
    }

    /** {@code inPlace}: 0 separate output, 1 output is a, 2 output is b. */
    private static void select(Backend be, PrimitiveCall call, int r, int c, int inPlace) {
        float[] m = rowMask(call, r + 2, true);
        MatrixView mask = call.input("rowMask", 1, r + 2, m);
        float[] av = TestData.uniform(call.rng(), r * c, -1, 1);
        float[] bv = TestData.uniform(call.rng(), r * c, -1, 1);
        for (int i = 0; i < r; i++) {
            // NaN in the row that is not chosen must never reach the output
            java.util.Arrays.fill(m[i + 2] != 0 ? bv : av, i * c, i * c + c, Float.NaN);
        }
        MatrixView a = inPlace == 1 ? call.output("a", r, c, av) : call.input("a", r, c, av);
        MatrixView b = inPlace == 2 ? call.output("b", r, c, bv) : call.input("b", r, c, bv);
        MatrixView out = inPlace == 1 ? a : inPlace == 2 ? b : call.output("c", r, c, Float.NaN);
        call.run(() -> be.selectRows(mask.data(), mask.offset() + 2, a, b, out));
    }

    /** A row mask of {@code n} values, about half zero; with {@code odd}, some nonzero values other than 1. */
    static float[] rowMask(PrimitiveCall call, int n, boolean odd) {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            float u = call.rng().nextFloat();
            m[i] = u < 0.5f ? 0f : odd && u > 0.85f ? (u > 0.93f ? -1f : 0.5f) : 1f;
        }
        return m;
    }

    /** {@code n} indices into a table of {@code rows}, with repeats. */
    static int[] indices(PrimitiveCall call, int n, int rows) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i % 3 == 2 ? idx[i - 1] : call.rng().nextInt(rows);
        }
        return idx;
    }

    private static Stream<DynamicNode> reductions(String op, Backend be, Backend ref, boolean dot) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int[] s : SHAPES) {
            int r = s[0];
            int c = s[1];
            for (Layout layout : Layout.values()) {
                nodes.add(versusReference(op, r + "x" + c + ", " + layout, be, ref, layout,
                        TOL.scaled(Math.sqrt(r * c)), (b, call) -> {
                            MatrixView a = call.input("a", r, c, -2, 2);
                            if (dot) {
                                MatrixView bb = call.input("b", r, c, -2, 2);
                                call.runScalar(() -> b.dot(a, bb));
                            } else {
                                call.runScalar(() -> b.sum(a));
                            }
                        }));
            }
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> shapeErrors(Backend be) {
        MatrixView m23 = MatrixView.of(new float[6], 2, 3);
        MatrixView m32 = MatrixView.of(new float[6], 3, 2);
        MatrixView m22 = MatrixView.of(new float[4], 2, 2);
        MatrixView m33 = MatrixView.of(new float[9], 3, 3);
        return Stream.of(
                rejects("gemm with inner dimensions 3 and 2", () -> be.gemm(false, false, 1f, m23, m23.rows(0, 2)
                        .cols(0, 2), 0f, m22)),
                rejects("gemm with C of the wrong shape", () -> be.gemm(false, false, 1f, m23, m32, 0f, m33)),
                rejects("mul of 2x3 and 3x2", () -> be.mul(m23, m32, MatrixView.of(new float[6], 2, 3), false)),
                rejects("axpby into an output of another shape", () -> be.axpby(1f, m23, 1f, m23,
                        MatrixView.of(new float[6], 3, 2))),
                rejects("copy of 2x3 into 3x2", () -> be.copy(m23, MatrixView.of(new float[6], 3, 2))),
                rejects("activation into an output of another shape", () -> be.activation(Activation.TANH, m23,
                        MatrixView.of(new float[6], 3, 2))),
                rejects("softmaxRows into an output of another shape", () -> be.softmaxRows(m23,
                        MatrixView.of(new float[6], 3, 2))),
                rejects("dot of 2x3 and 3x2", () -> be.dot(m23, m32)),
                rejects("gatherRows from a table of 3 columns into an output of 2", () -> be.gatherRows(m33,
                        new int[] {0, 2}, 0, m22)),
                rejects("scatterAddRows of 2-column rows into a table of 3 columns", () -> be.scatterAddRows(m22,
                        new int[] {0, 2}, 0, m33)));
    }

    private static DynamicNode rejects(String what, Executable call) {
        return dynamicTest(what, () -> assertThatThrownBy(call::execute)
                .as("%s must throw IllegalArgumentException (Backend contract: shapes must agree)", what)
                .isInstanceOf(IllegalArgumentException.class));
    }
}
