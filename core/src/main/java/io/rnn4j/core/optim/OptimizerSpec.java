package io.rnn4j.core.optim;

/**
 * The configuration of an optimizer: pure data, validated when it is constructed. An
 * {@link Optimizer} is built from it with {@link Optimizer#create(OptimizerSpec)}.
 *
 * <p>{@link #learningRate()} is the base learning rate; a learning-rate schedule
 * ({@link LrScheduler}) derives the rate of each step from it and passes that to
 * {@link Optimizer#step(io.rnn4j.core.ParameterSet, float)}.
 */
@io.rnn4j.core.spec.Polymorphic
public sealed interface OptimizerSpec permits SgdSpec, AdamSpec, AdamWSpec, RmsPropSpec {

    /** Which optimizer this is. */
    OptimizerKind kind();

    /** The base learning rate. */
    double learningRate();

    /** The weight-decay coefficient ({@code 0} for none). */
    double weightDecay();
}
