package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.ParameterSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer configuration against PyTorch's trajectory (float64 reference from float32 inputs):
 * six steps with fixed gradients, one element whose gradient is always 0, one large gradient entry,
 * and for some cases a learning rate that changes between steps as a schedule would change it.
 */
class OptimizerReferenceTest {
    private static final ReferenceFile REF = ReferenceFile.load("optimizers.txt");
    /** float32 storage of parameters and moments over six steps; PyTorch's reference is float64. */
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-6;

    static List<String> cases() {
        return REF.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsPyTorchTrajectory(String name) {
        ParameterSet params = OptimizerFixtures.referenceParameters();
        System.arraycopy(REF.floats(name + ".p0"), 0, params.values(), 0, params.count());
        Optimizer opt = Optimizer.create(OptimizerFixtures.spec(REF.spec(name)));

        for (int k = 0; REF.has(name + ".g" + k); k++) {
            System.arraycopy(REF.floats(name + ".g" + k), 0, params.grads(), 0, params.count());
            opt.step(params, (float) REF.scalar(name + ".lr" + k));
            ReferenceFile.assertClose(name + " after step " + (k + 1), params.values(),
                    REF.doubles(name + ".p" + (k + 1)), RTOL, ATOL);
        }
        assertThat(opt.steps()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumesFromSavedStateExactly(String name) {
        OptimizerSpec spec = OptimizerFixtures.spec(REF.spec(name));
        ParameterSet uninterrupted = OptimizerFixtures.referenceParameters();
        ParameterSet resumed = OptimizerFixtures.referenceParameters();
        System.arraycopy(REF.floats(name + ".p0"), 0, uninterrupted.values(), 0, uninterrupted.count());
        System.arraycopy(REF.floats(name + ".p0"), 0, resumed.values(), 0, resumed.count());
        Optimizer a = Optimizer.create(spec);
        Optimizer b = Optimizer.create(spec);

        for (int k = 0; k < 6; k++) {
            if (k == 3) { // "checkpoint" b and continue with a fresh optimizer from its state
                OptimizerState saved = b.state();
                b = Optimizer.create(spec);
                b.restore(saved);
            }
            float[] g = REF.floats(name + ".g" + k);
            float lr = (float) REF.scalar(name + ".lr" + k);
            System.arraycopy(g, 0, uninterrupted.grads(), 0, g.length);
            System.arraycopy(g, 0, resumed.grads(), 0, g.length);
            a.step(uninterrupted, lr);
            b.step(resumed, lr);
        }
        assertThat(resumed.values()).containsExactly(uninterrupted.values());
        assertThat(b.state()).isEqualTo(a.state());
    }
}
