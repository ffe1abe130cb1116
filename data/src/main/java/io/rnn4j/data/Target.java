package io.rnn4j.data;

import java.util.Arrays;

/**
 * The target of one {@link Example}. Arrays are copied on the way in and on the way out.
 */
public sealed interface Target
        permits Target.ClassIndex, Target.Values, Target.StepClasses, Target.StepValues, Target.TokenSequence {

    /** The kind of target. */
    TargetKind kind();

    /**
     * The width that batches of this target have: 1 for class indices, the vector width for values.
     * For a {@link TokenSequence} it is 1 (token ids).
     */
    int width();

    /**
     * One class index for the whole sequence.
     *
     * @param index the class, {@code >= 0}; see the dataset's {@link LabelSet} for its name
     */
    record ClassIndex(int index) implements Target {
        /** Validates the index. */
        public ClassIndex {
            if (index < 0) {
                throw new IllegalArgumentException("class index must be >= 0, got " + index);
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.CLASS;
        }

        @Override
        public int width() {
            return 1;
        }
    }

    /**
     * One vector for the whole sequence: a regression value (width 1), a vector, or a forecast of
     * {@code horizon x targets} values laid out step-major.
     *
     * @param values at least one value
     */
    record Values(float[] values) implements Target {
        /** Validates and copies. */
        public Values {
            if (values.length == 0) {
                throw new IllegalArgumentException("a value target needs at least one value");
            }
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public float[] values() {
            return values.clone();
        }

        /** Value {@code i}. */
        public float get(int i) {
            return values[i];
        }

        @Override
        public TargetKind kind() {
            return TargetKind.VALUES;
        }

        @Override
        public int width() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Values v && Arrays.equals(v.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Values" + Arrays.toString(values);
        }
    }

    /**
     * One class index per step; as many steps as the input.
     *
     * @param classes class indices, each {@code >= 0}
     */
    record StepClasses(int[] classes) implements Target {
        /** Validates and copies. */
        public StepClasses {
            if (classes.length == 0) {
                throw new IllegalArgumentException("a per-step target needs at least one step");
            }
            classes = classes.clone();
            for (int c : classes) {
                if (c < 0) {
                    throw new IllegalArgumentException("class indices must be >= 0, got " + c);
                }
            }
        }

        /** A copy of the classes. */
        @Override
        public int[] classes() {
            return classes.clone();
        }

        /** The class at step {@code t}. */
        public int get(int t) {
            return classes[t];
        }

        /** Number of steps. */
        public int steps() {
            return classes.length;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.STEP_CLASSES;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StepClasses s && Arrays.equals(s.classes, classes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(classes);
        }

        @Override
        public String toString() {
            return "StepClasses" + Arrays.toString(classes);
        }
    }

    /**
     * One vector per step, step-major; as many steps as the input.
     *
     * @param values {@code steps * width} values
     * @param steps  number of steps
     * @param width  values per step
     */
    record StepValues(float[] values, int steps, int width) implements Target {
        /** Validates and copies. */
        public StepValues {
            if (steps < 1 || width < 1 || values.length != steps * width) {
                throw new IllegalArgumentException("per-step values need steps >= 1, width >= 1 and steps*width values; got steps="
                        + steps + ", width=" + width + ", " + values.length + " values");
            }
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public float[] values() {
            return values.clone();
        }

        /** Value {@code i} at step {@code t}. */
        public float get(int t, int i) {
            return values[t * width + i];
        }

        @Override
        public TargetKind kind() {
            return TargetKind.STEP_VALUES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StepValues s && s.steps == steps && s.width == width && Arrays.equals(s.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * steps + width) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "StepValues[steps=" + steps + ", width=" + width + ", values=" + Arrays.toString(values) + "]";
        }
    }

    /**
     * A target token sequence for sequence-to-sequence training, already wrapped:
     * {@code <bos> t1 .. tn <eos>}. The {@link Batcher} turns it into a decoder input
     * {@code <bos> t1 .. tn} and a decoder target {@code t1 .. tn <eos>} (teacher forcing).
     *
     * @param tokens at least 2 ids (bos and eos)
     */
    record TokenSequence(int[] tokens) implements Target {
        /** Validates and copies. */
        public TokenSequence {
            if (tokens.length < 2) {
                throw new IllegalArgumentException("a target token sequence holds at least <bos> and <eos>, got "
                        + tokens.length + " tokens");
            }
            tokens = tokens.clone();
        }

        /** A copy of the tokens, including bos and eos. */
        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        /** The token at position {@code i}. */
        public int get(int i) {
            return tokens[i];
        }

        /** Number of tokens including bos and eos. */
        public int length() {
            return tokens.length;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.SEQUENCE;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TokenSequence s && Arrays.equals(s.tokens, tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }

        @Override
        public String toString() {
            return "TokenSequence" + Arrays.toString(tokens);
        }
    }
}
