package io.rnn4j.core.ctc;

import io.rnn4j.core.loss.CtcLoss;
import java.util.Objects;

/**
 * What the rest of rnn4j needs to know about a head trained with CTC, as the head's kind says it
 * ({@link io.rnn4j.core.spi.LayerKind#ctc}): the loss it trains with, its blank, its beam width, and how
 * the data's labels {@code 0..labels-1} map to its outputs (the blank's index is skipped).
 *
 * @param loss      the configured CTC loss (its blank is the head's)
 * @param labels    number of labels, without the blank
 * @param beamWidth prefixes kept by beam search
 */
public record CtcSettings(CtcLoss loss, int labels, int beamWidth) {
    /** Validates. */
    public CtcSettings {
        Objects.requireNonNull(loss, "loss");
        if (labels < 1 || loss.blank() > labels || beamWidth < 1) {
            throw new IllegalArgumentException("ctc settings: " + labels + " labels, blank " + loss.blank()
                    + ", beam width " + beamWidth + "; need labels >= 1, blank in 0..labels, beam width >= 1");
        }
    }

    /** The blank's output index. */
    public int blank() {
        return loss.blank();
    }

    /** The output index of data label {@code label}. */
    public int output(int label) {
        return label < blank() ? label : label + 1;
    }

    /** The data label of an output index other than the blank. */
    public int label(int output) {
        if (output == blank()) {
            throw new IllegalArgumentException("output " + output + " is the blank, not a label");
        }
        return output < blank() ? output : output - 1;
    }

    /** The data labels of a decoded sequence of output indices. */
    public int[] labels(int[] outputs) {
        int[] out = new int[outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(outputs[i]);
        }
        return out;
    }

    /** A greedy decoder for this head. */
    public CtcDecoder greedy() {
        return CtcDecoder.greedy(blank());
    }

    /** A prefix beam search decoder of this head's width. */
    public CtcDecoder beam() {
        return CtcDecoder.beam(blank(), beamWidth);
    }
}
