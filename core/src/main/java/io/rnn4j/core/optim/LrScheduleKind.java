package io.rnn4j.core.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which learning-rate schedule an {@link LrSchedule} is, named by a stable id for YAML and logs. */
public enum LrScheduleKind {
    /** {@link LrSchedule.Constant}. */
    CONSTANT("constant"),
    /** {@link LrSchedule.StepDecay}, PyTorch's {@code StepLR}. */
    STEP("step"),
    /** {@link LrSchedule.CosineAnnealing}, PyTorch's {@code CosineAnnealingLR}. */
    COSINE("cosine"),
    /** {@link LrSchedule.LinearWarmup}, PyTorch's {@code LinearLR} followed by another schedule. */
    WARMUP("warmup"),
    /** {@link LrSchedule.ReduceOnPlateau}, PyTorch's {@code ReduceLROnPlateau}. */
    REDUCE_ON_PLATEAU("reduce_on_plateau");

    private final String id;

    LrScheduleKind(String id) {
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
    public static LrScheduleKind fromId(String id) {
        for (LrScheduleKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + id + "'; known schedules: "
                + Arrays.stream(values()).map(LrScheduleKind::id).collect(Collectors.joining(", ")));
    }
}
