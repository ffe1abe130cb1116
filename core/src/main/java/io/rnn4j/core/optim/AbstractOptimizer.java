package io.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step counter and named state buffers, allocated on the first step (when the model size is known)
 * or taken from a restored state.
 */
abstract class AbstractOptimizer implements Optimizer {
    private final OptimizerSpec spec;
    private final List<String> bufferNames;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private long steps;

    AbstractOptimizer(OptimizerSpec spec, List<String> bufferNames) {
        this.spec = spec;
        this.bufferNames = List.copyOf(bufferNames);
    }

    @Override
    public final OptimizerSpec spec() {
        return spec;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void step(float[] values, float[] grads, float learningRate) {
        if (values.length != grads.length) {
            throw new IllegalArgumentException("parameter buffer holds " + values.length + " values but gradient buffer "
                    + grads.length);
        }
        if (!(learningRate >= 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException(spec.kind().id() + ": learning rate must be a finite number >= 0, was "
                    + learningRate);
        }
        if (buffers.isEmpty()) {
            for (String name : bufferNames) {
                buffers.put(name, new float[values.length]); // PyTorch initialises moments with zeros
            }
        } else {
            int have = buffers.values().iterator().next().length;
            if (have != values.length) {
                throw new IllegalArgumentException(spec.kind().id() + " optimizer state covers " + have
                        + " parameters but this parameter set has " + values.length
                        + "; an optimizer (or restored state) belongs to one model");
            }
        }
        steps++;
        update(values, grads, learningRate, steps);
        // the weights changed: inference caches of them (packed weights) must not be reused
        io.rnn4j.core.ParameterVersion.changed();
    }

    /** The update of step {@code t} (counting from 1); buffers are allocated. */
    abstract void update(float[] values, float[] grads, float lr, long t);

    /** A state buffer by name (allocated by then). */
    final float[] buffer(String name) {
        return buffers.get(name);
    }

    @Override
    public final OptimizerState state() {
        return new OptimizerState(spec.kind(), steps, buffers);
    }

    @Override
    public final void restore(OptimizerState state) {
        if (state.kind() != spec.kind()) {
            throw new IllegalArgumentException("cannot restore a " + state.kind().id() + " optimizer state into a "
                    + spec.kind().id() + " optimizer; resume with the optimizer the run was saved with");
        }
        boolean empty = state.bufferNames().isEmpty();
        if (!empty && !state.bufferNames().equals(bufferNames)) {
            throw new IllegalArgumentException(spec.kind().id() + " optimizer state has buffers "
                    + state.bufferNames() + " but this configuration needs " + bufferNames
                    + "; was it saved with other options (momentum, centered, amsgrad)?");
        }
        if (empty && state.step() > 0 && !bufferNames.isEmpty()) {
            throw new IllegalArgumentException(spec.kind().id() + " optimizer state after " + state.step()
                    + " steps has no buffers but this configuration needs " + bufferNames);
        }
        buffers.clear();
        for (String name : state.bufferNames()) {
            buffers.put(name, state.buffer(name));
        }
        steps = state.step();
    }

    @Override
    public String toString() {
        return spec + " after " + steps + " steps";
    }
}
