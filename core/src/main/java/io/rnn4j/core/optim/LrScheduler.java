package io.rnn4j.core.optim;

import java.util.Objects;

/**
 * Runs an {@link LrSchedule}: {@link #learningRate()} is the rate for the current epoch (pass it to
 * {@link Optimizer#step(io.rnn4j.core.ParameterSet, float)}), and {@link #step()} or
 * {@link #step(double)} advances to the next epoch.
 *
 * <p>The protocol, as in PyTorch: before the first {@code step} the rate is the schedule's rate at step 0
 * (PyTorch applies it when the scheduler is constructed); train an epoch with {@link #learningRate()};
 * then call {@code step} once (with the validation metric for {@link LrSchedule.ReduceOnPlateau}). The
 * closed-form schedules are computed from the step count, so they do not drift; the plateau schedule
 * keeps its state, which {@link #state()} and {@link #restore(State)} carry across a resumed run.
 * Not thread-safe.
 */
public final class LrScheduler {
    private final LrSchedule schedule;
    private final double baseLr;
    private final LrSchedule.ReduceOnPlateau plateau;
    private final int plateauStart;
    private int epoch;
    private double plateauLr;
    private double best;
    private int badEpochs;
    private int cooldownCounter;

    /**
     * A scheduler at step 0.
     *
     * @param schedule the schedule
     * @param baseLr   the optimizer's base learning rate ({@code >= 0})
     */
    public LrScheduler(LrSchedule schedule, double baseLr) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        Checks.nonNegative("schedule", "base lr", baseLr, "");
        this.baseLr = baseLr;
        int start = 0;
        LrSchedule s = schedule;
        while (s instanceof LrSchedule.LinearWarmup w) { // the only composite: walk to the schedule it ends in
            start += w.steps();
            s = w.then();
        }
        this.plateau = s instanceof LrSchedule.ReduceOnPlateau p ? p : null;
        this.plateauStart = start;
        this.plateauLr = baseLr;
        this.best = plateau != null ? plateau.worst() : Double.NaN;
    }

    /** The schedule being run. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** The base learning rate. */
    public double baseLearningRate() {
        return baseLr;
    }

    /** Number of completed steps (PyTorch's {@code last_epoch}). */
    public int epoch() {
        return epoch;
    }

    /** The learning rate of the current epoch. */
    public double learningRate() {
        return rateAt(schedule, epoch);
    }

    /** Whether {@link #step(double)} must be used (the schedule watches a metric). */
    public boolean needsMetric() {
        return plateau != null;
    }

    /**
     * Advances one step (epoch) without a metric.
     *
     * @throws IllegalStateException if the schedule reduces on plateau and so needs the metric
     */
    public void step() {
        if (plateau != null) {
            throw new IllegalStateException("reduce_on_plateau needs the monitored metric after every epoch: call "
                    + "step(metric) with the validation value it watches (mode " + plateau.mode().id() + ")");
        }
        epoch++;
    }

    /**
     * Advances one step (epoch), feeding {@code metric} (measured in the epoch that just ended) to a
     * {@link LrSchedule.ReduceOnPlateau}; other schedules ignore it. During a warm-up the metric is not
     * watched. A NaN metric counts as a bad epoch, as in PyTorch.
     */
    public void step(double metric) {
        if (plateau != null && epoch >= plateauStart) {
            observe(metric);
        }
        epoch++;
    }

    /** PyTorch's {@code ReduceLROnPlateau.step}, statement for statement. */
    private void observe(double current) {
        if (plateau.isBetter(current, best)) {
            best = current;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > plateau.patience()) {
            double reduced = Math.max(plateauLr * plateau.factor(), plateau.minLr());
            if (plateauLr - reduced > plateau.eps()) {
                plateauLr = reduced;
            }
            cooldownCounter = plateau.cooldown();
            badEpochs = 0;
        }
    }

    private double rateAt(LrSchedule s, int e) {
        return switch (s.kind()) {
            case CONSTANT -> baseLr;
            case STEP -> {
                LrSchedule.StepDecay d = (LrSchedule.StepDecay) s;
                yield baseLr * Math.pow(d.gamma(), e / d.stepSize());
            }
            case COSINE -> {
                LrSchedule.CosineAnnealing c = (LrSchedule.CosineAnnealing) s;
                yield c.etaMin() + (baseLr - c.etaMin()) * (1 + Math.cos(Math.PI * e / c.tMax())) / 2;
            }
            case WARMUP -> {
                LrSchedule.LinearWarmup w = (LrSchedule.LinearWarmup) s;
                yield e < w.steps()
                        ? baseLr * (w.startFactor() + (1 - w.startFactor()) * e / w.steps())
                        : rateAt(w.then(), e - w.steps());
            }
            case REDUCE_ON_PLATEAU -> plateauLr;
        };
    }

    /** A snapshot of the scheduler for checkpoints. */
    public State state() {
        return new State(epoch, plateauLr, best, badEpochs, cooldownCounter);
    }

    /** Continues from a snapshot taken by {@link #state()} of a scheduler with the same schedule. */
    public void restore(State state) {
        this.epoch = state.epoch();
        this.plateauLr = state.plateauLearningRate();
        this.best = state.best();
        this.badEpochs = state.badEpochs();
        this.cooldownCounter = state.cooldownCounter();
    }

    @Override
    public String toString() {
        return "LrScheduler[" + schedule + ", base=" + baseLr + ", epoch=" + epoch + ", lr=" + learningRate() + "]";
    }

    /**
     * The resumable state of an {@link LrScheduler}. The plateau fields are PyTorch's
     * {@code ReduceLROnPlateau} attributes and keep their initial values for other schedules.
     *
     * @param epoch               completed steps
     * @param plateauLearningRate the current rate of a plateau schedule (the base rate otherwise)
     * @param best                best metric so far ({@code +-inf} before the first, NaN without plateau)
     * @param badEpochs           consecutive epochs without improvement
     * @param cooldownCounter     epochs of cooldown left
     */
    public record State(int epoch, double plateauLearningRate, double best, int badEpochs, int cooldownCounter) {
        /** Validates the counters. */
        public State {
            Checks.nonNegative("scheduler state", "epoch", epoch);
            Checks.nonNegative("scheduler state", "bad_epochs", badEpochs);
            Checks.nonNegative("scheduler state", "cooldown_counter", cooldownCounter);
        }
    }
}
