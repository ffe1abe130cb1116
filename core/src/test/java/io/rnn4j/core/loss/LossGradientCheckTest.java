package io.rnn4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences of every loss against its analytic gradient, on masked sequence batches
 * (so that the gradient at padded steps is checked to be the true zero too).
 */
class LossGradientCheckTest {
    /** A power of two, so {@code x +- H} is exact in float32 for the |x| < 4 used here. */
    private static final float H = 0x1p-10f;

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of("cross_entropy", new CrossEntropyLoss()),
                Arguments.of("cross_entropy weighted smoothed",
                        new CrossEntropyLoss(new float[] {0.5f, 2f, 1f, 0.25f}, 0.15)),
                Arguments.of("binary_cross_entropy", new BinaryCrossEntropyLoss()),
                Arguments.of("mse", new MseLoss()),
                Arguments.of("mae", new MaeLoss()),
                Arguments.of("huber", new HuberLoss(0.7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void analyticGradientMatchesFiniteDifferences(String name, Loss loss) {
        RandomSource rng = new RandomSource(name.hashCode());
        int batch = 3;
        int time = 4;
        int n = 4;
        SequenceMask mask = new SequenceMask(batch, time, new int[] {4, 2, 1});
        Tensor x = LossFixtures.uniform(rng, -2.5f, 2.5f, batch, time, n);
        Tensor y = switch (loss.kind()) {
            case CROSS_ENTROPY -> LossFixtures.classes(rng, n, batch, time);
            case BINARY_CROSS_ENTROPY -> LossFixtures.uniform(rng, 0f, 1f, batch, time, n);
            default -> LossFixtures.uniform(rng, -2.5f, 2.5f, batch, time, n);
        };
        Tensor grad = Tensor.zeros(batch, time, n);
        loss.forward(x, y, mask, grad);

        for (int i = 0; i < x.size(); i++) {
            if (nearKink(loss, x.getFlat(i), y.size() == x.size() ? y.getFlat(i) : 0)) {
                continue;
            }
            float xi = x.getFlat(i);
            x.setFlat(i, xi + H);
            double up = loss.forward(x, y, mask, null);
            x.setFlat(i, xi - H);
            double down = loss.forward(x, y, mask, null);
            x.setFlat(i, xi);
            double numeric = (up - down) / (2 * H);
            double analytic = grad.getFlat(i);
            if (!(Math.abs(numeric - analytic) <= 1e-6 + 1e-4 * Math.abs(numeric))) {
                fail("%s: d loss / d x[%d] = %s analytically but %s numerically", name, i, analytic, numeric);
            }
        }
        assertThat(grad.get(2, 3, 0)).isZero(); // padded: batch 2 has length 1
    }

    /** MAE and Huber are not differentiable where |x - y| is 0 or delta: skip points too close to that. */
    private static boolean nearKink(Loss loss, float x, float y) {
        double d = Math.abs(x - y);
        return switch (loss.kind()) {
            case MAE -> d < 2 * H;
            case HUBER -> Math.abs(d - ((HuberLoss) loss).delta()) < 2 * H;
            default -> false;
        };
    }
}
