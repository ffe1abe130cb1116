package io.rnn4j.core.model;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link LayerGraph} bound to a backend: the parameters in one {@link ParameterSet} and a runtime
 * layer per node. Forward runs the chain; backward runs it in reverse and accumulates parameter
 * gradients.
 */
public final class Network {
    private final LayerGraph graph;
    private final Backend backend;
    private final ParameterSet params;
    private final List<Layer> layers;

    /**
     * Binds a graph to a backend.
     *
     * @throws Rnn4jException {@code RNN4J-BACKEND-007} if the backend lacks a capability the graph needs
     */
    public Network(LayerGraph graph, Backend backend) {
        this.graph = graph;
        this.backend = backend;
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        if (!backend.has(Capability.INFERENCE)) {
            missing.add(Capability.INFERENCE);
        }
        List<String> needers = new ArrayList<>();
        for (LayerGraph.Node n : graph.nodes()) {
            Set<Capability> need = requiresAs(n);
            for (Capability c : need) {
                if (!backend.has(c)) {
                    missing.add(c);
                    needers.add(n.name() + " needs " + c);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new Rnn4jException("RNN4J-BACKEND-007", "backend '" + backend.id() + "' lacks " + missing
                    + (needers.isEmpty() ? "" : " (" + String.join(", ", needers) + ")") + "; it has "
                    + backend.capabilities() + ". Choose another backend with --backend or 'backend:'.");
        }
        ParameterSet.Builder b = ParameterSet.builder();
        for (LayerGraph.Node n : graph.nodes()) {
            n.declare(b);
        }
        this.params = b.build();
        List<Layer> ls = new ArrayList<>();
        for (LayerGraph.Node n : graph.nodes()) {
            ls.add(n.create(params, backend));
        }
        this.layers = List.copyOf(ls);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<Capability> requiresAs(LayerGraph.Node n) {
        io.rnn4j.core.spi.LayerKind k = n.kind();
        return k.requires(n.spec());
    }

    /**
     * Fails unless the backend can train.
     *
     * @param trainers ids of the backends that can, for the message
     * @throws Rnn4jException {@code RNN4J-BACKEND-005}
     */
    public void requireTraining(List<String> trainers) {
        if (!backend.has(Capability.TRAINING)) {
            throw new Rnn4jException("RNN4J-BACKEND-005", "backend '" + backend.id() + "' cannot train (it has "
                    + backend.capabilities() + "). Backends that can train: " + String.join(", ", trainers)
                    + ". Train with one of them (--backend), then use '" + backend.id() + "' for inference.");
        }
    }

    /** Draws every parameter from {@code random} (each from a fork keyed by its id). */
    public void initialize(RandomSource random) {
        for (Layer l : layers) {
            l.initialize(random);
        }
    }

    /** Runs every layer in order. */
    public Flow forward(Flow input, LayerContext context) {
        Flow f = input;
        for (Layer l : layers) {
            f = l.forward(f, context);
        }
        return f;
    }

    /** Backpropagates through the last training forward pass, adding into the parameter gradients. */
    public void backward(Flow gradOutput) {
        Flow g = gradOutput;
        for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
            g = layers.get(i).backward(g);
        }
    }

    public LayerGraph graph() {
        return graph;
    }

    public Backend backend() {
        return backend;
    }

    /** All parameters, in one flat buffer. */
    public ParameterSet parameters() {
        return params;
    }

    /** The runtime layers, the head last. */
    public List<Layer> layers() {
        return layers;
    }
}
