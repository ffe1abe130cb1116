package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.heads.ManyToManyKind;
import io.rnn4j.layers.heads.ManyToManySpec;
import org.junit.jupiter.api.Test;

class ManyToManyHeadTest {
    private final ManyToManyKind kind = new ManyToManyKind();
    private ParameterSet params;

    private Layer build(int features, ManyToManySpec spec) {
        ParameterSet.Builder b = ParameterSet.builder();
        kind.declare(spec, "many_to_many", ValueType.sequence(features), b);
        params = b.build();
        Layer head = kind.create(spec, "many_to_many", ValueType.sequence(features), params, backend());
        head.initialize(new RandomSource(5));
        return head;
    }

    @Test
    void outputsZeroAtPaddedStepsAndKeepsTheMask() {
        Layer head = build(3, new ManyToManySpec(4, null));
        Tensor x = randn(new RandomSource(1), 1, 2, 3, 3);
        for (int f = 0; f < 3; f++) {
            x.setFlat((1 * 3 + 2) * 3 + f, Float.NaN); // row 1, step 2 is padding
        }
        Flow in = Flow.sequences(x, 3, 2);
        Flow out = head.forward(in, LayerContext.inference());
        assertThat(out.mask()).isEqualTo(in.mask());
        assertThat(out.state()).isNull();
        assertThat(out.values().shape().dims()).containsExactly(2, 3, 4);
        for (int c = 0; c < 4; c++) {
            assertThat(out.values().get(1, 2, c)).isZero();
            assertThat(out.values().get(0, 2, c)).isFinite();
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnAMaskedBatch() {
        Layer head = build(3, new ManyToManySpec(null, 2));
        RandomSource r = new RandomSource(21);
        Flow in = Flow.sequences(randn(r, 1, 3, 4, 3), 4, 1, 3);
        Tensor g = randn(r, 1, 3, 4, 2);
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        params.zeroGrads();
        Flow out = head.forward(in, ctx);
        Flow dx = head.backward(HeadTesting.gradFor(out, g));
        assertThat(dx.mask()).isEqualTo(in.mask());
        new HeadTesting.GradCheck(() -> dot(head.forward(in, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", in.values(), dx.values().copy())
                .parameters(params, 20, r)
                .verify();
    }
}
