package io.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {

    private static Optimizer steppedAdam(boolean amsgrad) {
        Optimizer adam = Optimizer.create(new AdamSpec(0.01, 0.9, 0.999, 1e-8, 0, amsgrad));
        float[] values = {1f, -2f, 0.5f};
        adam.step(values, new float[] {0.1f, -0.3f, 2f}, 0.01f);
        adam.step(values, new float[] {0.2f, 0.1f, -1f}, 0.01f);
        return adam;
    }

    @Test
    void stateUsesPyTorchBufferNamesAndStepCount() {
        OptimizerState s = steppedAdam(true).state();

        assertThat(s.kind()).isEqualTo(OptimizerKind.ADAM);
        assertThat(s.step()).isEqualTo(2);
        assertThat(s.bufferNames()).containsExactly("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        assertThat(s.length()).isEqualTo(3);
        // after two steps: m = 0.9 * 0.1 * 0.1 + 0.1 * 0.2 (first element)
        assertThat(s.buffer("exp_avg")[0]).isCloseTo(0.029f, org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void bufferNamesDependOnOptions() {
        float[] v = {1f};
        float[] g = {1f};
        Optimizer plain = Optimizer.create(SgdSpec.of(0.1));
        Optimizer momentum = Optimizer.create(SgdSpec.withMomentum(0.1, 0.9));
        Optimizer rms = Optimizer.create(new RmsPropSpec(0.01, 0.99, 1e-8, 0, 0.9, true));
        plain.step(v, g, 0.1f);
        momentum.step(v, g, 0.1f);
        rms.step(v, g, 0.1f);

        assertThat(plain.state().bufferNames()).isEmpty();
        assertThat(momentum.state().bufferNames()).containsExactly("momentum_buffer");
        assertThat(rms.state().bufferNames()).containsExactly("square_avg", "momentum_buffer", "grad_avg");
    }

    @Test
    void stateIsACopyThatLaterStepsDoNotChange() {
        Optimizer adam = steppedAdam(false);
        OptimizerState before = adam.state();
        float[] m = before.buffer("exp_avg");
        adam.step(new float[] {1f, 1f, 1f}, new float[] {5f, 5f, 5f}, 0.01f);
        m[0] = 42f;

        assertThat(before.step()).isEqualTo(2);
        assertThat(before.buffer("exp_avg")[0]).isNotEqualTo(42f);
        assertThat(adam.state()).isNotEqualTo(before);
    }

    @Test
    void binaryFormRoundTripsExactly() throws IOException {
        OptimizerState s = steppedAdam(true).state();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));

        OptimizerState read = OptimizerState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(s);
        assertThat(read.bufferNames()).isEqualTo(s.bufferNames());
    }

    @Test
    void readingSomethingElseFailsWithAClearMessage() {
        byte[] junk = "PK\u0003\u0004 not an optimizer state".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> OptimizerState.readFrom(new DataInputStream(new ByteArrayInputStream(junk))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an rnn4j optimizer state");
    }

    @Test
    void restoringAnotherKindFails() {
        OptimizerState adamState = steppedAdam(false).state();
        Optimizer sgd = Optimizer.create(SgdSpec.withMomentum(0.1, 0.9));

        assertThatThrownBy(() -> sgd.restore(adamState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot restore a adam optimizer state into a sgd optimizer; resume with the optimizer "
                        + "the run was saved with");
    }

    @Test
    void restoringStateOfOtherOptionsFails() {
        OptimizerState withoutAmsgrad = steppedAdam(false).state();
        Optimizer amsgrad = Optimizer.create(new AdamSpec(0.01, 0.9, 0.999, 1e-8, 0, true));

        assertThatThrownBy(() -> amsgrad.restore(withoutAmsgrad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs [exp_avg, exp_avg_sq, max_exp_avg_sq]")
                .hasMessageContaining("was it saved with other options");
    }

    @Test
    void steppingAnotherModelSizeAfterRestoreFails() {
        Optimizer adam = Optimizer.create(AdamSpec.defaults());
        adam.restore(steppedAdam(false).state());

        assertThatThrownBy(() -> adam.step(new float[5], new float[5], 0.001f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state covers 3 parameters but this parameter set has 5");
    }

    @Test
    void buffersOfDifferentLengthsAreRejected() {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        buffers.put("exp_avg", new float[3]);
        buffers.put("exp_avg_sq", new float[4]);

        assertThatThrownBy(() -> new OptimizerState(OptimizerKind.ADAM, 1, buffers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'exp_avg_sq' holds 4 values but the others hold 3");
    }
}
