package io.rnn4j.core.spec;

/**
 * The explosion guard: notices a loss or gradient that is growing out of bounds while it is still
 * finite, before it reaches infinity or NaN (which always stops training). A step counts as exploding
 * when its loss exceeds {@code lossFactor} times the lowest value so far of the smoothed loss (an
 * exponential moving average over about 20 steps), or when the gradient's global norm (before clipping) exceeds
 * {@code gradNorm}; after {@code steps} such steps in a row the guard acts.
 *
 * @param lossFactor how many times its running minimum the smoothed loss may reach
 * @param gradNorm   the largest gradient norm that is not exploding, or {@code null} for no bound
 * @param steps      consecutive exploding steps before the guard acts
 * @param action     what the guard does then
 */
@Doc("Stop (or warn) when the loss or the gradient grows out of bounds, before it reaches infinity.")
public record ExplosionGuardSpec(
        @Doc("A step's loss may reach this many times the lowest smoothed loss so far.") @Default("10000.0") @Range(min = 1, minExclusive = true) double lossFactor,
        @Doc("A gradient global norm (before clipping) above this counts as exploding; absent for no bound.") @Range(min = 0, minExclusive = true) Double gradNorm,
        @Doc("Exploding steps in a row before the guard acts.") @Default("20") @Range(min = 1) int steps,
        @Doc("stop: end training like a divergence (best weights kept); warn: print one warning and go on; off: no guard.") @Default("stop") Action action) {

    /** The guard's defaults: a loss factor of 10,000 for 20 steps, no gradient bound, stop. */
    public static final ExplosionGuardSpec DEFAULT = new ExplosionGuardSpec(1e4, null, 20, Action.STOP);

    /** What the guard does when it fires. */
    public enum Action {
        /** End training as a divergence does: the best weights in the model, the last good state in the checkpoint. */
        STOP,
        /** Print one warning and go on training. */
        WARN,
        /** No guard. */
        OFF
    }
}
