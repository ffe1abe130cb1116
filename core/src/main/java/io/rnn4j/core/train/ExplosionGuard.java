package io.rnn4j.core.train;

import io.rnn4j.core.spec.ExplosionGuardSpec;
import java.util.Locale;

/**
 * Watches every optimizer step for a loss or gradient growing out of bounds ({@link ExplosionGuardSpec}):
 * the step's loss above {@code loss_factor} times the running minimum of the smoothed loss (for a minimum
 * of zero or below, that minimum plus {@code loss_factor - 1} times the larger of its size and 1; an
 * exponential moving average, weight {@value #SMOOTHING} on the past), or the gradient norm above
 * {@code grad_norm}, for {@code steps} steps in a row. The minimum is taken from the smoothed loss, so a
 * single easy batch does not set an unreachably low bar; the test is on each step's own loss, so a
 * single hard batch counts once and is forgotten at the next normal step. Not part of the resumable
 * state: after a resume the guard starts afresh, which only delays it by a few steps.
 */
final class ExplosionGuard {
    /** Weight of the past in the moving average (about 20 steps). */
    static final double SMOOTHING = 0.95;

    private final ExplosionGuardSpec spec;
    private double smoothed = Double.NaN;
    private double minimum = Double.POSITIVE_INFINITY;
    private int run;
    private boolean warned;

    ExplosionGuard(ExplosionGuardSpec spec) {
        this.spec = spec;
    }

    /**
     * Observes one step's finite loss and gradient norm (before clipping); returns why the guard fires
     * now (in words), or {@code null}.
     */
    String observe(double loss, double gradNorm) {
        if (spec.action() == ExplosionGuardSpec.Action.OFF) {
            return null;
        }
        String why = null;
        if (loss > bar()) {
            why = minimum > 0
                    ? String.format(Locale.ROOT, "the loss (%.4g at the last step) has stayed above %s times its lowest "
                            + "smoothed value %.4g", loss, plain(spec.lossFactor()), minimum)
                    : String.format(Locale.ROOT, "the loss (%.4g at the last step) has stayed above %.4g, its lowest "
                            + "smoothed value %.4g plus %s times the larger of its size and 1 (a loss that can be "
                            + "negative, such as a Gaussian negative log-likelihood)", loss, bar(), minimum,
                            plain(spec.lossFactor() - 1));
        } else if (spec.gradNorm() != null && gradNorm > spec.gradNorm()) {
            why = String.format(Locale.ROOT, "the gradient norm %.4g (loss %.4g) has stayed above the bound %s",
                    gradNorm, loss, plain(spec.gradNorm()));
        }
        smoothed = Double.isNaN(smoothed) ? loss : SMOOTHING * smoothed + (1 - SMOOTHING) * loss;
        minimum = Math.min(minimum, smoothed);
        run = why == null ? 0 : run + 1;
        if (run < spec.steps()) {
            return null;
        }
        return why + " for " + spec.steps() + (spec.steps() == 1 ? " step" : " steps")
                + " (training.explosion_guard)";
    }

    /**
     * The loss above which a step counts as exploding: {@code loss_factor} times the lowest smoothed loss while
     * that is positive; for a loss whose minimum is zero or negative (a Gaussian negative log-likelihood is
     * below zero once the fit is good), a multiple is meaningless (ten thousand times -0.04 is below every
     * loss), so the bar is the minimum plus {@code loss_factor - 1} times the larger of its size and 1.
     */
    private double bar() {
        if (minimum > 0) {
            return spec.lossFactor() * minimum;
        }
        return minimum + (spec.lossFactor() - 1) * Math.max(Math.abs(minimum), 1.0);
    }

    /** Whether the guard stops training when it fires (else it warns once). */
    boolean stops() {
        return spec.action() == ExplosionGuardSpec.Action.STOP;
    }

    /** True the first time only: a warning is given once per run. */
    boolean firstWarning() {
        boolean first = !warned;
        warned = true;
        return first;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v).replace(",", "")
                : Double.toString(v);
    }
}
