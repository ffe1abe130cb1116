package io.rnn4j.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmupTest {

    /** A step whose time falls from 10 ms (C2 still compiling) to a steady 2 ms after {@code jitSteps} calls. */
    private static java.util.function.LongSupplier compilingStep(AtomicInteger calls, int jitSteps) {
        return () -> calls.getAndIncrement() < jitSteps ? 10_000_000L : 2_000_000L;
    }

    @Test
    void twoAgreeingBlocksEndTheWarmupSoTheMinimumMustCoverCompilation() {
        AtomicInteger calls = new AtomicInteger();
        int n = Warmup.untilStable(3, 60).run(compilingStep(calls, 23));
        // 3 minimum, then blocks of 5: the step is still slow for 23 calls, so the first two blocks (calls 3-12)
        // agree at 10 ms and warm-up stops there: a stable plateau cannot be told from the final speed, which is
        // why --warmup sets a minimum and the bench prints min and max of the timed repetitions
        assertThat(n).isEqualTo(13);
        assertThat(calls.get()).isEqualTo(13);
    }

    @Test
    void warmupContinuesWhileTheStepTimeStillMoves() {
        AtomicInteger calls = new AtomicInteger();
        long[] times = {9, 9, 9, 9, 9, 7, 7, 7, 7, 7, 5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        int n = Warmup.untilStable(0, 60).run(() -> times[calls.getAndIncrement()] * 1_000_000L);
        // block medians 9, 7, 5, 3, 3: stable only at the fifth block
        assertThat(n).isEqualTo(25);
    }

    @Test
    void warmupStopsAtItsTimeLimit() {
        AtomicInteger calls = new AtomicInteger();
        int n = Warmup.untilStable(2, 0).run(() -> {
            calls.incrementAndGet();
            return calls.get() * 1_000_000L;
        });
        assertThat(n).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new Warmup(-1, 5, 0.03, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
