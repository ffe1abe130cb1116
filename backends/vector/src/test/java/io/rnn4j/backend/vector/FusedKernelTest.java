package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.backend.cpu.CpuBackend;
import io.rnn4j.core.Direction;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentKernel.RecurrentGradients;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;
import io.rnn4j.layers.cell.ComposedRecurrentKernel;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernels against the composed reference kernel on the reference backend: outputs, final
 * states and every gradient, within {@code 1e-5 + 1e-5 |ref|}, on shapes that exercise vector tails
 * (hidden sizes that are not a multiple of the vector length), masks, both directions, recurrent
 * dropout, and the two-thread split.
 */
class FusedKernelTest {
    private static final VectorBackend ONE = new VectorBackend(BackendOptions.threads(1));
    private static final VectorBackend TWO = new VectorBackend(
            new BackendOptions(2, java.util.Map.of(VectorBackend.THREADING, "fixed")));
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() {
        ONE.close();
        TWO.close();
    }

    /** The cells with a fused kernel (the reset-before GRU runs composed, see VectorBackend#recurrentKernel). */
    static final java.util.List<CellKind> FUSED = java.util.List.of(CellKind.RNN_TANH, CellKind.RNN_RELU,
            CellKind.LSTM, CellKind.GRU);

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        // {batch, time, input, hidden}: batches of 8 and more are cut in two parts (one per thread)
        int[][] shapes = {{1, 1, 1, 1}, {3, 7, 5, 3}, {5, 9, 17, 33}, {4, 6, 64, 40}, {6, 5, 3, 64}, {9, 4, 5, 20},
            {16, 3, 7, 17}};
        for (CellKind cell : FUSED) {
            for (int[] sh : shapes) {
                for (Direction d : Direction.values()) {
                    s.add(Arguments.of(cell, sh[0], sh[1], sh[2], sh[3], d, true, false, 1));
                    s.add(Arguments.of(cell, sh[0], sh[1], sh[2], sh[3], d, false, true, 2));
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0} b={1} t={2} in={3} h={4} {5} masked={6} dropout={7} threads={8}")
    @MethodSource("cases")
    void fusedKernelMatchesComposedReference(CellKind cell, int b, int t, int in, int h, Direction dir,
            boolean masked, boolean dropout, int threads) {
        SplittableRandom rnd = new SplittableRandom(31L * b + 7L * t + in * 13L + h + cell.ordinal());
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = masked ? (i == 0 ? t : rnd.nextInt(t + 1)) : t;
        }
        SequenceMask mask = new SequenceMask(b, t, lengths);
        // PyTorch's initialisation range: larger weights make relu and tanh RNNs chaotic, and then any
        // two correct float implementations drift apart by more than the tolerance within a few steps
        RecurrentWeights w = weights(cell, in, h, rnd, (float) (1 / Math.sqrt(h)));
        Tensor x = random(rnd, 1f, b, t, in);
        for (int i = 0; i < b; i++) {
            for (int tt = lengths[i]; tt < t; tt++) {
                for (int j = 0; j < in; j++) {
                    x.data()[(i * t + tt) * in + j] = Float.NaN; // padding must never leak
                }
            }
        }
        Tensor h0 = random(rnd, 0.5f, b, h);
        Tensor c0 = cell.hasCellState() ? random(rnd, 0.5f, b, h) : null;
        Tensor drop = dropout ? dropoutMask(rnd, b, h) : null;
        RecurrentCall call = new RecurrentCall(w, x, mask, h0, c0, dir, drop, true);

        Tensor dOut = random(rnd, 1f, b, t, h);
        Tensor dhN = random(rnd, 1f, b, h);
        Tensor dcN = cell.hasCellState() ? random(rnd, 1f, b, h) : null;

        RecurrentKernel ref = new ComposedRecurrentKernel(CPU, cell);
        RecurrentKernel fused = (threads == 1 ? ONE : TWO).recurrentKernel(cell).orElseThrow();
        RecurrentPass pr = ref.forward(call);
        RecurrentPass pf = fused.forward(call);
        assertClose("output", pf.output(), pr.output());
        assertClose("hN", pf.hN(), pr.hN());
        if (c0 != null) {
            assertClose("cN", pf.cN(), pr.cN());
        }
        RecurrentWeights gr = weights(cell, in, h, new SplittableRandom(5), 1f);
        RecurrentWeights gf = copy(gr);
        RecurrentGradients r = ref.backward(pr, dOut, dhN, dcN, gr);
        RecurrentGradients f = fused.backward(pf, dOut, dhN, dcN, gf);
        assertClose("dInput", f.dInput(), r.dInput());
        assertClose("dh0", f.dh0(), r.dh0());
        if (c0 != null) {
            assertClose("dc0", f.dc0(), r.dc0());
        }
        assertClose("dW_ih", gf.wIh(), gr.wIh());
        assertClose("dW_hh", gf.wHh(), gr.wHh());
        assertClose("db_ih", gf.bIh(), gr.bIh());
        assertClose("db_hh", gf.bHh(), gr.bHh());
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("threadCases")
    void oneAndTwoThreadsGiveTheSameBits(CellKind cell, int b) {
        SplittableRandom rnd = new SplittableRandom(b);
        int t = 5;
        int in = 6;
        int h = 40;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = 1 + rnd.nextInt(t);
        }
        RecurrentWeights w = weights(cell, in, h, rnd, 0.2f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, b, t, in), new SequenceMask(b, t, lengths),
                random(rnd, 1f, b, h), cell.hasCellState() ? random(rnd, 1f, b, h) : null, Direction.REVERSE,
                dropoutMask(rnd, b, h), true);
        Tensor dOut = random(rnd, 1f, b, t, h);
        RecurrentKernel k1 = ONE.recurrentKernel(cell).orElseThrow();
        RecurrentKernel k2 = TWO.recurrentKernel(cell).orElseThrow();
        RecurrentWeights g1 = weights(cell, in, h, rnd, 0f);
        RecurrentWeights g2 = weights(cell, in, h, rnd, 0f);
        RecurrentPass p1 = k1.forward(call);
        RecurrentPass p2 = k2.forward(call);
        RecurrentGradients r1 = k1.backward(p1, dOut, null, null, g1);
        RecurrentGradients r2 = k2.backward(p2, dOut, null, null, g2);
        assertThat(p2.output().data()).containsExactly(p1.output().data());
        assertThat(r2.dInput().data()).containsExactly(r1.dInput().data());
        assertThat(r2.dh0().data()).containsExactly(r1.dh0().data());
        assertThat(g2.wIh().data()).containsExactly(g1.wIh().data());
        assertThat(g2.wHh().data()).containsExactly(g1.wHh().data());
        assertThat(g2.bIh().data()).containsExactly(g1.bIh().data());
        assertThat(g2.bHh().data()).containsExactly(g1.bHh().data());
    }

    static Stream<Arguments> threadCases() {
        // batch 3: the units are split between threads; batch 12: the batch is
        return FUSED.stream().flatMap(c -> Stream.of(Arguments.of(c, 3), Arguments.of(c, 12)));
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("threadCases")
    void aCallWithoutSequenceOutputGivesTheSameStatesAndGradients(CellKind cell, int b) {
        SplittableRandom rnd = new SplittableRandom(100 + b);
        int t = 6 + b % 2; // an odd and an even length: the inference pass's two state slots end either way
        int in = 5;
        int h = 33;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = 1 + rnd.nextInt(t);
        }
        RecurrentWeights w = weights(cell, in, h, rnd, 0.2f);
        Tensor x = random(rnd, 1f, b, t, in);
        SequenceMask mask = new SequenceMask(b, t, lengths);
        Tensor h0 = random(rnd, 1f, b, h);
        Tensor c0 = cell.hasCellState() ? random(rnd, 1f, b, h) : null;
        Tensor dhN = random(rnd, 1f, b, h);
        Tensor dcN = cell.hasCellState() ? random(rnd, 1f, b, h) : null;
        for (VectorBackend be : java.util.List.of(ONE, TWO)) {
            RecurrentKernel k = be.recurrentKernel(cell).orElseThrow();
            RecurrentPass all = k.forward(new RecurrentCall(w, x, mask, h0, c0, Direction.FORWARD, null, true, true));
            RecurrentWeights gAll = weights(cell, in, h, rnd, 0f);
            RecurrentGradients rAll = k.backward(all, null, dhN, dcN, gAll);
            RecurrentPass last = k.forward(new RecurrentCall(w, x, mask, h0, c0, Direction.FORWARD, null, true, false));
            RecurrentWeights gLast = weights(cell, in, h, rnd, 0f);
            RecurrentGradients rLast = k.backward(last, null, dhN, dcN, gLast);
            assertThat(last.output()).isNull();
            assertThat(all.output()).isNotNull();
            assertThat(last.hN().data()).containsExactly(all.hN().data());
            if (c0 != null) {
                assertThat(last.cN().data()).containsExactly(all.cN().data());
            }
            assertThat(rLast.dInput().data()).containsExactly(rAll.dInput().data());
            assertThat(rLast.dh0().data()).containsExactly(rAll.dh0().data());
            assertThat(gLast.wHh().data()).containsExactly(gAll.wHh().data());
            assertThat(gLast.wIh().data()).containsExactly(gAll.wIh().data());
            // inference: without the output sequence the kernel keeps two state slots, not t + 1
            RecurrentPass inferAll = k.forward(new RecurrentCall(w, x, mask, h0, c0, Direction.REVERSE, null, false,
                    true));
            RecurrentPass inferLast = k.forward(new RecurrentCall(w, x, mask, h0, c0, Direction.REVERSE, null, false,
                    false));
            assertThat(inferLast.output()).isNull();
            assertThat(inferLast.hN().data()).containsExactly(inferAll.hN().data());
            if (c0 != null) {
                assertThat(inferLast.cN().data()).containsExactly(inferAll.cN().data());
            }
        }
    }

    @Test
    void inferenceSeesWeightsChangedInPlaceBetweenCalls() {
        SplittableRandom rnd = new SplittableRandom(6);
        RecurrentWeights w = weights(CellKind.LSTM, 5, 20, rnd, 0.3f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, 1, 4, 5), SequenceMask.full(1, 4),
                Tensor.zeros(1, 20), Tensor.zeros(1, 20), Direction.FORWARD, null, false);
        RecurrentKernel fused = ONE.recurrentKernel(CellKind.LSTM).orElseThrow();
        RecurrentKernel ref = new ComposedRecurrentKernel(CPU, CellKind.LSTM);
        assertClose("first call", fused.forward(call).output(), ref.forward(call).output());
        assertClose("same weights again", fused.forward(call).output(), ref.forward(call).output());
        // an optimizer step changes a single recurrent weight and a bias in place: packed copies must notice
        w.wHh().setFlat(7, w.wHh().getFlat(7) + 0.5f);
        w.bHh().setFlat(3, w.bHh().getFlat(3) - 0.25f);
        assertClose("after the change", fused.forward(call).output(), ref.forward(call).output());
    }

    @Test
    void backwardWithoutOutputOrStateGradientsGivesZeroGradients() {
        SplittableRandom rnd = new SplittableRandom(1);
        RecurrentWeights w = weights(CellKind.LSTM, 4, 5, rnd, 0.5f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, 2, 3, 4), SequenceMask.full(2, 3),
                Tensor.zeros(2, 5), Tensor.zeros(2, 5), Direction.FORWARD, null, true);
        RecurrentKernel k = ONE.recurrentKernel(CellKind.LSTM).orElseThrow();
        RecurrentWeights g = weights(CellKind.LSTM, 4, 5, rnd, 0f);
        RecurrentGradients out = k.backward(k.forward(call), null, null, null, g);
        assertThat(out.dInput().data()).containsOnly(0f);
        assertThat(g.wHh().data()).containsOnly(0f);
    }

    @Test
    void inferencePassHasNothingForBackward() {
        SplittableRandom rnd = new SplittableRandom(2);
        RecurrentWeights w = weights(CellKind.GRU, 3, 4, rnd, 0.5f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, 1, 2, 3), SequenceMask.full(1, 2),
                Tensor.zeros(1, 4), null, Direction.FORWARD, null, false);
        RecurrentKernel k = ONE.recurrentKernel(CellKind.GRU).orElseThrow();
        RecurrentPass p = k.forward(call);
        assertThat(p.saved()).isNull();
        assertThatThrownBy(() -> k.backward(p, null, null, null, weights(CellKind.GRU, 3, 4, rnd, 0f)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training=true");
    }

    @Test
    void repeatedCallsReuseBuffersAndGiveTheSameResult() {
        SplittableRandom rnd = new SplittableRandom(3);
        RecurrentWeights w = weights(CellKind.LSTM, 8, 16, rnd, 0.5f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, 4, 5, 8), SequenceMask.full(4, 5),
                Tensor.zeros(4, 16), Tensor.zeros(4, 16), Direction.FORWARD, null, true);
        RecurrentKernel k = TWO.recurrentKernel(CellKind.LSTM).orElseThrow();
        RecurrentWeights g1 = weights(CellKind.LSTM, 8, 16, rnd, 0f);
        RecurrentWeights g2 = weights(CellKind.LSTM, 8, 16, rnd, 0f);
        Tensor dOut = random(rnd, 1f, 4, 5, 16);
        RecurrentPass p1 = k.forward(call);
        RecurrentGradients r1 = k.backward(p1, dOut, null, null, g1);
        RecurrentPass p2 = k.forward(call);
        RecurrentGradients r2 = k.backward(p2, dOut, null, null, g2);
        assertThat(p2.output().data()).containsExactly(p1.output().data());
        assertThat(r2.dInput().data()).containsExactly(r1.dInput().data());
        assertThat(g2.wHh().data()).containsExactly(g1.wHh().data());
    }

    @Test
    void aPassWhoseBuffersWereReusedIsRefused() {
        SplittableRandom rnd = new SplittableRandom(4);
        RecurrentWeights w = weights(CellKind.RNN_TANH, 2, 3, rnd, 0.5f);
        RecurrentCall call = new RecurrentCall(w, random(rnd, 1f, 1, 2, 2), SequenceMask.full(1, 2),
                Tensor.zeros(1, 3), null, Direction.FORWARD, null, true);
        VectorBackend be = new VectorBackend(BackendOptions.threads(1));
        RecurrentKernel k = be.recurrentKernel(CellKind.RNN_TANH).orElseThrow();
        RecurrentPass p1 = k.forward(call);
        k.backward(p1, null, null, null, weights(CellKind.RNN_TANH, 2, 3, rnd, 0f));
        k.forward(call); // takes p1's buffers back from the pool
        assertThatThrownBy(() -> k.backward(p1, null, null, null, weights(CellKind.RNN_TANH, 2, 3, rnd, 0f)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reused");
    }

    // ---------------------------------------------------------------- helpers

    static RecurrentWeights weights(CellKind cell, int in, int h, SplittableRandom rnd, float scale) {
        int g = cell.gates() * h;
        return new RecurrentWeights(cell, in, h, random(rnd, scale, g, in), random(rnd, scale, g, h),
                random(rnd, scale, g), random(rnd, scale, g));
    }

    static RecurrentWeights copy(RecurrentWeights w) {
        return new RecurrentWeights(w.cell(), w.inputSize(), w.hiddenSize(), w.wIh().copy(), w.wHh().copy(),
                w.bIh().copy(), w.bHh().copy());
    }

    static Tensor random(SplittableRandom rnd, float scale, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, (float) ((rnd.nextDouble() * 2 - 1) * scale));
        }
        return t;
    }

    static Tensor dropoutMask(SplittableRandom rnd, int b, int h) {
        Tensor t = Tensor.zeros(b, h);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, rnd.nextDouble() < 0.3 ? 0f : 1f / 0.7f);
        }
        return t;
    }

    static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            double a = actual.getFlat(i);
            if (!(Math.abs(a - e) <= 1e-5 + 1e-5 * Math.abs(e))) {
                throw new AssertionError(what + " differs at flat index " + i + " of " + expected.shape()
                        + ": vector " + a + ", reference " + e);
            }
        }
    }
}
