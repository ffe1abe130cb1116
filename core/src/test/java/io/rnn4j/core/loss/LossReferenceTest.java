package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.optim.ReferenceFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every loss configuration against PyTorch's value and autograd gradient (float64 reference). */
class LossReferenceTest {
    private static final ReferenceFile REF = ReferenceFile.load("losses.txt");

    static List<String> cases() {
        return REF.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchPyTorch(String name) {
        int[] shape = REF.ints(name + ".shape");
        float[] weights = REF.has(name + ".class_weights") ? REF.floats(name + ".class_weights") : null;
        Loss loss = LossFixtures.loss(REF.spec(name), weights);
        Tensor predictions = Tensor.of(REF.floats(name + ".predictions"), shape);
        float[] targetValues = REF.floats(name + ".targets");
        Tensor targets = loss.kind() == LossKind.CROSS_ENTROPY
                ? Tensor.of(targetValues, Arrays.copyOf(shape, shape.length - 1))
                : Tensor.of(targetValues, shape);
        SequenceMask mask = LossFixtures.mask(shape, REF.has(name + ".lengths") ? REF.ints(name + ".lengths") : null);
        Tensor grad = Tensor.zeros(shape);
        grad.fill(Float.NaN); // every element must be written, padded ones with 0

        double value = loss.forward(predictions, targets, mask, grad);

        assertThat(value).isCloseTo(REF.scalar(name + ".loss"), within(1e-12 * Math.max(1, Math.abs(value))));
        // the gradient is stored as float32
        ReferenceFile.assertClose(name + " gradient", grad.toArray(), REF.doubles(name + ".grad"), 1e-6, 1e-9);
        assertThat(loss.forward(predictions, targets, mask, null)).isEqualTo(value);
    }
}
