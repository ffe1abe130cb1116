package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RandomSourceTest {
    private static final int DRAWS = 100_000;

    private static long[] longs(RandomSource r, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextLong();
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        assertThat(longs(new RandomSource(42), 1000)).containsExactly(longs(new RandomSource(42), 1000));
        assertThat(longs(new RandomSource(42), 10)).isNotEqualTo(longs(new RandomSource(43), 10));
    }

    @Test
    void aForkDependsOnlyOnTheSeedAndTheKey() {
        RandomSource fresh = new RandomSource(7);
        RandomSource used = new RandomSource(7);
        longs(used, 123);
        long stateBefore = used.state();

        assertThat(longs(used.fork("lstm_0/weight_ih"), 50)).containsExactly(longs(fresh.fork("lstm_0/weight_ih"), 50));
        assertThat(used.state()).as("forking draws nothing from the parent").isEqualTo(stateBefore);
        assertThat(longs(fresh.fork("a"), 10)).isNotEqualTo(longs(fresh.fork("b"), 10));
        assertThat(longs(new RandomSource(8).fork("a"), 10)).isNotEqualTo(longs(fresh.fork("a"), 10));
        assertThat(longs(fresh.fork("a"), 10)).isNotEqualTo(longs(new RandomSource(7), 10));
    }

    @Test
    void restoringFromSeedAndStateContinuesIdentically() {
        RandomSource original = new RandomSource(99);
        longs(original, 37);
        original.nextGaussian();
        RandomSource restored = RandomSource.restore(original.seed(), original.state());

        assertThat(restored.seed()).isEqualTo(99);
        for (int i = 0; i < 100; i++) {
            assertThat(restored.nextGaussian()).isEqualTo(original.nextGaussian());
            assertThat(restored.nextFloat()).isEqualTo(original.nextFloat());
            assertThat(restored.nextInt(10)).isEqualTo(original.nextInt(10));
        }
        assertThat(longs(restored.fork("k"), 5)).containsExactly(longs(original.fork("k"), 5));
    }

    /** Mean and variance of {@link #DRAWS} draws. */
    private static double[] moments(DoubleSupplier draw) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = draw.getAsDouble();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / DRAWS;
        return new double[] {mean, sumSq / DRAWS - mean * mean};
    }

    @Test
    void uniformDrawsHaveTheMomentsOfTheUniformDistribution() {
        RandomSource r = new RandomSource(1);
        double[] d = moments(r::nextDouble);
        assertThat(d[0]).isCloseTo(0.5, within(0.01));
        assertThat(d[1]).isCloseTo(1.0 / 12, within(0.005));
        double[] u = moments(() -> r.uniform(-2f, 3f)); // mean 0.5, variance 5² / 12
        assertThat(u[0]).isCloseTo(0.5, within(0.05));
        assertThat(u[1]).isCloseTo(25.0 / 12, within(0.1));
    }

    @Test
    void uniformDrawsStayInTheirHalfOpenRange() {
        RandomSource r = new RandomSource(2);
        for (int i = 0; i < DRAWS; i++) {
            assertThat(r.nextFloat()).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            assertThat(r.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            assertThat(r.nextInt(7)).isBetween(0, 6);
        }
    }

    @Test
    void gaussianDrawsHaveMeanZeroAndVarianceOne() {
        double[] g = moments(new RandomSource(3)::nextGaussian);
        assertThat(g[0]).isCloseTo(0.0, within(0.02));
        assertThat(g[1]).isCloseTo(1.0, within(0.03));
    }

    @Test
    void nextIntHitsEveryValueAboutEquallyOften() {
        RandomSource r = new RandomSource(4);
        int[] counts = new int[10];
        for (int i = 0; i < DRAWS; i++) {
            counts[r.nextInt(10)]++;
        }
        for (int v = 0; v < 10; v++) {
            assertThat(counts[v]).as("draws of %d", v).isBetween(9_000, 11_000);
        }
    }

    @Test
    void nextIntRejectsANonPositiveBound() {
        assertThatThrownBy(() -> new RandomSource(5).nextInt(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound must be positive, was 0");
    }
}
