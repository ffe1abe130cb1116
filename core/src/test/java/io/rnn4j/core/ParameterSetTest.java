package io.rnn4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterSetTest {
    private static final ParamId W = new ParamId("lstm_0", ParamRole.WEIGHT_IH, 0, Direction.FORWARD);
    private static final ParamId B = new ParamId("lstm_0", ParamRole.BIAS_IH, 0, Direction.REVERSE);
    private static final ParamId K = ParamId.of("dense", ParamRole.KERNEL);

    private static ParameterSet set() {
        return ParameterSet.builder().add(W, 8, 3).add(B, 8).add(K, 2, 2).build();
    }

    @Test
    void parametersAreConsecutiveWindowsOfTheFlatBuffers() {
        ParameterSet ps = set();
        assertThat(ps.count()).isEqualTo(24 + 8 + 4);
        assertThat(ps.values()).hasSize(36);
        assertThat(ps.grads()).hasSize(36);
        assertThat(ps.all()).extracting(Parameter::id).containsExactly(W, B, K);

        Parameter b = ps.get(B);
        assertThat(b.value().data()).isSameAs(ps.values());
        assertThat(b.grad().data()).isSameAs(ps.grads());
        assertThat(b.value().offset()).isEqualTo(24);
        assertThat(ps.get(K).value().offset()).isEqualTo(32);
        assertThat(b.value().shape()).isEqualTo(Shape.of(8));
    }

    @Test
    void writesThroughAParameterAreSeenInTheFlatBuffer() {
        ParameterSet ps = set();
        ps.get(K).value().setFlat(3, 7f);
        ps.get(K).grad().setFlat(0, 2f);
        assertThat(ps.values()[35]).isEqualTo(7f);
        assertThat(ps.grads()[32]).isEqualTo(2f);
        ps.zeroGrads();
        assertThat(ps.grads()).containsOnly(0f);
        assertThat(ps.values()[35]).isEqualTo(7f);
    }

    @Test
    void aParameterDeclaredTwiceIsRejected() {
        assertThatThrownBy(() -> ParameterSet.builder().add(W, 2).add(W, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter lstm_0/weight_ih/0/forward declared twice");
    }

    @Test
    void anUnknownIdIsRejectedListingTheKnownOnes() {
        ParameterSet ps = ParameterSet.builder().add(K, 2).build();
        assertThat(ps.contains(K)).isTrue();
        assertThat(ps.contains(W)).isFalse();
        assertThatThrownBy(() -> ps.get(W))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no parameter lstm_0/weight_ih/0/forward; known: [dense/kernel/0/forward]");
    }

    @Test
    void aGradientMustHaveTheValuesShape() {
        assertThatThrownBy(() -> new Parameter(K, Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradient shape [3, 2] differs from value shape [2, 3] for dense/kernel/0/forward");
    }

    @Test
    void paramIdsHaveStableDisplayNamesAndRejectNegativeIndices() {
        assertThat(B.displayName()).isEqualTo("lstm_0/bias_ih/0/reverse");
        assertThat(new ParamId("gru", ParamRole.WEIGHT_HH, 1, Direction.FORWARD)).hasToString("gru/weight_hh/1/forward");
        assertThatThrownBy(() -> new ParamId("gru", ParamRole.WEIGHT_HH, -1, Direction.FORWARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub-layer index must be >= 0, was -1");
    }
}
