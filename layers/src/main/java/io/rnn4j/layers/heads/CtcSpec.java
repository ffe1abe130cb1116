package io.rnn4j.layers.heads;

import io.rnn4j.core.loss.CtcLoss;
import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import java.util.Objects;

/**
 * Options of the {@code ctc} head (speech and handwriting recognition): a linear layer to
 * {@code classes + 1} outputs at every valid step (the labels and the CTC blank), then a log-softmax, so
 * the model's output is per-step log-probabilities. It trains with the {@link CtcLoss} configured here
 * and decodes greedily and by prefix beam search ({@link io.rnn4j.core.ctc.CtcDecoder}).
 *
 * <p>Label {@code k} of the data ({@code 0..classes-1}) is output {@code k} when {@code k < blank} and
 * output {@code k + 1} otherwise ({@link #output(int)}), so with the default blank 0 label {@code k} is
 * output {@code k + 1}, and with the blank last ({@code blank = classes}) the labels keep their indices.
 *
 * @param classes      number of labels without the blank ({@code >= 1}), or {@code null} for the data's
 * @param blank        output index of the blank, {@code 0..classes}
 * @param reduction    the CTC loss's reduction over the batch
 * @param zeroInfinity whether impossible alignments give loss 0 instead of {@code +inf}
 * @param beamWidth    prefixes kept by beam search decoding
 */
@Doc("Speech or handwriting recognition (CTC): a linear layer to the labels plus a blank at every step, then "
        + "log-softmax; trained with the ctc loss, decoded greedily and by prefix beam search.")
public record CtcSpec(
        @Doc("Number of labels, without the blank. By default the number of labels in the data.")
        @Range(min = 1) Integer classes,
        @Doc("Output index of the CTC blank: 0 (the first output, as PyTorch) up to classes (the last output).")
        @Default("0") @Range(min = 0) int blank,
        @Doc("How the CTC loss combines sequences: mean (each divided by its label length, then averaged, as PyTorch) or sum.")
        @Default("mean") CtcLoss.Reduction reduction,
        @Doc("Give impossible alignments (a label sequence longer than the input allows) loss 0 instead of +inf.")
        @Default("false") boolean zeroInfinity,
        @Doc("Prefixes kept by beam search decoding (prediction and the beam figures of evaluation).")
        @Default("8") @Range(min = 1) int beamWidth) implements LayerSpec, DataDependent {

    /** Validates. */
    public CtcSpec {
        Objects.requireNonNull(reduction, "reduction");
        if (classes != null && classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        if (blank < 0 || (classes != null && blank > classes)) {
            throw new IllegalArgumentException("blank must be an output index in 0.." + (classes == null ? "classes" : classes)
                    + " (0 = first output, classes = last), was " + blank);
        }
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam_width must be >= 1, was " + beamWidth);
        }
    }

    /** Fills {@code classes} from the data when it is not set. */
    @Override
    public CtcSpec resolve(DataFacts facts) {
        if (classes == null && facts.classes() != DataFacts.UNKNOWN) {
            return new CtcSpec(facts.classes(), blank, reduction, zeroInfinity, beamWidth);
        }
        return this;
    }

    /** The loss this head trains with. */
    public CtcLoss loss() {
        return new CtcLoss(blank, reduction, zeroInfinity);
    }

    /** The output index of data label {@code label} (the blank's index skipped). */
    public int output(int label) {
        return label < blank ? label : label + 1;
    }

    /** The data label of output index {@code output} (not the blank). */
    public int label(int output) {
        if (output == blank) {
            throw new IllegalArgumentException("output " + output + " is the blank, not a label");
        }
        return output < blank ? output : output - 1;
    }
}
