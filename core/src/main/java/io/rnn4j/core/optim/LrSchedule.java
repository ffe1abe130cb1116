package io.rnn4j.core.optim;

import java.util.Objects;

/**
 * A learning-rate schedule: pure data, validated when it is constructed. An {@link LrScheduler} runs
 * it. Every schedule reproduces the PyTorch scheduler named in its Javadoc, in units of
 * <em>scheduler steps</em> (PyTorch's {@code last_epoch}): the rate at step {@code e} is the rate after
 * {@code e} calls of {@link LrScheduler#step()}. rnn4j's trainer steps once per epoch, after
 * validation, as PyTorch's documentation recommends; a trainer that steps per batch instead makes
 * {@code stepSize}, {@code tMax} and {@code steps} count batches (never for {@link ReduceOnPlateau},
 * which is fed one metric per epoch).
 *
 * <p>Below, {@code base} is the optimizer's base learning rate ({@link OptimizerSpec#learningRate()}).
 */
@io.rnn4j.core.spec.Polymorphic
public sealed interface LrSchedule {

    /** Which schedule this is. */
    LrScheduleKind kind();

    /** Whether stepping needs the monitored metric (a {@link ReduceOnPlateau} is part of it). */
    default boolean needsMetric() {
        return false;
    }

    /** The base rate at every step (the default when no schedule is configured). */
    static LrSchedule constant() {
        return new Constant();
    }

    /** {@link StepDecay}. */
    static LrSchedule step(int stepSize, double gamma) {
        return new StepDecay(stepSize, gamma);
    }

    /** {@link CosineAnnealing}. */
    static LrSchedule cosine(int tMax, double etaMin) {
        return new CosineAnnealing(tMax, etaMin);
    }

    /** {@link LinearWarmup}. */
    static LrSchedule warmup(int steps, double startFactor, LrSchedule then) {
        return new LinearWarmup(steps, startFactor, then);
    }

    /** {@link ReduceOnPlateau} with PyTorch's defaults for everything but the mode. */
    static LrSchedule reduceOnPlateau(PlateauMode mode) {
        return ReduceOnPlateau.defaults(mode);
    }

    /** The base rate at every step. */
    @io.rnn4j.core.spec.Variant("constant")
    @io.rnn4j.core.spec.Doc("The base rate at every epoch.")
    record Constant() implements LrSchedule {
        @Override
        public LrScheduleKind kind() {
            return LrScheduleKind.CONSTANT;
        }
    }

    /**
     * {@code lr(e) = base * gamma^floor(e / stepSize)}, PyTorch's {@code StepLR}.
     *
     * @param stepSize steps between two decays ({@code >= 1})
     * @param gamma    multiplicative factor ({@code (0, 1]}; PyTorch's default 0.1)
     */
    @io.rnn4j.core.spec.Variant("step")
    @io.rnn4j.core.spec.Doc("lr * gamma^floor(epoch / step_size), as torch StepLR.")
    record StepDecay(@io.rnn4j.core.spec.Doc("Epochs between decays.") @io.rnn4j.core.spec.Range(min = 1) int stepSize,
            @io.rnn4j.core.spec.Doc("Factor of each decay.") @io.rnn4j.core.spec.Default("0.1") @io.rnn4j.core.spec.Range(min = 0, minExclusive = true) double gamma) implements LrSchedule {
        /** PyTorch's default decay factor. */
        public static final double DEFAULT_GAMMA = 0.1;

        /** Validates the fields. */
        public StepDecay {
            Checks.positive("step schedule", "step_size", stepSize);
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("step schedule: gamma must be in (0, 1], was " + gamma
                        + "; the default is 0.1");
            }
        }

        @Override
        public LrScheduleKind kind() {
            return LrScheduleKind.STEP;
        }
    }

    /**
     * {@code lr(e) = etaMin + (base - etaMin) * (1 + cos(pi * e / tMax)) / 2}, PyTorch's
     * {@code CosineAnnealingLR} (Loshchilov and Hutter, 2017, "SGDR", without restarts). As in PyTorch
     * the formula continues past {@code tMax}, so the rate climbs back towards {@code base} after
     * reaching {@code etaMin}: set {@code tMax} to the number of epochs.
     *
     * @param tMax   steps from {@code base} down to {@code etaMin} ({@code >= 1})
     * @param etaMin the minimum rate ({@code >= 0}, default 0)
     */
    @io.rnn4j.core.spec.Variant("cosine")
    @io.rnn4j.core.spec.Doc("Cosine annealing from lr to eta_min over t_max epochs, as torch CosineAnnealingLR.")
    record CosineAnnealing(@io.rnn4j.core.spec.Doc("Epochs of one half cosine.") @io.rnn4j.core.spec.Range(min = 1) int tMax,
            @io.rnn4j.core.spec.Doc("Smallest rate.") @io.rnn4j.core.spec.Default("0.0") @io.rnn4j.core.spec.Range(min = 0) double etaMin) implements LrSchedule {
        /** Validates the fields. */
        public CosineAnnealing {
            Checks.positive("cosine schedule", "t_max", tMax);
            Checks.nonNegative("cosine schedule", "eta_min", etaMin, "the default is 0");
        }

        @Override
        public LrScheduleKind kind() {
            return LrScheduleKind.COSINE;
        }
    }

    /**
     * Linear warm-up, then another schedule: {@code lr(e) = base * (startFactor + (1 - startFactor) * e /
     * steps)} for {@code e < steps}, then {@code then}'s rate at step {@code e - steps}. This is PyTorch's
     * {@code SequentialLR([LinearLR(start_factor, end_factor=1, total_iters=steps), then],
     * milestones=[steps])}; with {@code then} constant it is {@code LinearLR} alone. A
     * {@link ReduceOnPlateau} as {@code then} sees the metrics of the epochs after the warm-up only.
     *
     * @param steps       warm-up steps ({@code >= 1}); the full base rate is reached at step {@code steps}
     * @param startFactor fraction of the base rate at step 0 ({@code (0, 1]}; PyTorch's {@code LinearLR}
     *                    default is 1/3)
     * @param then        the schedule after the warm-up, which starts from the base rate
     */
    @io.rnn4j.core.spec.Variant("warmup")
    @io.rnn4j.core.spec.Doc("Linear warm-up from start_factor * lr to lr over steps epochs, then another schedule.")
    record LinearWarmup(@io.rnn4j.core.spec.Doc("Warm-up epochs.") @io.rnn4j.core.spec.Range(min = 1) int steps,
            @io.rnn4j.core.spec.Doc("Factor of the first epoch.") @io.rnn4j.core.spec.Default("0.1") @io.rnn4j.core.spec.Range(min = 0, minExclusive = true, max = 1) double startFactor,
            @io.rnn4j.core.spec.Doc("The schedule after the warm-up.") @io.rnn4j.core.spec.Default("{constant: {}}") LrSchedule then) implements LrSchedule {
        /** PyTorch's {@code LinearLR} default start factor. */
        public static final double DEFAULT_START_FACTOR = 1.0 / 3;

        /** Validates the fields. */
        public LinearWarmup {
            Checks.positive("warmup", "steps", steps);
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new IllegalArgumentException("warmup: start_factor must be in (0, 1], was " + startFactor
                        + "; the first warm-up step uses base_lr * start_factor");
            }
            Objects.requireNonNull(then, "then");
        }

        @Override
        public LrScheduleKind kind() {
            return LrScheduleKind.WARMUP;
        }

        @Override
        public boolean needsMetric() {
            return then.needsMetric();
        }
    }

    /**
     * Reduce the rate when a monitored metric stops improving, PyTorch's {@code ReduceLROnPlateau}. After
     * each epoch the scheduler is fed the metric: if it is better than the best so far (by
     * {@code threshold}, see {@link ThresholdMode}) it becomes the best, otherwise the epoch counts as
     * bad. Epochs during a cooldown never count as bad. After more than {@code patience} bad epochs in a
     * row the rate becomes {@code max(lr * factor, minLr)}, unless that changes it by no more than
     * {@code eps}, and the cooldown starts.
     *
     * @param mode          whether lower ({@code min}, default) or higher ({@code max}) is better
     * @param factor        multiplicative reduction ({@code (0, 1)}, default 0.1)
     * @param patience      bad epochs tolerated before a reduction ({@code >= 0}, default 10)
     * @param threshold     margin of a significant improvement ({@code >= 0}, default 1e-4)
     * @param thresholdMode {@code rel} (default) or {@code abs}
     * @param cooldown      epochs after a reduction during which bad epochs are not counted
     *                      ({@code >= 0}, default 0)
     * @param minLr         the rate never goes below this ({@code >= 0}, default 0)
     * @param eps           reductions smaller than this are skipped ({@code >= 0}, default 1e-8)
     */
    @io.rnn4j.core.spec.Variant("reduce_on_plateau")
    @io.rnn4j.core.spec.Doc("Multiply lr by factor when the monitored metric stops improving, as torch ReduceLROnPlateau.")
    record ReduceOnPlateau(@io.rnn4j.core.spec.Doc("min for a loss, max for a score.") @io.rnn4j.core.spec.Default("min") PlateauMode mode,
            @io.rnn4j.core.spec.Doc("Factor of each reduction.") @io.rnn4j.core.spec.Default("0.1") @io.rnn4j.core.spec.Range(min = 0, max = 1, minExclusive = true, maxExclusive = true) double factor,
            @io.rnn4j.core.spec.Doc("Epochs without improvement before a reduction.") @io.rnn4j.core.spec.Default("10") @io.rnn4j.core.spec.Range(min = 0) int patience,
            @io.rnn4j.core.spec.Doc("Smallest change that counts as an improvement.") @io.rnn4j.core.spec.Default("1.0e-4") @io.rnn4j.core.spec.Range(min = 0) double threshold,
            @io.rnn4j.core.spec.Doc("rel or abs threshold.") @io.rnn4j.core.spec.Default("rel") ThresholdMode thresholdMode,
            @io.rnn4j.core.spec.Doc("Epochs to wait after a reduction.") @io.rnn4j.core.spec.Default("0") @io.rnn4j.core.spec.Range(min = 0) int cooldown,
            @io.rnn4j.core.spec.Doc("Smallest rate.") @io.rnn4j.core.spec.Default("0.0") @io.rnn4j.core.spec.Range(min = 0) double minLr,
            @io.rnn4j.core.spec.Doc("Smallest change of the rate that is applied.") @io.rnn4j.core.spec.Default("1.0e-8") @io.rnn4j.core.spec.Range(min = 0) double eps) implements LrSchedule {

        /** Validates the fields. */
        public ReduceOnPlateau {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(thresholdMode, "thresholdMode");
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("reduce_on_plateau: factor must be in (0, 1), was " + factor
                        + "; the new rate is lr * factor (default 0.1)");
            }
            Checks.nonNegative("reduce_on_plateau", "patience", patience);
            Checks.nonNegative("reduce_on_plateau", "threshold", threshold, "the default is 1e-4");
            Checks.nonNegative("reduce_on_plateau", "cooldown", cooldown);
            Checks.nonNegative("reduce_on_plateau", "min_lr", minLr, "the default is 0");
            Checks.nonNegative("reduce_on_plateau", "eps", eps, "the default is 1e-8");
        }

        /** PyTorch's defaults: factor 0.1, patience 10, threshold 1e-4 (rel), no cooldown, min_lr 0, eps 1e-8. */
        public static ReduceOnPlateau defaults(PlateauMode mode) {
            return new ReduceOnPlateau(mode, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
        }

        @Override
        public LrScheduleKind kind() {
            return LrScheduleKind.REDUCE_ON_PLATEAU;
        }

        @Override
        public boolean needsMetric() {
            return true;
        }

        /** Whether {@code a} is a significant improvement on {@code best}, in PyTorch's terms. */
        boolean isBetter(double a, double best) {
            if (mode == PlateauMode.MIN) {
                return thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
            }
            return thresholdMode == ThresholdMode.REL ? a > best * (1 + threshold) : a > best + threshold;
        }

        /** The value that every metric improves on. */
        double worst() {
            return mode == PlateauMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
    }
}
