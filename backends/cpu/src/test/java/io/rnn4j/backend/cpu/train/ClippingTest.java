package io.rnn4j.backend.cpu.train;

import static io.rnn4j.backend.cpu.train.TrainTesting.classifier;
import static io.rnn4j.backend.cpu.train.TrainTesting.fixed;
import static io.rnn4j.backend.cpu.train.TrainTesting.separable;
import static io.rnn4j.backend.cpu.train.TrainTesting.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.loss.LossKind;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.optim.SgdSpec;
import io.rnn4j.core.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * With plain SGD at lr 1 the update is minus the (clipped) gradient, so one step's change of the weights
 * shows what clipping did.
 */
class ClippingTest {

    private static float[] oneStepUpdate(Double clipNorm, Double clipValue) {
        Network net = classifier(1, 8);
        float[] before = net.parameters().values().clone();
        Trainer.builder(net, spec(1, SgdSpec.of(1), clipNorm, clipValue, null, null)).loss(LossKind.CROSS_ENTROPY)
                .random(new RandomSource(2)).build().fit(fixed(separable(16, 10, false)), null);
        float[] after = net.parameters().values();
        float[] delta = new float[before.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = after[i] - before[i];
        }
        return delta;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void clipNormBoundsTheGlobalNormOfTheUpdate() {
        double unclipped = norm(oneStepUpdate(null, null));
        double clipped = norm(oneStepUpdate(1e-3, null));

        assertThat(unclipped).as("the unclipped gradient norm").isGreaterThan(1e-2);
        assertThat(clipped).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void clipValueBoundsEveryElementOfTheUpdate() {
        double unclipped = maxAbs(oneStepUpdate(null, null));
        float[] clipped = oneStepUpdate(null, 1e-3);

        assertThat(unclipped).isGreaterThan(1e-2);
        assertThat(maxAbs(clipped)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void bothClippingsApplyNormFirst() {
        float[] both = oneStepUpdate(1e-2, 1e-3);

        assertThat(maxAbs(both)).isLessThanOrEqualTo(1e-3 + 1e-6);
        assertThat(norm(both)).isLessThanOrEqualTo(1e-2 + 1e-6);
    }
}
