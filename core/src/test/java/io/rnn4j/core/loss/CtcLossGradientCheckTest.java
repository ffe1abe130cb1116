package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.fail;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Central finite differences of the CTC loss against its analytic gradient, on a padded batch with
 * repeated labels, an empty label sequence, blank first or last and both reductions.
 */
class CtcLossGradientCheckTest {
    /** A power of two, so {@code x +- H} is exact in float32 for the |x| < 4 used here. */
    private static final float H = 0x1p-10f;

    @ParameterizedTest(name = "blank {0}, {1}")
    @CsvSource({"0, MEAN", "0, SUM", "4, MEAN", "2, SUM"})
    void analyticGradientMatchesFiniteDifferences(int blank, CtcLoss.Reduction reduction) {
        RandomSource rng = new RandomSource(31 * blank + reduction.ordinal());
        int batch = 3;
        int time = 7;
        int c = 5;
        CtcLoss loss = new CtcLoss(blank, reduction, false);
        SequenceMask mask = new SequenceMask(batch, time, new int[] {7, 5, 2});
        Tensor x = LossFixtures.uniform(rng, -2.5f, 2.5f, batch, time, c);
        int a = blank == 0 ? 1 : 0;
        int b = blank == 3 ? 2 : 3;
        Tensor y = Tensor.of(new float[] {a, a, b, -1, /* repeated a a */ b, a, -1, -1, /* empty */ -1, -1, -1, -1},
                batch, 4);
        Tensor grad = Tensor.zeros(batch, time, c);
        loss.forward(x, y, mask, grad);

        for (int i = 0; i < x.size(); i++) {
            float xi = x.getFlat(i);
            x.setFlat(i, xi + H);
            double up = loss.forward(x, y, mask, null);
            x.setFlat(i, xi - H);
            double down = loss.forward(x, y, mask, null);
            x.setFlat(i, xi);
            double numeric = (up - down) / (2 * H);
            double analytic = grad.getFlat(i);
            if (!(Math.abs(numeric - analytic) <= 1e-6 + 1e-4 * Math.abs(numeric))) {
                fail("d ctc / d x[%d] = %s analytically but %s numerically", i, analytic, numeric);
            }
        }
        if (grad.get(2, 5, 0) != 0f || grad.get(1, 6, 3) != 0f) {
            fail("gradient at padded frames must be 0");
        }
    }
}
