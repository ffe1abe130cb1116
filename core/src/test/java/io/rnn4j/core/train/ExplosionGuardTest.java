package io.rnn4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.spec.ExplosionGuardSpec;
import io.rnn4j.core.spec.ExplosionGuardSpec.Action;
import org.junit.jupiter.api.Test;

/** Issue 10 point 3: a finite but absurd loss (Adam at lr 1e6 sat near 1e14 for 20 epochs) was never flagged. */
class ExplosionGuardTest {

    /** Feeds {@code losses} (gradient norm 1) and returns the 1-based step at which the guard fired, or 0. */
    private static int firesAt(ExplosionGuardSpec spec, double... losses) {
        ExplosionGuard g = new ExplosionGuard(spec);
        for (int i = 0; i < losses.length; i++) {
            if (g.observe(losses[i], 1.0) != null) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double[] falling(int n, double from, double to) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = from * Math.pow(to / from, i / (double) (n - 1));
        }
        return l;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void aLossThatStaysFarAboveItsMinimumFiresAfterTheConfiguredSteps() {
        ExplosionGuardSpec spec = new ExplosionGuardSpec(100, null, 5, Action.STOP);
        // the loss falls from 1 to 0.01, then jumps to 1e14 and stays there
        double[] run = concat(falling(50, 1, 0.01), constant(50, 1e14));
        int at = firesAt(spec, run);
        // the smoothed loss crosses 100 x 0.01 on the first step of the jump (0.05 x 1e14 = 5e12 > 1); 5 steps later
        assertThat(at).isEqualTo(50 + 5);
    }

    @Test
    void aLossThatGoesNegativeIsNotTakenForAnExplosion() {
        // a Gaussian negative log-likelihood (examples/chicago-ridership): 0.64 falling to -0.06 and staying near
        // there; with the bar at 10000 times the minimum (-0.04 x 10000 = -400) every later step "exploded"
        double[] good = concat(falling(100, 0.64, 0.01), constant(200, -0.06));
        assertThat(firesAt(ExplosionGuardSpec.DEFAULT, good)).isZero();
        // the same loss blowing up: the bar is the minimum plus 9999 times max(|minimum|, 1), so about 9999
        double[] blowUp = concat(good, constant(40, 1e5));
        assertThat(firesAt(ExplosionGuardSpec.DEFAULT, blowUp)).isEqualTo(300 + 20);
        assertThat(firesAt(ExplosionGuardSpec.DEFAULT, concat(good, constant(40, 5_000)))).isZero();
    }

    @Test
    void noisyButHealthyTrainingNeverFires() {
        java.util.Random r = new java.util.Random(1);
        double[] run = new double[2000];
        for (int i = 0; i < run.length; i++) {
            // a falling loss with batches up to 50 times the trend, and one single batch 1e6 times it
            run[i] = (2.0 / (1 + i / 50.0)) * (1 + 49 * r.nextDouble()) * (i == 1000 ? 1e6 : 1);
        }
        assertThat(firesAt(ExplosionGuardSpec.DEFAULT, run)).isZero();
    }

    @Test
    void theDefaultGuardCatchesTheAdamAtLearningRateOneMillionCase() {
        // loss about 1 at the start, then about 1e14 at every step (the report)
        double[] run = concat(constant(3, 1), constant(200, 1e14));
        assertThat(firesAt(ExplosionGuardSpec.DEFAULT, run)).isEqualTo(3 + 20);
    }

    @Test
    void aGradientNormBoundFiresWhenSet() {
        ExplosionGuard g = new ExplosionGuard(new ExplosionGuardSpec(1e4, 10.0, 2, Action.STOP));
        assertThat(g.observe(1, 5)).isNull();
        assertThat(g.observe(1, 50)).isNull();
        assertThat(g.observe(1, 60)).isEqualTo("the gradient norm 60.00 (loss 1.000) has stayed above the bound 10 for 2 "
                + "steps (training.explosion_guard)");
    }

    @Test
    void offNeverFiresAndWarnDoesNotStop() {
        double[] run = concat(constant(3, 1), constant(200, 1e14));
        assertThat(firesAt(new ExplosionGuardSpec(1e4, null, 20, Action.OFF), run)).isZero();
        // warn fires where stop would (the same detection), it only does not stop
        assertThat(firesAt(new ExplosionGuardSpec(1e4, null, 20, Action.WARN), run))
                .isEqualTo(firesAt(new ExplosionGuardSpec(1e4, null, 20, Action.STOP), run)).isPositive();
        ExplosionGuard warn = new ExplosionGuard(new ExplosionGuardSpec(1e4, null, 20, Action.WARN));
        assertThat(warn.stops()).isFalse();
        assertThat(warn.firstWarning()).isTrue();
        assertThat(warn.firstWarning()).isFalse();
    }
}
