package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnn4j.core.Direction;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once compiled, a fused pass allocates its results and nothing else: no buffers (they are reused) and
 * no boxed vectors in the step loop. The latter is a regression test for a performance cliff: when C2
 * ran out of inlining budget in the step loop, {@code tanh} was called out of line on boxed vectors,
 * allocating 5 MB per LSTM forward pass and running several times slower.
 */
class AllocationTest {
    private static final VectorBackend BACKEND = new VectorBackend(BackendOptions.threads(1));

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @ParameterizedTest
    @EnumSource(value = CellKind.class, mode = EnumSource.Mode.EXCLUDE, names = "GRU_RESET_BEFORE") // no fused kernel
    void aCompiledPassAllocatesOnlyItsResults(CellKind cell) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean mx && mx.isThreadAllocatedMemorySupported(),
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        int b = 8;
        int t = 30;
        int in = 16;
        int h = 64;
        SplittableRandom rnd = new SplittableRandom(1);
        RecurrentWeights w = FusedKernelTest.weights(cell, in, h, rnd, 0.2f);
        RecurrentWeights g = FusedKernelTest.weights(cell, in, h, rnd, 0f);
        RecurrentCall call = new RecurrentCall(w, FusedKernelTest.random(rnd, 1f, b, t, in), SequenceMask.full(b, t),
                Tensor.zeros(b, h), cell.hasCellState() ? Tensor.zeros(b, h) : null, Direction.FORWARD, null, true);
        Tensor dh = FusedKernelTest.random(rnd, 1f, b, h);
        RecurrentKernel k = BACKEND.recurrentKernel(cell).orElseThrow();
        // results: output [b,t,h], hN (and cN), dInput [b,t,in], dh0 (and dc0), plus their small objects
        long results = 4L * (b * t * h + 2L * b * h + b * t * in + 2L * b * h);
        long allowed = results + 16 * 1024;
        long last = Long.MAX_VALUE;
        int good = 0;
        long deadline = System.nanoTime() + 30_000_000_000L; // C2 compiles the loops within a few seconds
        long thread = Thread.currentThread().getId();
        while (good < 5 && System.nanoTime() < deadline) {
            long a0 = mx.getThreadAllocatedBytes(thread);
            RecurrentPass p = k.forward(call);
            k.backward(p, null, dh, null, g);
            last = mx.getThreadAllocatedBytes(thread) - a0;
            good = last <= allowed ? good + 1 : 0;
        }
        assertThat(last).as("bytes allocated by a compiled %s forward and backward pass (results: %d)", cell, results)
                .isLessThanOrEqualTo(allowed);
    }
}
