package io.rnn4j.data;

import java.util.Objects;

/**
 * One training example: an input sequence, its target, and where it came from.
 *
 * @param input  the input sequence
 * @param target the target; a per-step target has exactly as many steps as the input
 * @param origin where the example came from, for messages and predictions: the 1-based line of its
 *               source file (JSON Lines, CSV record start), the 0-based row of its first target
 *               (time-series windows) or its first token's position (text corpora)
 */
public record Example(Input input, Target target, int origin) {

    /** Checks that a per-step target matches the input's length. */
    public Example {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        int targetSteps = target instanceof Target.StepClasses s ? s.steps()
                : target instanceof Target.StepValues v ? v.steps() : input.steps();
        if (targetSteps != input.steps()) {
            throw new IllegalArgumentException("a per-step target has " + targetSteps
                    + " steps but the input has " + input.steps() + "; they must match");
        }
    }
}
