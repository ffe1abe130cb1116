package io.rnn4j.core.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which optimizer a {@link OptimizerSpec} describes, named by a stable id that YAML files, checkpoints
 * and logs use ({@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop}).
 */
public enum OptimizerKind {
    /** Stochastic gradient descent with optional (Nesterov) momentum: {@link SgdSpec}. */
    SGD("sgd"),
    /** Adam with L2 weight decay added to the gradient, as {@code torch.optim.Adam}: {@link AdamSpec}. */
    ADAM("adam"),
    /** Adam with decoupled weight decay, as {@code torch.optim.AdamW}: {@link AdamWSpec}. */
    ADAMW("adamw"),
    /** RMSProp, optionally centered and with momentum: {@link RmsPropSpec}. */
    RMSPROP("rmsprop");

    private final String id;

    OptimizerKind(String id) {
        this.id = id;
    }

    /** The stable id. */
    public String id() {
        return id;
    }

    /**
     * The kind with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static OptimizerKind fromId(String id) {
        for (OptimizerKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "'; known optimizers: "
                + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")));
    }
}
