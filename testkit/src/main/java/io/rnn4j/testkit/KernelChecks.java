package io.rnn4j.testkit;

import static io.rnn4j.testkit.NumericAssertions.assertAllZero;
import static io.rnn4j.testkit.NumericAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Direction;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentKernel.RecurrentGradients;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;
import io.rnn4j.layers.cell.ComposedRecurrentKernel;
import io.rnn4j.testkit.NumericAssertions.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The recurrent kernel of a backend against the kernel composed of the reference backend's primitives
 * ({@link ComposedRecurrentKernel} on the reference: the ground truth), for every {@link CellKind}.
 *
 * <p>The kernel under test is the backend's fused kernel when
 * {@link Backend#recurrentKernel(CellKind)} returns one, else {@code new ComposedRecurrentKernel(backend,
 * cell)}, so a backend without fused kernels is checked on how its primitives compose. Forward (output,
 * {@code hN}, {@code cN}) and backward ({@code dInput}, {@code dh0}, {@code dc0} and the four weight
 * gradients) are compared over batch {1, 3} x time {1, 7} x hidden {1, 5} with input size 4, for full
 * masks, ragged masks (e.g. lengths [7, 4, 1], and lengths 0 where time is 1) and all-length-1 masks, both
 * directions, with and without a recurrent dropout mask.
 *
 * <p>Every case also checks the {@link RecurrentKernel} contract itself: padded input steps hold NaN and
 * must not matter; the output and {@code dInput} are exactly zero at padded steps; output gradients
 * given at padded steps are ignored; weight gradients are added into (they start non-zero); a forward
 * pass with {@code training = false} gives the same results; and no input (weights, input, states,
 * dropout mask, incoming gradients) is modified.
 */
public final class KernelChecks {
    /** Forward results: a few steps of float32 arithmetic. */
    static final Tolerance FORWARD = Tolerance.of(1e-5);
    /**
     * Backward results are looser: each gradient is a sum over up to 7 steps of products of gate
     * derivatives, and each weight gradient a sum over batch x time, so a kernel that sums in another
     * order (blocked or fused GEMMs, float accumulation) legitimately differs by more than one rounding.
     */
    static final Tolerance BACKWARD = Tolerance.of(1e-4);

    static final int INPUT = 4;

    private KernelChecks() {
    }

    /**
     * All kernel checks.
     *
     * @param backend   the backend under test
     * @param reference the reference backend (may be the same instance)
     * @return one container per cell kind
     */
    public static Stream<DynamicNode> all(Backend backend, Backend reference) {
        return Stream.of(CellKind.values()).map(cell -> dynamicContainer(cell.name(), forCell(backend, reference, cell)));
    }

    /** A kernel, as the layers choose it: the fused one if the backend has it, else the composition. */
    static RecurrentKernel kernelOf(Backend backend, CellKind cell) {
        return backend.recurrentKernel(cell).orElseGet(() -> new ComposedRecurrentKernel(backend, cell));
    }

    private static Stream<DynamicNode> forCell(Backend be, Backend ref, CellKind cell) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("declares " + cell.fusedCapability() + " exactly when it provides a fused " + cell
                + " kernel", () -> assertThat(be.has(cell.fusedCapability()))
                        .as("capability %s declared by backend '%s' versus a fused %s kernel returned by "
                                + "recurrentKernel(%s)", cell.fusedCapability(), be.id(), cell, cell)
                        .isEqualTo(be.recurrentKernel(cell).isPresent())));
        for (int batch : new int[] {1, 3}) {
            for (int time : new int[] {1, 7}) {
                for (int hidden : new int[] {1, 5}) {
                    List<DynamicNode> tests = new ArrayList<>();
                    for (int[] lengths : masks(batch, time)) {
                        for (Direction dir : Direction.values()) {
                            for (boolean dropout : new boolean[] {false, true}) {
                                Case c = new Case(cell, batch, time, hidden, lengths, dir, dropout, true, true);
                                tests.add(dynamicTest(c.label(), () -> compare(be, ref, c)));
                            }
                        }
                    }
                    nodes.add(dynamicContainer("batch " + batch + ", time " + time + ", hidden " + hidden,
                            tests.stream()));
                }
            }
        }
        List<DynamicNode> partial = new ArrayList<>();
        for (Direction dir : Direction.values()) {
            Case outputOnly = new Case(cell, 3, 7, 5, new int[] {7, 4, 1}, dir, false, true, false);
            Case finalOnly = new Case(cell, 3, 7, 5, new int[] {7, 4, 1}, dir, true, false, true);
            partial.add(dynamicTest(outputOnly.label() + ", dhN and dcN null", () -> compare(be, ref, outputOnly)));
            partial.add(dynamicTest(finalOnly.label() + ", dOutput null", () -> compare(be, ref, finalOnly)));
        }
        nodes.add(dynamicContainer("batch 3, time 7, hidden 5, backward with null gradient arguments",
                partial.stream()));
        return nodes.stream();
    }

    /** Full lengths, ragged lengths (with zeros where time is 1), and all lengths 1 (when that differs). */
    static List<int[]> masks(int batch, int time) {
        List<int[]> m = new ArrayList<>();
        int[] full = new int[batch];
        Arrays.fill(full, time);
        m.add(full);
        int[] ragged = batch == 3 ? (time == 1 ? new int[] {1, 0, 1} : new int[] {time, 4, 1})
                : new int[] {time == 1 ? 0 : 4};
        m.add(ragged);
        if (time > 1) {
            int[] ones = new int[batch];
            Arrays.fill(ones, 1);
            m.add(ones);
        }
        return m;
    }

    /** One kernel check. */
    record Case(CellKind cell, int batch, int time, int hidden, int[] lengths, Direction direction,
            boolean recurrentDropout, boolean withDOutput, boolean withDFinal) {
        String label() {
            return "lengths " + Arrays.toString(lengths) + ", " + direction.id()
                    + (recurrentDropout ? ", recurrent dropout" : ", no recurrent dropout");
        }

        String key() {
            return "kernel/" + cell + "/" + batch + "/" + time + "/" + hidden + "/" + Arrays.toString(lengths) + "/"
                    + direction + "/" + recurrentDropout + "/" + withDOutput + "/" + withDFinal;
        }
    }

    /** The operands of a case; {@link #copy()} gives each kernel its own. */
    private record Operands(RecurrentWeights weights, Tensor x, Tensor h0, Tensor c0, Tensor dropMask, Tensor dOut,
            Tensor dhN, Tensor dcN, RecurrentWeights grads) {

        static Operands draw(Case c) {
            RandomSource r = TestData.rng(c.key());
            int g = c.cell().gates() * c.hidden();
            RecurrentWeights w = new RecurrentWeights(c.cell(), INPUT, c.hidden(), TestData.tensor(r, -0.5f, 0.5f, g, INPUT),
                    TestData.tensor(r, -0.5f, 0.5f, g, c.hidden()), TestData.tensor(r, -0.5f, 0.5f, g),
                    TestData.tensor(r, -0.5f, 0.5f, g));
            Tensor x = TestData.tensor(r, -1f, 1f, c.batch(), c.time(), INPUT);
            for (int b = 0; b < c.batch(); b++) {
                for (int t = c.lengths()[b]; t < c.time(); t++) {
                    for (int i = 0; i < INPUT; i++) {
                        x.setFlat((b * c.time() + t) * INPUT + i, Float.NaN); // padding may hold anything
                    }
                }
            }
            Tensor h0 = TestData.tensor(r, -0.8f, 0.8f, c.batch(), c.hidden());
            Tensor c0 = c.cell().hasCellState() ? TestData.tensor(r, -0.8f, 0.8f, c.batch(), c.hidden()) : null;
            Tensor drop = c.recurrentDropout() ? TestData.dropoutMask(r, 0.3f, c.batch(), c.hidden()) : null;
            // gradients are given at padded steps too: the kernel must ignore them (the output there is 0)
            Tensor dOut = TestData.tensor(r, -1f, 1f, c.batch(), c.time(), c.hidden());
            Tensor dhN = TestData.tensor(r, -1f, 1f, c.batch(), c.hidden());
            Tensor dcN = c.cell().hasCellState() ? TestData.tensor(r, -1f, 1f, c.batch(), c.hidden()) : null;
            RecurrentWeights grads = new RecurrentWeights(c.cell(), INPUT, c.hidden(),
                    TestData.tensor(r, -0.1f, 0.1f, g, INPUT), TestData.tensor(r, -0.1f, 0.1f, g, c.hidden()),
                    TestData.tensor(r, -0.1f, 0.1f, g), TestData.tensor(r, -0.1f, 0.1f, g));
            return new Operands(w, x, h0, c0, drop, c.withDOutput() ? dOut : null, c.withDFinal() ? dhN : null,
                    c.withDFinal() ? dcN : null, grads);
        }

        Operands copy() {
            return new Operands(copy(weights), x.copy(), h0.copy(), c0 == null ? null : c0.copy(),
                    dropMask == null ? null : dropMask.copy(), dOut == null ? null : dOut.copy(),
                    dhN == null ? null : dhN.copy(), dcN == null ? null : dcN.copy(), copy(grads));
        }

        private static RecurrentWeights copy(RecurrentWeights w) {
            return new RecurrentWeights(w.cell(), w.inputSize(), w.hiddenSize(), w.wIh().copy(), w.wHh().copy(),
                    w.bIh().copy(), w.bHh().copy());
        }

        RecurrentCall call(Case c, boolean training) {
            return new RecurrentCall(weights, x, new SequenceMask(c.batch(), c.time(), c.lengths()), h0, c0,
                    c.direction(), dropMask, training);
        }

        /** Every tensor a kernel must leave as it found it, by name. */
        Map<String, Tensor> inputs() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("W_ih", weights.wIh());
            m.put("W_hh", weights.wHh());
            m.put("b_ih", weights.bIh());
            m.put("b_hh", weights.bHh());
            m.put("input", x);
            m.put("h0", h0);
            m.put("c0", c0);
            m.put("recurrent dropout mask", dropMask);
            m.put("dOutput", dOut);
            m.put("dhN", dhN);
            m.put("dcN", dcN);
            return m;
        }
    }

    /** What one kernel computed. */
    private record Run(RecurrentPass pass, RecurrentGradients grads, Operands operands) {
    }

    private static Run run(RecurrentKernel kernel, Case c, Operands ops, boolean backward) {
        RecurrentPass pass = kernel.forward(ops.call(c, true));
        RecurrentGradients g = backward ? kernel.backward(pass, ops.dOut(), ops.dhN(), ops.dcN(), ops.grads()) : null;
        return new Run(pass, g, ops);
    }

    private static void compare(Backend be, Backend ref, Case c) {
        boolean training = be.has(Capability.TRAINING);
        Operands original = Operands.draw(c);
        RecurrentKernel kernel = kernelOf(be, c.cell());
        Run got = run(kernel, c, original.copy(), training);
        Run want = run(new ComposedRecurrentKernel(ref, c.cell()), c, original.copy(), training);

        String k = kernel.getClass().getSimpleName() + " (" + c.cell() + ", " + c.label() + ")";
        assertClose(k + ": output", got.pass().output(), want.pass().output(), FORWARD);
        assertClose(k + ": hN", got.pass().hN(), want.pass().hN(), FORWARD);
        if (c.cell().hasCellState()) {
            assertClose(k + ": cN", got.pass().cN(), want.pass().cN(), FORWARD);
        } else {
            assertThat(got.pass().cN()).as(k + ": cN of a cell without a cell state").isNull();
        }
        assertZeroAtPaddedSteps(k + ": output", got.pass().output(), c);

        if (training) {
            assertClose(k + ": dInput", got.grads().dInput(), want.grads().dInput(), BACKWARD);
            assertZeroAtPaddedSteps(k + ": dInput", got.grads().dInput(), c);
            assertClose(k + ": dh0", got.grads().dh0(), want.grads().dh0(), BACKWARD);
            if (c.cell().hasCellState()) {
                assertClose(k + ": dc0", got.grads().dc0(), want.grads().dc0(), BACKWARD);
            }
            RecurrentWeights gw = got.operands().grads();
            RecurrentWeights ww = want.operands().grads();
            assertClose(k + ": dW_ih (added to non-zero gradients)", gw.wIh(), ww.wIh(), BACKWARD);
            assertClose(k + ": dW_hh (added to non-zero gradients)", gw.wHh(), ww.wHh(), BACKWARD);
            assertClose(k + ": db_ih (added to non-zero gradients)", gw.bIh(), ww.bIh(), BACKWARD);
            assertClose(k + ": db_hh (added to non-zero gradients)", gw.bHh(), ww.bHh(), BACKWARD);
        }

        Map<String, Tensor> before = original.inputs();
        got.operands().inputs().forEach((name, t) -> {
            if (t != null) {
                assertThat(t.toArray()).as(k + " modified its input " + name).isEqualTo(before.get(name).toArray());
            }
        });

        Operands again = original.copy();
        RecurrentPass inference = kernel.forward(again.call(c, false));
        assertClose(k + ": output of a pass with training=false", inference.output(), got.pass().output(), FORWARD);
        assertClose(k + ": hN of a pass with training=false", inference.hN(), got.pass().hN(), FORWARD);
        if (c.cell().hasCellState()) {
            assertClose(k + ": cN of a pass with training=false", inference.cN(), got.pass().cN(), FORWARD);
        }
    }

    private static void assertZeroAtPaddedSteps(String what, Tensor seq, Case c) {
        int f = seq.dim(2);
        for (int b = 0; b < c.batch(); b++) {
            int len = c.lengths()[b];
            float[] padded = Arrays.copyOfRange(seq.data(), seq.offset() + (b * c.time() + len) * f,
                    seq.offset() + (b + 1) * c.time() * f);
            assertAllZero(what + " at the padded steps " + len + ".." + (c.time() - 1) + " of sequence " + b, padded,
                    new int[] {c.time() - len, f});
        }
    }
}
