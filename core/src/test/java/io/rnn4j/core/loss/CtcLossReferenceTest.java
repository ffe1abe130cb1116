package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.optim.ReferenceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CTC loss against PyTorch's {@code F.ctc_loss} (float64) on the cases of
 * {@code tools/reference/ctc_reference.py}: batch 1 and 5, input lengths 1 to 60, label lengths 0 to
 * 20, repeated labels, blank first and last, mean and sum, zero_infinity, impossible alignments.
 */
class CtcLossReferenceTest {
    private static final ReferenceFile REF = ReferenceFile.load("ctc.txt");

    static List<String> cases() {
        return REF.cases();
    }

    private static CtcLoss loss(String name, CtcLoss.Reduction reduction) {
        Map<String, String> spec = REF.spec(name);
        return new CtcLoss(Integer.parseInt(spec.get("blank")), reduction, spec.get("zero_infinity").equals("1"));
    }

    private static CtcLoss.Reduction reduction(String name) {
        return CtcLoss.Reduction.valueOf(REF.spec(name).get("reduction").toUpperCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchPyTorch(String name) {
        int[] shape = REF.ints(name + ".shape");
        Tensor predictions = Tensor.of(REF.floats(name + ".predictions"), shape);
        int[] labelLengths = REF.ints(name + ".label_lengths");
        Tensor targets = Tensor.of(REF.floats(name + ".targets"), shape[0], REF.ints(name + ".targets").length / shape[0]);
        SequenceMask mask = new SequenceMask(shape[0], shape[1], REF.ints(name + ".lengths"));
        CtcLoss loss = loss(name, reduction(name));
        Tensor grad = Tensor.zeros(shape);
        grad.fill(Float.NaN); // every element must be written

        double value = loss.forward(predictions, targets, mask, grad);

        double expected = REF.scalar(name + ".loss");
        if (Double.isInfinite(expected)) {
            assertThat(value).isEqualTo(expected);
        } else {
            assertThat(value).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
        double[] reference = REF.doubles(name + ".grad");
        float[] actual = grad.toArray();
        for (int i = 0; i < reference.length; i++) {
            if (Double.isNaN(reference[i])) {
                // PyTorch writes NaN for a sequence whose loss is infinite; rnn4j writes 0 there
                assertThat(actual[i]).as("%s grad[%d] of an impossible sequence", name, i).isZero();
                reference[i] = 0;
            }
        }
        assertThat(actual).doesNotContain(Float.NaN);
        ReferenceFile.assertClose(name + " gradient", actual, reference, 1e-5, 1e-9);
        assertThat(loss.forward(predictions, targets, mask, null)).isEqualTo(value);
        assertThat(labelLengths).hasSize(shape[0]);
    }

    /** The label length rnn4j reads from a padded row: the entries before the first negative one. */
    private static int paddedLength(int[] targets, int width, int b) {
        int n = 0;
        while (n < width && targets[b * width + n] >= 0) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLabelLengthsReadFromThePaddingAreTheOnesPyTorchWasGiven(String name) {
        int batch = REF.ints(name + ".shape")[0];
        int[] targets = REF.ints(name + ".targets");
        int width = targets.length / batch;
        int[] labelLengths = REF.ints(name + ".label_lengths");
        for (int b = 0; b < batch; b++) {
            assertThat(paddedLength(targets, width, b)).as("%s sequence %d", name, b).isEqualTo(labelLengths[b]);
            for (int i = labelLengths[b]; i < width; i++) {
                assertThat(targets[b * width + i]).as("%s sequence %d place %d", name, b, i).isEqualTo(-1);
            }
        }
    }

    /**
     * PyTorch was given random labels, not padding, beyond each target length ({@code torch_targets}) and
     * ignored them; the same rows cut at {@code label_lengths} and padded with -1 give PyTorch's loss and
     * gradient in rnn4j, and rnn4j refuses (never silently reads) labels left after the padding began.
     */
    @org.junit.jupiter.api.Test
    void garbageBeyondTheLabelLengthsIsIgnoredByPyTorchAndRefusedAfterPaddingByRnn4j() {
        String name = "b5_garbage_beyond_lengths";
        int[] shape = REF.ints(name + ".shape");
        int[] torch = REF.ints(name + ".torch_targets");
        int[] labelLengths = REF.ints(name + ".label_lengths");
        int width = torch.length / shape[0];
        float[] cut = new float[torch.length];
        int garbage = 0;
        for (int b = 0; b < shape[0]; b++) {
            for (int i = 0; i < width; i++) {
                boolean label = i < labelLengths[b];
                cut[b * width + i] = label ? torch[b * width + i] : -1;
                garbage += label ? 0 : 1;
                assertThat(torch[b * width + i]).as("PyTorch's row %d place %d holds a label", b, i).isBetween(1,
                        shape[2] - 1);
            }
        }
        assertThat(garbage).as("places beyond the label lengths that held garbage for PyTorch").isGreaterThan(20);
        assertThat(cut).containsExactly(REF.floats(name + ".targets"));
        Tensor predictions = Tensor.of(REF.floats(name + ".predictions"), shape);
        SequenceMask mask = new SequenceMask(shape[0], shape[1], REF.ints(name + ".lengths"));
        CtcLoss loss = loss(name, reduction(name));
        Tensor grad = Tensor.zeros(shape);
        double value = loss.forward(predictions, Tensor.of(cut, shape[0], width), mask, grad);
        double expected = REF.scalar(name + ".loss");
        assertThat(value).isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        ReferenceFile.assertClose(name + " gradient", grad.toArray(), REF.doubles(name + ".grad"), 1e-5, 1e-9);
        // the garbage read as labels would be another loss: the fixture does test that it was ignored
        double unpadded = loss.forward(predictions, Tensor.of(REF.floats(name + ".torch_targets"), shape[0], width),
                mask, null);
        assertThat(Math.abs(unpadded - expected)).isGreaterThan(1e-3 * Math.abs(expected));
        // garbage after the -1 that ends a row is an error naming the place, not silently dropped
        float[] dirty = cut.clone();
        dirty[1 * width + labelLengths[1] + 1] = 3;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> loss.forward(predictions, Tensor.of(dirty, shape[0], width), mask, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target of sequence 1 has 3.0 at position " + (labelLengths[1] + 1)
                        + " after the padding began at position " + labelLengths[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void perSequenceLossesMatchPyTorchsReductionNone(String name) {
        int[] shape = REF.ints(name + ".shape");
        Tensor predictions = Tensor.of(REF.floats(name + ".predictions"), shape);
        int width = REF.ints(name + ".targets").length / shape[0];
        float[] targets = REF.floats(name + ".targets");
        int[] lengths = REF.ints(name + ".lengths");
        double[] expected = REF.doubles(name + ".per_sequence");
        CtcLoss sum = loss(name, CtcLoss.Reduction.SUM);
        for (int b = 0; b < shape[0]; b++) {
            Tensor one = Tensor.of(java.util.Arrays.copyOfRange(predictions.data(), b * shape[1] * shape[2],
                    (b + 1) * shape[1] * shape[2]), 1, shape[1], shape[2]);
            Tensor t = Tensor.of(java.util.Arrays.copyOfRange(targets, b * width, (b + 1) * width), 1, width);
            double v = sum.forward(one, t, new SequenceMask(1, shape[1], new int[] {lengths[b]}), null);
            if (Double.isInfinite(expected[b])) {
                assertThat(v).as("%s sequence %d", name, b).isEqualTo(expected[b]);
            } else {
                assertThat(v).as("%s sequence %d", name, b).isCloseTo(expected[b], within(1e-10 * Math.max(1, expected[b])));
            }
        }
    }
}
