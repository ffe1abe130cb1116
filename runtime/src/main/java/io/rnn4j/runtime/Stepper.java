package io.rnn4j.runtime;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.Stateful;
import io.rnn4j.core.model.ValueType;
import java.util.List;

/**
 * Runs a many-to-many model over a growing sequence one chunk at a time, carrying every recurrent layer's
 * state from one chunk to the next (the {@link Stateful} path truncated BPTT uses), so that feeding a
 * token costs one step however long the context is. The logits of a chunk equal those of running the
 * whole sequence so far (to float rounding), which {@code StepperTest} checks for every cell kind.
 *
 * <p>A model can be stepped when its input and output have a time axis with one output step per input
 * step and every layer that keeps a state can carry it across chunks (not a bidirectional one); see
 * {@link #of(Network)}.
 */
final class Stepper {
    private final Network network;
    private final RecurrentState[] states;
    private int steps;

    private Stepper(Network network) {
        this.network = network;
        this.states = new RecurrentState[network.layers().size()];
    }

    /** A stepper over {@code network}, or {@code null} if the model cannot be stepped (see the class comment). */
    static Stepper of(Network network) {
        LayerGraph graph = network.graph();
        if (!graph.input().hasTime() || graph.output().kind() == ValueType.Kind.VECTOR
                || graph.head().input().kind() == ValueType.Kind.VECTOR) {
            return null;
        }
        for (Layer l : network.layers()) {
            if (l instanceof Stateful s && !s.continuesAcrossWindows()) {
                return null;
            }
        }
        return new Stepper(network);
    }

    /** Steps fed so far. */
    int steps() {
        return steps;
    }

    /**
     * Feeds the next token ids and returns the logits of their steps, {@code [1, ids.length, vocabulary]};
     * {@code null} if a layer turned out not to carry its state (the caller re-runs the whole context).
     */
    Tensor feed(int[] ids) {
        float[] x = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            x[i] = ids[i];
        }
        Flow f = Flow.sequences(Tensor.of(x, 1, ids.length));
        List<Layer> layers = network.layers();
        LayerContext inference = LayerContext.inference();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Flow out;
            if (layer instanceof Stateful s) {
                out = s.forwardFrom(f, states[i], inference);
                // kept as returned, not copied: a layer's final state is its own new tensor, which the next
                // call only reads as its initial state (RecurrentPass), so nothing else can change it
                states[i] = out.state();
            } else {
                out = layer.forward(f, inference);
                if (out.state() != null && out.state() != f.state()) {
                    return null; // keeps a state it cannot start from
                }
            }
            f = out;
        }
        if (!f.isSequence() || f.values().dim(1) != ids.length) {
            return null;
        }
        steps += ids.length;
        return f.values();
    }
}
