package io.rnn4j.data;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** The targets of a {@link Batch}, one variant per {@link TargetKind}. Padded positions hold 0. */
public sealed interface Targets
        permits Targets.Classes, Targets.Values, Targets.StepClasses, Targets.StepValues, Targets.Sequences {

    /** The kind of target. */
    TargetKind kind();

    /**
     * One class index per sequence.
     *
     * @param classes {@code [batch]} class indices
     */
    record Classes(int[] classes) implements Targets {
        /** Copies. */
        public Classes {
            classes = classes.clone();
        }

        /** A copy of the class indices. */
        @Override
        public int[] classes() {
            return classes.clone();
        }

        /** The class of sequence {@code b}. */
        public int get(int b) {
            return classes[b];
        }

        /** The classes as a {@code [batch]} float tensor. */
        public Tensor tensor() {
            float[] f = new float[classes.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = classes[i];
            }
            return Tensor.of(f, f.length);
        }

        @Override
        public TargetKind kind() {
            return TargetKind.CLASS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Classes c && Arrays.equals(c.classes, classes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(classes);
        }

        @Override
        public String toString() {
            return "Classes" + Arrays.toString(classes);
        }
    }

    /**
     * One vector per sequence.
     *
     * @param values {@code [batch, width]}
     */
    record Values(Tensor values) implements Targets {
        /** Checks the rank. */
        public Values {
            if (values.rank() != 2) {
                throw new IllegalArgumentException("value targets are [batch, width], got " + values.shape());
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.VALUES;
        }
    }

    /**
     * One class index per step, valid where the batch's mask is.
     *
     * @param classes {@code [batch, time]} class indices as floats, 0 at padded steps
     */
    record StepClasses(Tensor classes) implements Targets {
        /** Checks the rank. */
        public StepClasses {
            if (classes.rank() != 2) {
                throw new IllegalArgumentException("per-step class targets are [batch, time], got " + classes.shape());
            }
        }

        /** The class of sequence {@code b} at step {@code t}. */
        public int get(int b, int t) {
            return (int) classes.get(b, t);
        }

        @Override
        public TargetKind kind() {
            return TargetKind.STEP_CLASSES;
        }
    }

    /**
     * One vector per step, valid where the batch's mask is.
     *
     * @param values {@code [batch, time, width]}, 0 at padded steps
     */
    record StepValues(Tensor values) implements Targets {
        /** Checks the rank. */
        public StepValues {
            if (values.rank() != 3) {
                throw new IllegalArgumentException("per-step value targets are [batch, time, width], got " + values.shape());
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.STEP_VALUES;
        }
    }

    /**
     * Teacher-forcing tensors for a sequence-to-sequence decoder. For a target
     * {@code <bos> t1 .. tn <eos>} the decoder input is {@code <bos> t1 .. tn} and the decoder target
     * {@code t1 .. tn <eos>}, both of length {@code n + 1}, padded with {@link Vocabulary#PAD}.
     *
     * @param decoderInputs  {@code [batch, targetTime]} token ids as floats
     * @param decoderTargets {@code [batch, targetTime]} token ids as floats
     * @param decoderMask    valid steps of the decoder
     */
    record Sequences(Tensor decoderInputs, Tensor decoderTargets, SequenceMask decoderMask) implements Targets {
        /** Checks shapes. */
        public Sequences {
            Objects.requireNonNull(decoderMask, "decoderMask");
            if (!decoderInputs.shape().equals(decoderTargets.shape()) || decoderInputs.rank() != 2
                    || decoderInputs.dim(0) != decoderMask.batch() || decoderInputs.dim(1) != decoderMask.time()) {
                throw new IllegalArgumentException("decoder inputs " + decoderInputs.shape() + " and targets "
                        + decoderTargets.shape() + " must both be [batch, time] of the mask " + decoderMask);
            }
        }

        @Override
        public TargetKind kind() {
            return TargetKind.SEQUENCE;
        }
    }
}
