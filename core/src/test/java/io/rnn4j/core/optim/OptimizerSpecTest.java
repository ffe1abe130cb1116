package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptimizerSpecTest {

    @Test
    void defaultsArePyTorchs() {
        assertThat(AdamSpec.defaults()).isEqualTo(new AdamSpec(1e-3, 0.9, 0.999, 1e-8, 0, false));
        assertThat(AdamWSpec.defaults()).isEqualTo(new AdamWSpec(1e-3, 0.9, 0.999, 1e-8, 0.01, false));
        assertThat(RmsPropSpec.defaults()).isEqualTo(new RmsPropSpec(1e-2, 0.99, 1e-8, 0, 0, false));
        assertThat(SgdSpec.of(0.1)).isEqualTo(new SgdSpec(0.1, 0, 0, false, 0));
    }

    @Test
    void kindsHaveStableIds() {
        assertThat(OptimizerKind.fromId("AdamW")).isEqualTo(OptimizerKind.ADAMW);
        assertThat(Optimizer.create(RmsPropSpec.defaults()).kind().id()).isEqualTo("rmsprop");
        assertThatThrownBy(() -> OptimizerKind.fromId("adagrad"))
                .hasMessage("unknown optimizer 'adagrad'; known optimizers: sgd, adam, adamw, rmsprop");
    }

    @Test
    void nesterovWithoutMomentumIsRejected() {
        assertThatThrownBy(() -> new SgdSpec(0.1, 0, 0, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sgd: nesterov needs momentum > 0 and dampening = 0, found momentum 0.0 and dampening 0.0; "
                        + "set momentum (e.g. 0.9) or turn nesterov off");
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheAllowedRange() {
        assertThatThrownBy(() -> new AdamSpec(1e-3, 1.0, 0.999, 1e-8, 0, false))
                .hasMessage("adam: beta1 must be in [0, 1), was 1.0; the default is 0.9");
        assertThatThrownBy(() -> AdamWSpec.of(-1))
                .hasMessage("adamw: lr must be a finite number >= 0, was -1.0; typical values are 1e-4 to 1e-2");
        assertThatThrownBy(() -> new RmsPropSpec(0.01, 0.99, Double.NaN, 0, 0, false))
                .hasMessage("rmsprop: eps must be a finite number >= 0, was NaN; the default is 1e-8");
        assertThatThrownBy(() -> new SgdSpec(0.1, -0.9, 0, false, 0))
                .hasMessage("sgd: momentum must be a finite number >= 0, was -0.9; typical values are 0 (none) or 0.9");
    }

    @Test
    void stepWithoutLearningRateUsesTheBaseRate() {
        io.rnn4j.core.ParameterSet params = OptimizerFixtures.referenceParameters();
        params.grads()[0] = 2f;
        Optimizer.create(SgdSpec.of(0.25)).step(params);

        assertThat(params.values()[0]).isEqualTo(-0.5f);
    }

    @Test
    void negativeOrInfiniteStepLearningRateIsRejected() {
        Optimizer sgd = Optimizer.create(SgdSpec.of(0.1));

        assertThatThrownBy(() -> sgd.step(new float[1], new float[1], -0.1f))
                .hasMessage("sgd: learning rate must be a finite number >= 0, was -0.1");
        assertThatThrownBy(() -> sgd.step(new float[2], new float[1], 0.1f))
                .hasMessage("parameter buffer holds 2 values but gradient buffer 1");
    }

    @Test
    void adamWDecaysWeightsEvenWithZeroGradient() {
        // decoupled decay: p * (1 - lr * wd) while the Adam part is 0 / (0 + eps) = 0
        float[] p = {2f};
        Optimizer.create(new AdamWSpec(0.1, 0.9, 0.999, 1e-8, 0.5, false)).step(p, new float[] {0f}, 0.1f);

        assertThat(p[0]).isEqualTo(2f * 0.95f);
    }

    @Test
    void adamsL2WeightDecayIsNormalisedByTheDenominator() {
        // L2 in the gradient: g = wd * p = 1, so the first Adam step moves by lr regardless of wd's size
        float[] p = {2f};
        Optimizer.create(new AdamSpec(0.1, 0.9, 0.999, 1e-8, 0.5, false)).step(p, new float[] {0f}, 0.1f);

        assertThat((double) p[0]).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-6));
    }
}
