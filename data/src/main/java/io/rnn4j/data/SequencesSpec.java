package io.rnn4j.data;

import java.util.Objects;

/**
 * {@code type: sequences}: one JSON object per line,
 * {@code {"x": [[f, ...], ...], "y": ...}}, {@code {"x": [f, f, ...], "y": ...}} (one feature per step)
 * or {@code {"tokens": [id, ...], "y": ...}}. Blank lines are skipped.
 *
 * @param splits    {@code train}, {@code validation}, {@code test}; fractions are drawn by a seeded shuffle
 * @param target    {@code target}: how {@code y} is read (default {@code auto})
 * @param classes   {@code classes}: the number of classes when labels are whole-number class ids;
 *                  0 to use the largest id seen plus one
 * @param vocabSize {@code vocab_size}: the number of token ids when inputs are {@code tokens};
 *                  0 to use the largest id seen plus one
 */
public record SequencesSpec(SplitSpec splits, TargetType target, int classes, int vocabSize) implements DataSpec {

    /** Validates. */
    public SequencesSpec {
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(target, "target");
        if (classes < 0) {
            throw DataErrors.invalidOption("classes", classes, "0 (infer) or the number of classes");
        }
        if (vocabSize < 0) {
            throw DataErrors.invalidOption("vocab_size", vocabSize, "0 (infer) or the number of token ids");
        }
    }

    /** Inferred target type, classes and vocabulary size. */
    public static SequencesSpec of(SplitSpec splits) {
        return new SequencesSpec(splits, TargetType.AUTO, 0, 0);
    }

    @Override
    public String type() {
        return "sequences";
    }
}
