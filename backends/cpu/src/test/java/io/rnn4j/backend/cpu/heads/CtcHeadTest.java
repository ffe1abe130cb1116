package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.loss.CtcLoss;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.heads.CtcKind;
import io.rnn4j.layers.heads.CtcSpec;
import org.junit.jupiter.api.Test;

class CtcHeadTest {
    private final CtcKind kind = new CtcKind();
    private ParameterSet params;

    private Layer build(int features, CtcSpec spec) {
        ParameterSet.Builder b = ParameterSet.builder();
        kind.declare(spec, "ctc", ValueType.sequence(features), b);
        params = b.build();
        Layer head = kind.create(spec, "ctc", ValueType.sequence(features), params, backend());
        head.initialize(new RandomSource(5));
        return head;
    }

    @Test
    void outputsLogProbabilitiesAtValidStepsAndZeroAtPaddedOnes() {
        Layer head = build(3, new CtcSpec(4, 0, CtcLoss.Reduction.MEAN, false, 4));
        Tensor x = randn(new RandomSource(1), 1, 2, 3, 3);
        Flow out = head.forward(Flow.sequences(x, 3, 2), LayerContext.inference());
        assertThat(out.values().shape().dims()).containsExactly(2, 3, 5);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < (b == 0 ? 3 : 2); t++) {
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    sum += Math.exp(out.values().get(b, t, c));
                }
                assertThat(sum).isCloseTo(1.0, within(1e-6));
            }
        }
        for (int c = 0; c < 5; c++) {
            assertThat(out.values().get(1, 2, c)).isZero();
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnAMaskedBatch() {
        Layer head = build(3, new CtcSpec(2, 2, CtcLoss.Reduction.MEAN, false, 4));
        RandomSource r = new RandomSource(21);
        Flow in = Flow.sequences(randn(r, 1, 3, 4, 3), 4, 1, 3);
        Tensor g = randn(r, 1, 3, 4, 3);
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        params.zeroGrads();
        Flow out = head.forward(in, ctx);
        Flow dx = head.backward(HeadTesting.gradFor(out, g));
        new HeadTesting.GradCheck(() -> dot(head.forward(in, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", in.values(), dx.values().copy())
                .parameters(params, 20, r)
                .verify();
    }

    @Test
    void headAndLossTogetherMatchFiniteDifferencesOfTheCtcLoss() {
        CtcSpec spec = new CtcSpec(3, 0, CtcLoss.Reduction.MEAN, false, 4);
        Layer head = build(2, spec);
        RandomSource r = new RandomSource(8);
        Flow in = Flow.sequences(randn(r, 1, 2, 6, 2), 6, 4);
        Tensor labels = Tensor.of(new float[] {1, 1, 3, 2, -1, -1}, 2, 3);
        CtcLoss loss = spec.loss();
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        params.zeroGrads();
        Flow out = head.forward(in, ctx);
        Tensor grad = Tensor.zeros(out.values().shape().dims());
        loss.forward(out.values(), labels, out.mask(), grad);
        Flow dx = head.backward(new Flow(grad, out.mask()));
        new HeadTesting.GradCheck(() -> {
            Flow o = head.forward(in, ctx);
            return loss.forward(o.values(), labels, o.mask(), null);
        }, 1e-2, 1e-2, 1e-3)
                .all("x", in.values(), dx.values().copy())
                .parameters(params, 20, r)
                .verify();
    }

    @Test
    void labelsSkipTheBlanksIndex() {
        CtcSpec last = new CtcSpec(3, 3, CtcLoss.Reduction.MEAN, false, 4);
        CtcSpec first = new CtcSpec(3, 0, CtcLoss.Reduction.MEAN, false, 4);
        assertThat(last.output(2)).isEqualTo(2);
        assertThat(first.output(2)).isEqualTo(3);
        assertThat(first.label(3)).isEqualTo(2);
        CtcSpec middle = new CtcSpec(3, 1, CtcLoss.Reduction.MEAN, false, 4);
        assertThat(new int[] {middle.output(0), middle.output(1), middle.output(2)}).containsExactly(0, 2, 3);
    }
}
