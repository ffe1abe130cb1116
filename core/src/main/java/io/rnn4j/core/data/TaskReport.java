package io.rnn4j.core.data;

import io.rnn4j.core.train.Split;
import java.util.List;

/**
 * The figures a task is judged by beyond the loss and the metrics (a baseline, errors in original
 * units, exact match, a sample), computed by a data kind on one split. Each kind returns its own
 * record: its components are the figures, written to {@code report.json} and printed by
 * {@code evaluate} under their snake_case names, so a record component should be a number, a
 * string, a boolean or the {@link #split()}.
 */
public interface TaskReport {

    /** The split the figures were computed on. */
    Split split();

    /**
     * Whether the model's loss and metrics are computed on transformed values (normalized, differenced)
     * while this report's figures are in the data's original units: then they are shown as
     * {@code <name>_normalized} next to the figures, never as if they were comparable. False by default.
     */
    default boolean normalizedMetrics() {
        return false;
    }

    /** Tables to write as CSV next to the report (such as errors by horizon step); none by default. */
    default List<Table> tables() {
        return List.of();
    }

    /** Plots to draw next to the report (for example a forecast against the actual values); none by default. */
    default List<Plot> plots() {
        return List.of();
    }

    /**
     * Files to write into the run's output folder next to the report (a rendered sample, for example);
     * none by default. {@code rnn4j train} writes them and prints one line per file; a kind that could not
     * produce one (a missing tool) says so in a figure of its report instead.
     */
    default List<Artifact> artifacts() {
        return List.of();
    }

    /** A report with no figures, for tasks judged by their loss and metrics alone. */
    static TaskReport none(Split split) {
        return new None(split);
    }

    /**
     * No figures.
     *
     * @param split the split
     */
    record None(Split split) implements TaskReport {
    }
}
