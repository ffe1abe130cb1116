package io.rnn4j.core;

import java.util.Arrays;

/**
 * Which steps of a {@code [batch, time, ...]} batch are real data: sequence {@code b} is valid at
 * steps {@code 0 .. lengths[b]-1} and padded after (padding is always at the end).
 *
 * <p>rnn4j's mask semantics, which every layer, loss and metric honours:
 * <ul>
 *   <li>a padded step never changes a recurrent state;</li>
 *   <li>the output at a padded step is zero (ONNX {@code sequence_lens} semantics);</li>
 *   <li>the final state of a sequence is its state at its last valid step;</li>
 *   <li>a reverse direction starts at the last valid step of each sequence.</li>
 * </ul>
 *
 * @param batch   number of sequences
 * @param time    padded length of the batch
 * @param lengths valid length of each sequence, each in {@code 0..time}; a length of 0 (a sequence
 *                that has ended, e.g. in one chunk of a stream) leaves the state untouched and outputs
 *                zeros at every step
 */
public record SequenceMask(int batch, int time, int[] lengths) {

    /** Validates sizes and copies {@code lengths}. */
    public SequenceMask {
        if (lengths.length != batch) {
            throw new IllegalArgumentException(
                    "mask has " + lengths.length + " lengths for a batch of " + batch + "; give one length per sequence");
        }
        lengths = lengths.clone();
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 0 || lengths[b] > time) {
                throw new IllegalArgumentException("sequence " + b + " has length " + lengths[b]
                        + " but lengths must be in 0.." + time + " (the padded length of the batch)");
            }
        }
    }

    /** A mask in which every sequence has the full length. */
    public static SequenceMask full(int batch, int time) {
        int[] l = new int[batch];
        Arrays.fill(l, time);
        return new SequenceMask(batch, time, l);
    }

    /** Copy of the lengths. */
    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    /** Length of sequence {@code b}. */
    public int length(int b) {
        return lengths[b];
    }

    /** Whether step {@code t} of sequence {@code b} is real data. */
    public boolean isValid(int b, int t) {
        return t < lengths[b];
    }

    /** Whether no sequence is padded. */
    public boolean isFull() {
        for (int l : lengths) {
            if (l != time) {
                return false;
            }
        }
        return true;
    }

    /** Number of valid steps over the whole batch. */
    public int validSteps() {
        int n = 0;
        for (int l : lengths) {
            n += l;
        }
        return n;
    }

    /** The mask as a {@code [batch, time]} tensor of 1 (valid) and 0 (padded). */
    public Tensor toTensor() {
        Tensor m = Tensor.zeros(batch, time);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                m.setFlat(b * time + t, 1f);
            }
        }
        return m;
    }

    /**
     * The mask of steps {@code [from, to)} of this batch, for feeding a batch in chunks: a sequence that
     * ends before {@code from} has length 0 in the window.
     */
    public SequenceMask window(int from, int to) {
        int[] l = new int[batch];
        for (int b = 0; b < batch; b++) {
            l[b] = Math.max(0, Math.min(lengths[b], to) - from);
        }
        return new SequenceMask(batch, to - from, l);
    }

    /**
     * Time-major row masks: element {@code t * batch + b} is 1 if step {@code t} of sequence {@code b} is
     * valid, else 0. Row {@code t} is the mask for {@link io.rnn4j.core.spi.Backend#selectRows}.
     */
    public float[] timeMajorRows() {
        float[] m = new float[time * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                m[t * batch + b] = 1f;
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceMask m && m.batch == batch && m.time == time && Arrays.equals(m.lengths, lengths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * batch + time) + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "SequenceMask[batch=" + batch + ", time=" + time + ", lengths=" + Arrays.toString(lengths) + "]";
    }
}
