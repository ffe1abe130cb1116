package io.rnn4j.core.optim;

import io.rnn4j.core.ParameterSet;

/**
 * Updates parameters from their gradients. An optimizer works on the flat buffers of a
 * {@link ParameterSet} ({@link ParameterSet#values()}, {@link ParameterSet#grads()}): one loop over one
 * array, with per-element state buffers (moments) of the same length.
 *
 * <p>Every implementation reproduces the update equations and defaults of the corresponding PyTorch
 * optimizer (see the spec records), with one difference that follows from the flat buffers: PyTorch
 * skips a parameter whose {@code .grad} is {@code None}, whereas here every element is updated every
 * step and a parameter that received no gradient is treated as having gradient 0 (so momentum and
 * weight decay still move it). Freeze a parameter by keeping it out of the set.
 *
 * <p>The state ({@link #state()}) holds everything that the next step depends on besides the spec, so
 * that {@code restore(state())} on a fresh optimizer continues a run bit for bit. Instances are not
 * thread-safe.
 */
public interface Optimizer {

    /** The configuration this optimizer was built from. */
    OptimizerSpec spec();

    /** Which optimizer this is. */
    default OptimizerKind kind() {
        return spec().kind();
    }

    /**
     * One update of every element of {@code values} from {@code grads} with the given learning rate
     * (which the schedule supplies; the spec's rate is only the base). The gradients are read, not
     * cleared.
     *
     * @throws IllegalArgumentException if the buffers differ in length, or differ from the length of the
     *                                  state buffers of earlier steps (another model)
     */
    void step(float[] values, float[] grads, float learningRate);

    /** One update of all parameters of {@code params}; see {@link #step(float[], float[], float)}. */
    default void step(ParameterSet params, float learningRate) {
        step(params.values(), params.grads(), learningRate);
    }

    /** One update with the spec's base learning rate (no schedule). */
    default void step(ParameterSet params) {
        step(params.values(), params.grads(), (float) spec().learningRate());
    }

    /** Number of steps taken so far (PyTorch's {@code state['step']}); restored by {@link #restore}. */
    long steps();

    /** A deep copy of the state: the step counter and the per-element buffers. */
    OptimizerState state();

    /**
     * Replaces this optimizer's state by a copy of {@code state}, so that the next step continues the
     * run that produced it.
     *
     * @throws IllegalArgumentException if the state is of another optimizer kind or lacks a buffer that
     *                                  this configuration needs (e.g. saved without momentum)
     */
    void restore(OptimizerState state);

    /** Builds the optimizer that {@code spec} describes, with empty state. */
    static Optimizer create(OptimizerSpec spec) {
        return switch (spec.kind()) {
            case SGD -> new SgdOptimizer((SgdSpec) spec);
            case ADAM -> new AdamOptimizer(spec, (AdamSpec) spec);
            case ADAMW -> new AdamOptimizer(spec, (AdamWSpec) spec);
            case RMSPROP -> new RmsPropOptimizer((RmsPropSpec) spec);
        };
    }
}
