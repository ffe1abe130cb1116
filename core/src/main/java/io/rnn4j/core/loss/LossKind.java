package io.rnn4j.core.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which loss a {@link Loss} computes, named by a stable id for YAML, logs and checkpoints. */
public enum LossKind {
    /** Softmax cross-entropy from logits and class indices: {@link CrossEntropyLoss}. */
    CROSS_ENTROPY("cross_entropy"),
    /** Sigmoid binary cross-entropy from logits: {@link BinaryCrossEntropyLoss}. */
    BINARY_CROSS_ENTROPY("binary_cross_entropy"),
    /** Mean squared error: {@link MseLoss}. */
    MSE("mse"),
    /** Mean absolute error (L1): {@link MaeLoss}. */
    MAE("mae"),
    /** Huber loss: {@link HuberLoss}. */
    HUBER("huber"),
    /** Connectionist Temporal Classification over per-frame scores and label sequences: {@link CtcLoss}. */
    CTC("ctc");

    private final String id;

    LossKind(String id) {
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
    public static LossKind fromId(String id) {
        for (LossKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; known losses: "
                + Arrays.stream(values()).map(LossKind::id).collect(Collectors.joining(", ")));
    }
}
