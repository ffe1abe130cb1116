package io.rnn4j.data;

import java.util.Arrays;

/**
 * The input sequence of one {@link Example}: either real-valued features at every step or token ids.
 *
 * <p>Arrays are copied when an input is created and when they are read, so an input never changes;
 * the {@link Batcher} copies them into batch tensors through {@link #writeTo(float[], int)}.
 */
public sealed interface Input permits Input.Features, Input.Tokens {

    /** Number of steps of the sequence. */
    int steps();

    /** Number of floats per step in a batch tensor: the feature count, or 1 for token ids. */
    int width();

    /** The kind of input. */
    InputKind kind();

    /** Copies the {@code steps() * width()} values, step-major, into {@code dst} from {@code offset}. */
    void writeTo(float[] dst, int offset);

    /**
     * Real-valued features, {@code steps x width}, stored step-major.
     *
     * @param values the values, {@code values[t * width + f]} is feature {@code f} at step {@code t}
     * @param steps  number of steps, at least 1
     * @param width  number of features per step, at least 1
     */
    record Features(float[] values, int steps, int width) implements Input {
        /** Validates the sizes and copies {@code values}. */
        public Features {
            if (steps < 1 || width < 1 || values.length != steps * width) {
                throw new IllegalArgumentException("features need steps >= 1, width >= 1 and steps*width values; got steps="
                        + steps + ", width=" + width + ", " + values.length + " values");
            }
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public float[] values() {
            return values.clone();
        }

        /** Feature {@code f} at step {@code t}. */
        public float get(int t, int f) {
            return values[t * width + f];
        }

        @Override
        public InputKind kind() {
            return InputKind.FEATURES;
        }

        @Override
        public void writeTo(float[] dst, int offset) {
            System.arraycopy(values, 0, dst, offset, values.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Features f && f.steps == steps && f.width == width && Arrays.equals(f.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * steps + width) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Features[steps=" + steps + ", width=" + width + ", values=" + Arrays.toString(values) + "]";
        }
    }

    /**
     * Token ids (indices into a {@link Vocabulary}), one per step.
     *
     * @param ids the ids, each {@code >= 0}; at least one
     */
    record Tokens(int[] ids) implements Input {
        /** Validates and copies {@code ids}. */
        public Tokens {
            if (ids.length == 0) {
                throw new IllegalArgumentException("a token sequence needs at least one token");
            }
            ids = ids.clone();
            for (int id : ids) {
                if (id < 0) {
                    throw new IllegalArgumentException("token ids must be >= 0, got " + id);
                }
            }
        }

        /** A copy of the ids. */
        @Override
        public int[] ids() {
            return ids.clone();
        }

        /** The id at step {@code t}. */
        public int id(int t) {
            return ids[t];
        }

        @Override
        public int steps() {
            return ids.length;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public InputKind kind() {
            return InputKind.TOKENS;
        }

        @Override
        public void writeTo(float[] dst, int offset) {
            for (int t = 0; t < ids.length; t++) {
                dst[offset + t] = ids[t];
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tokens t && Arrays.equals(t.ids, ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Tokens" + Arrays.toString(ids);
        }
    }
}
