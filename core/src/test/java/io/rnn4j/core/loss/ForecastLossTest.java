package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.optim.ReferenceFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probabilistic forecasting losses against PyTorch ({@code GaussianNLLLoss}, and the pinball formula
 * written out in {@code tools/reference/torch_forecast_reference.py}) and against finite differences.
 */
class ForecastLossTest {
    private static final ReferenceFile REF = ReferenceFile.load("forecast_losses.txt");
    private static final float H = 0x1p-10f;

    static List<String> cases() {
        return REF.cases();
    }

    private static Loss loss(String name) {
        var spec = REF.spec(name);
        return spec.get("kind").equals("pinball")
                ? new PinballLoss(Arrays.stream(spec.get("levels").split(",")).mapToDouble(Double::parseDouble).toArray())
                : Loss.of(LossKind.fromId(spec.get("kind")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchPyTorch(String name) {
        int[] shape = REF.ints(name + ".shape");
        Loss loss = loss(name);
        Tensor predictions = Tensor.of(REF.floats(name + ".predictions"), shape);
        float[] t = REF.floats(name + ".targets");
        int[] targetShape = shape.clone();
        targetShape[shape.length - 1] = t.length / (predictions.size() / shape[shape.length - 1]);
        Tensor targets = Tensor.of(t, targetShape);
        SequenceMask mask = LossFixtures.mask(shape, REF.has(name + ".lengths") ? REF.ints(name + ".lengths") : null);
        Tensor grad = Tensor.zeros(shape);
        grad.fill(Float.NaN);

        double value = loss.forward(predictions, targets, mask, grad);

        double expected = REF.scalar(name + ".loss");
        assertThat(value).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        ReferenceFile.assertClose(name + " gradient", grad.toArray(), REF.doubles(name + ".grad"), 1e-6, 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(String name) {
        Loss loss = loss(name);
        int blocks = loss instanceof PinballLoss p ? p.levels().length : 2;
        RandomSource rng = new RandomSource(name.hashCode());
        int batch = 3;
        int time = 4;
        int n = 3;
        SequenceMask mask = new SequenceMask(batch, time, new int[] {4, 2, 1});
        Tensor x = LossFixtures.uniform(rng, 0.3f, 2.5f, batch, time, blocks * n); // scales must be > 0
        Tensor y = LossFixtures.uniform(rng, -2.5f, 2.5f, batch, time, n);
        Tensor grad = Tensor.zeros(batch, time, blocks * n);
        loss.forward(x, y, mask, grad);
        int checked = 0;
        for (int i = 0; i < x.size(); i++) {
            float xi = x.getFlat(i);
            float yi = y.getFlat((i / (blocks * n)) * n + i % n);
            if (Math.abs(xi - yi) < 4 * H) {
                continue; // the pinball loss has a kink at a tie
            }
            x.setFlat(i, xi + H);
            double up = loss.forward(x, y, mask, null);
            x.setFlat(i, xi - H);
            double down = loss.forward(x, y, mask, null);
            x.setFlat(i, xi);
            double numeric = (up - down) / (2 * H);
            assertThat(grad.getFlat(i)).as("%s element %d", name, i).isCloseTo((float) numeric, within((float) (2e-4 * Math.max(1, Math.abs(numeric)))));
            checked++;
        }
        assertThat(checked).isGreaterThan(x.size() / 2);
    }

    @Test
    void gaussianPointForecastIsTheMeanHalfOfEachRow() {
        Tensor p = Tensor.of(new float[] {1, 2, 0.5f, 0.7f, 3, 4, 0.1f, 0.2f}, 2, 4);
        assertThat(new GaussianNllLoss().point(p).toArray()).containsExactly(1, 2, 3, 4);
        assertThat(new GaussianNllLoss().point(p).shape().dims()).containsExactly(2, 2);
    }

    @Test
    void pinballPointForecastIsTheMedianBlock() {
        // levels 0.1, 0.5, 0.9 of two targets: [q10 q10 | q50 q50 | q90 q90]
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6);
        assertThat(new PinballLoss(0.1, 0.5, 0.9).point(p).toArray()).containsExactly(3, 4);
        assertThat(new PinballLoss(0.25, 0.9).point(p.reshape(1, 6)).toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void quantilesComeFromTheMeanAndScaleOrFromTheLevelsBlock() {
        float[] row = {10, 20, 2, 0.5f};
        float[] q975 = new GaussianNllLoss().quantile(row, 0.975);
        assertThat(q975[0]).isCloseTo(10 + 2 * 1.959963984540054f, within(1e-5f));
        assertThat(q975[1]).isCloseTo(20 + 0.5f * 1.959963984540054f, within(1e-5f));
        assertThat(new GaussianNllLoss().quantile(row, 0.5)).containsExactly(10, 20);
        PinballLoss p = new PinballLoss(0.1, 0.5, 0.9);
        assertThat(p.quantile(new float[] {1, 2, 3, 4, 5, 6}, 0.9)).containsExactly(5, 6);
        assertThat(p.reportedLevels()).containsExactly(0.1, 0.5, 0.9);
        assertThatThrownBy(() -> p.quantile(new float[6], 0.25)).hasMessageContaining("not 0.25");
    }

    @Test
    void pinballAtOneLevelIsHalfTheMaeAtTheMedian() {
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f}, 1, 3);
        Tensor y = Tensor.of(new float[] {0, 1, 0.5f}, 1, 3);
        assertThat(new PinballLoss(0.5).forward(x, y, null)).isCloseTo(new MaeLoss().forward(x, y, null) / 2, within(1e-12));
    }

    @Test
    void badShapesAndScalesAreExplained() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertThatThrownBy(() -> new GaussianNllLoss().forward(x, Tensor.of(new float[] {1}, 1, 1), null))
                .hasMessageContaining("not a multiple of the 2 values");
        Tensor x2 = Tensor.of(new float[] {1, -0.5f}, 1, 2);
        assertThatThrownBy(() -> new GaussianNllLoss().forward(x2, Tensor.of(new float[] {1}, 1, 1), null))
                .hasMessageContaining("scale is -0.5");
        assertThatThrownBy(() -> new GaussianNllLoss().forward(x2, Tensor.of(new float[] {1, 2}, 1, 2), null))
                .hasMessageContaining("must have 1 values per row");
        assertThatThrownBy(() -> new PinballLoss(0.9, 0.1)).hasMessageContaining("increase");
        assertThatThrownBy(() -> new PinballLoss(0.0)).hasMessageContaining("strictly between 0 and 1");
    }
}
