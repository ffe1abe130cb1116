package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrSchedulerTest {

    @Test
    void rateBeforeTheFirstStepIsTheScheduleAtStepZero() {
        LrScheduler warm = new LrScheduler(LrSchedule.warmup(4, 0.25, LrSchedule.constant()), 0.1);

        assertThat(warm.learningRate()).isCloseTo(0.025, within(1e-15));
        assertThat(warm.epoch()).isZero();
    }

    @Test
    void plateauNeedsTheMetric() {
        LrScheduler plateau = new LrScheduler(LrSchedule.reduceOnPlateau(PlateauMode.MIN), 0.1);

        assertThat(plateau.needsMetric()).isTrue();
        assertThatThrownBy(plateau::step)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call step(metric)");
    }

    @Test
    void closedFormSchedulesIgnoreTheMetric() {
        LrScheduler step = new LrScheduler(LrSchedule.step(1, 0.5), 1.0);
        step.step(123.0);

        assertThat(step.needsMetric()).isFalse();
        assertThat(step.learningRate()).isEqualTo(0.5);
    }

    @Test
    void warmupThenPlateauWatchesOnlyEpochsAfterTheWarmup() {
        LrSchedule s = LrSchedule.warmup(3, 0.5,
                new LrSchedule.ReduceOnPlateau(PlateauMode.MIN, 0.5, 0, 0, ThresholdMode.ABS, 0, 0, 1e-8));
        LrScheduler scheduler = new LrScheduler(s, 1.0);

        // bad metrics during the warm-up are not counted
        for (double m : new double[] {5, 6, 7}) {
            scheduler.step(m);
        }
        assertThat(scheduler.learningRate()).isEqualTo(1.0);
        scheduler.step(4); // first observation: best = 4
        assertThat(scheduler.learningRate()).isEqualTo(1.0);
        scheduler.step(4); // no improvement, patience 0: halve
        assertThat(scheduler.learningRate()).isEqualTo(0.5);
    }

    @Test
    void restoredSchedulerContinuesExactly() {
        LrSchedule s = new LrSchedule.ReduceOnPlateau(PlateauMode.MAX, 0.5, 1, 0.01, ThresholdMode.ABS, 1, 0.01, 1e-8);
        double[] metrics = {0.5, 0.5, 0.5, 0.6, 0.6, 0.6, 0.6, 0.61, 0.9, 0.9, 0.9, 0.9};
        LrScheduler a = new LrScheduler(s, 0.1);
        LrScheduler b = new LrScheduler(s, 0.1);
        for (int e = 0; e < metrics.length; e++) {
            if (e == 5) {
                LrScheduler.State saved = b.state();
                b = new LrScheduler(s, 0.1);
                b.restore(saved);
            }
            assertThat(b.learningRate()).as("epoch %d", e).isEqualTo(a.learningRate());
            a.step(metrics[e]);
            b.step(metrics[e]);
        }
        assertThat(b.state()).isEqualTo(a.state());
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertThatThrownBy(() -> LrSchedule.step(0, 0.5))
                .hasMessage("step schedule: step_size must be >= 1, was 0");
        assertThatThrownBy(() -> LrSchedule.warmup(5, 0, LrSchedule.constant()))
                .hasMessage("warmup: start_factor must be in (0, 1], was 0.0; the first warm-up step uses "
                        + "base_lr * start_factor");
        assertThatThrownBy(() -> new LrSchedule.ReduceOnPlateau(PlateauMode.MIN, 1.0, 10, 1e-4, ThresholdMode.REL,
                0, 0, 1e-8))
                .hasMessage("reduce_on_plateau: factor must be in (0, 1), was 1.0; the new rate is lr * factor "
                        + "(default 0.1)");
        assertThatThrownBy(() -> LrScheduleKind.fromId("onecycle"))
                .hasMessage("unknown learning-rate schedule 'onecycle'; known schedules: constant, step, cosine, "
                        + "warmup, reduce_on_plateau");
    }

    @Test
    void defaultsArePyTorchs() {
        assertThat(LrSchedule.reduceOnPlateau(PlateauMode.MIN)).isEqualTo(
                new LrSchedule.ReduceOnPlateau(PlateauMode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8));
        assertThat(LrSchedule.StepDecay.DEFAULT_GAMMA).isEqualTo(0.1);
        assertThat(LrSchedule.LinearWarmup.DEFAULT_START_FACTOR).isEqualTo(1.0 / 3);
    }
}
