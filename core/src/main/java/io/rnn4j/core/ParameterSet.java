package io.rnn4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All parameters of a model in two flat buffers, one for values and one for gradients, each
 * parameter a window of them. Flat buffers make checkpoints, optimizers, gradient clipping by global
 * norm and (later) data-parallel gradient aggregation one loop over one array.
 *
 * <p>Built with a {@link Builder}: declare every parameter's id and shape, then {@link Builder#build()}
 * allocates the buffers once.
 */
public final class ParameterSet {
    private final float[] values;
    private final float[] grads;
    private final Map<ParamId, Parameter> byId;

    private ParameterSet(float[] values, float[] grads, Map<ParamId, Parameter> byId) {
        this.values = values;
        this.grads = grads;
        this.byId = byId;
    }

    /** A builder that collects parameter declarations. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameter with this id. */
    public Parameter get(ParamId id) {
        Parameter p = byId.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + id + "; known: " + byId.keySet());
        }
        return p;
    }

    /** Whether a parameter with this id exists. */
    public boolean contains(ParamId id) {
        return byId.containsKey(id);
    }

    /** Parameters in declaration order. */
    public List<Parameter> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The flat value buffer shared by all parameters; counts as a write of the weights
     * ({@link ParameterVersion#changed()}: the caller may change them).
     */
    public float[] values() {
        ParameterVersion.changed();
        return values;
    }

    /** The flat gradient buffer shared by all parameters. */
    public float[] grads() {
        return grads;
    }

    /** Total number of scalar parameters. */
    public int count() {
        return values.length;
    }

    /** Sets every gradient to zero. */
    public void zeroGrads() {
        java.util.Arrays.fill(grads, 0f);
    }

    /** Collects parameter declarations and allocates the flat buffers. */
    public static final class Builder {
        private final Map<ParamId, int[]> shapes = new LinkedHashMap<>();

        /** Declares a parameter; ids must be unique. */
        public Builder add(ParamId id, int... dims) {
            if (shapes.putIfAbsent(id, dims.clone()) != null) {
                throw new IllegalArgumentException("parameter " + id + " declared twice");
            }
            return this;
        }

        /** Allocates the buffers and returns the set. */
        public ParameterSet build() {
            long total = 0;
            for (int[] d : shapes.values()) {
                total += Shape.of(d).size();
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalStateException("model has " + total + " parameters, more than one buffer holds");
            }
            float[] values = new float[(int) total];
            float[] grads = new float[(int) total];
            Map<ParamId, Parameter> byId = new LinkedHashMap<>();
            int off = 0;
            for (Map.Entry<ParamId, int[]> e : shapes.entrySet()) {
                Shape s = Shape.of(e.getValue());
                byId.put(e.getKey(), new Parameter(e.getKey(), new Tensor(values, off, s), new Tensor(grads, off, s)));
                off += s.size();
            }
            return new ParameterSet(values, grads, Collections.unmodifiableMap(byId));
        }

        /** Ids declared so far, in order. */
        public List<ParamId> ids() {
            return new ArrayList<>(shapes.keySet());
        }
    }
}
