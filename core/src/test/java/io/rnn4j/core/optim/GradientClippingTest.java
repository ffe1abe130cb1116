package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.ParameterSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradientClippingTest {
    private static final ReferenceFile REF = ReferenceFile.load("clipping.txt");

    static List<String> cases() {
        return REF.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        ParameterSet params = OptimizerFixtures.referenceParameters();
        System.arraycopy(REF.floats(name + ".grads"), 0, params.grads(), 0, params.count());
        double limit = Double.parseDouble(REF.spec(name).get("limit"));

        if (REF.spec(name).get("kind").equals("norm")) {
            double norm = GradientClipping.byGlobalNorm(params, limit);
            assertThat(norm).isCloseTo(REF.scalar(name + ".norm"), within(1e-12));
        } else {
            GradientClipping.byValue(params, limit);
        }
        ReferenceFile.assertClose(name, params.grads(), REF.doubles(name + ".clipped"), 1e-7, 1e-9);
    }

    @Test
    void clippedGradientsHaveTheMaximumNorm() {
        float[] g = {3f, 4f};

        double before = GradientClipping.byGlobalNorm(g, 1.0);

        assertThat(before).isEqualTo(5.0);
        assertThat(GradientClipping.globalNorm(g)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void nonFiniteNormLeavesGradientsForTheCallerToSkip() {
        float[] g = {Float.POSITIVE_INFINITY, 1f};

        double norm = GradientClipping.byGlobalNorm(g, 1.0);

        assertThat(norm).isInfinite();
        assertThat(g).containsExactly(Float.POSITIVE_INFINITY, 1f);
    }

    @Test
    void zeroGradientsStayZero() {
        float[] g = new float[4];

        assertThat(GradientClipping.byGlobalNorm(g, 1.0)).isZero();
        assertThat(g).containsOnly(0f);
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThatThrownBy(() -> GradientClipping.byGlobalNorm(new float[1], 0))
                .hasMessage("clip_norm must be a finite number > 0, was 0.0; typical values are 1 to 5");
        assertThatThrownBy(() -> GradientClipping.byValue(new float[1], Double.NaN))
                .hasMessage("clip_value must be a finite number > 0, was NaN");
    }
}
