package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.layers.heads.ManyToOneKind;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManyToOneHeadTest {
    private static final int F = 3;
    private final Backend be = backend();
    private final ManyToOneKind kind = new ManyToOneKind();

    private record Built(Layer head, ParameterSet params) {
    }

    private Built build(Pooling pooling, ValueType in, int outputs) {
        ManyToOneSpec spec = new ManyToOneSpec(pooling, null, outputs);
        ParameterSet.Builder b = ParameterSet.builder();
        kind.declare(spec, "many_to_one", in, b);
        ParameterSet params = b.build();
        Layer head = kind.create(spec, "many_to_one", in, params, be);
        head.initialize(new RandomSource(7));
        return new Built(head, params);
    }

    /** A head whose dense layer is the identity, so its output is the pooled vector itself. */
    private Layer identityHead(Pooling pooling, ValueType in) {
        Built b = build(pooling, in, F);
        Tensor w = b.params().get(ParamId.of("many_to_one_out", ParamRole.KERNEL)).value();
        w.fill(0f);
        for (int i = 0; i < F; i++) {
            w.setFlat(i * F + i, 1f);
        }
        return b.head();
    }

    /** Lengths 3, 1, 4 of 4 steps; step s of sequence b, feature f holds 10*b + s + f/10, padding holds poison. */
    private static Flow maskedBatch(float poison) {
        int[] lengths = {3, 1, 4};
        Tensor x = Tensor.zeros(3, 4, F);
        for (int b = 0; b < 3; b++) {
            for (int s = 0; s < 4; s++) {
                for (int f = 0; f < F; f++) {
                    x.setFlat((b * 4 + s) * F + f, s < lengths[b] ? 10 * b + s + f / 10f - (f == 2 ? 2 * s : 0) : poison);
                }
            }
        }
        return Flow.sequences(x, lengths);
    }

    private static float[] row(Flow out, int b) {
        float[] r = new float[F];
        for (int f = 0; f < F; f++) {
            r[f] = out.values().get(b, f);
        }
        return r;
    }

    @Test
    void lastPoolingPicksEachSequencesLastValidStep() {
        Flow out = identityHead(Pooling.LAST, ValueType.sequence(F)).forward(maskedBatch(1e30f), LayerContext.inference());
        assertThat(out.isSequence()).isFalse();
        assertThat(row(out, 0)).containsExactly(new float[] {2f, 2.1f, 0.2f - 2f}, within(1e-5f));
        assertThat(row(out, 1)).containsExactly(new float[] {10f, 10.1f, 10.2f}, within(1e-5f));
        assertThat(row(out, 2)).containsExactly(new float[] {23f, 23.1f, 23.2f - 6f}, within(1e-5f));
    }

    @Test
    void meanPoolingAveragesOnlyValidStepsEvenWithHugePadding() {
        Flow out = identityHead(Pooling.MEAN, ValueType.sequence(F)).forward(maskedBatch(1e30f), LayerContext.inference());
        assertThat(row(out, 0)).containsExactly(new float[] {1f, 1.1f, -0.8f}, within(1e-5f));
        assertThat(row(out, 1)).containsExactly(new float[] {10f, 10.1f, 10.2f}, within(1e-5f));
        assertThat(row(out, 2)).containsExactly(new float[] {21.5f, 21.6f, 21.7f - 3f}, within(1e-5f));
    }

    @Test
    void maxPoolingTakesThePerFeatureMaximumOfValidStepsOnly() {
        Flow out = identityHead(Pooling.MAX, ValueType.sequence(F)).forward(maskedBatch(1e30f), LayerContext.inference());
        // features 0 and 1 grow with the step, feature 2 shrinks: its maximum is at step 0
        assertThat(row(out, 0)).containsExactly(new float[] {2f, 2.1f, 0.2f}, within(1e-5f));
        assertThat(row(out, 1)).containsExactly(new float[] {10f, 10.1f, 10.2f}, within(1e-5f));
        assertThat(row(out, 2)).containsExactly(new float[] {23f, 23.1f, 20.2f}, within(1e-5f));
    }

    /**
     * The pooled values, in inference and in training (where max pooling also records where each maximum
     * came from), equal a direct per-feature reference on a random masked batch with repeated values.
     */
    @ParameterizedTest
    @EnumSource(Pooling.class)
    void poolingEqualsAPerFeatureReferenceInInferenceAndTraining(Pooling pooling) {
        int batch = 5;
        int time = 9;
        int[] lengths = {9, 1, 4, 0, 7};
        java.util.Random r = new java.util.Random(3);
        Tensor x = Tensor.zeros(batch, time, F);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, r.nextInt(5) - 2 + (r.nextBoolean() ? 0.5f : 0f)); // few distinct values: ties
        }
        Flow in = Flow.sequences(x, lengths);
        for (LayerContext context : java.util.List.of(LayerContext.inference(), LayerContext.training(new RandomSource(1)))) {
            Flow out = identityHead(pooling, ValueType.sequence(F)).forward(in, context);
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < F; f++) {
                    double expected = 0;
                    int len = lengths[b];
                    for (int s = 0; s < len; s++) {
                        float v = x.get(b, s, f);
                        expected = switch (pooling) {
                            case LAST -> v;
                            case MEAN -> expected + v / (double) len;
                            case MAX -> s == 0 ? v : Math.max(expected, v);
                        };
                    }
                    assertThat(out.values().get(b, f)).as("%s row %d feature %d", pooling, b, f)
                            .isCloseTo((float) expected, within(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void nanInPaddingNeverReachesTheOutputOrTheGradient(Pooling pooling) {
        Built b = build(pooling, ValueType.sequence(F), 2);
        Flow in = maskedBatch(Float.NaN);
        Flow out = b.head().forward(in, LayerContext.training(new RandomSource(1)));
        for (int i = 0; i < out.values().size(); i++) {
            assertThat(out.values().getFlat(i)).isFinite();
        }
        Flow dx = b.head().backward(Flow.vectors(randn(new RandomSource(2), 1, 3, 2)));
        assertThat(dx.mask()).isEqualTo(in.mask());
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 4; s++) {
                for (int f = 0; f < F; f++) {
                    float g = dx.values().get(r, s, f);
                    assertThat(g).isFinite();
                    if (s >= in.mask().length(r)) {
                        assertThat(g).as("gradient at padded step %d of row %d", s, r).isZero();
                    }
                }
            }
        }
    }

    @Test
    void aVectorInputIsUsedAsItIsWithLastPooling() {
        Tensor v = randn(new RandomSource(3), 1, 2, F);
        Flow out = identityHead(Pooling.LAST, ValueType.vector(F)).forward(Flow.vectors(v), LayerContext.inference());
        assertThat(out.values().toArray()).containsExactly(v.toArray(), within(1e-6f));
    }

    @Test
    void aZeroLengthSequencePoolsToZerosSoItsOutputIsTheBias() {
        Built b = build(Pooling.MEAN, ValueType.sequence(F), 2);
        Tensor bias = b.params().get(ParamId.of("many_to_one_out", ParamRole.BIAS)).value();
        bias.setFlat(0, 0.5f);
        bias.setFlat(1, -0.25f);
        Flow out = b.head().forward(Flow.sequences(randn(new RandomSource(4), 1, 1, 2, F), 0), LayerContext.inference());
        assertThat(out.values().toArray()).containsExactly(0.5f, -0.25f);
    }

    @Test
    void meanOrMaxOfAVectorIsRejectedAtRunTimeToo() {
        Built b = build(Pooling.MEAN, ValueType.vector(F), 2);
        assertThatThrownBy(() -> b.head().forward(Flow.vectors(Tensor.zeros(1, F)), LayerContext.inference()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LAST");
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void gradientsMatchFiniteDifferencesOnAMaskedBatch(Pooling pooling) {
        Built b = build(pooling, ValueType.sequence(F), 4);
        RandomSource r = new RandomSource(11);
        Flow in = Flow.sequences(randn(r, 1, 3, 5, F), 5, 2, 4);
        Tensor g = randn(r, 1, 3, 4);
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        b.params().zeroGrads();
        b.head().forward(in, ctx);
        Tensor dx = b.head().backward(Flow.vectors(g)).values().copy();
        // max pooling is piecewise linear: a small step keeps the arg-max unless two values are that close
        double eps = pooling == Pooling.MAX ? 1e-3 : 1e-2;
        new HeadTesting.GradCheck(() -> dot(b.head().forward(in, ctx).values(), g), eps, 1e-2, 1e-3)
                .all("x", in.values(), dx)
                .parameters(b.params(), 12, r)
                .verify();
    }

    @Test
    void gradientsMatchFiniteDifferencesForAVectorInput() {
        Built b = build(Pooling.LAST, ValueType.vector(F), 3);
        RandomSource r = new RandomSource(12);
        Flow in = Flow.vectors(randn(r, 1, 2, F));
        Tensor g = randn(r, 1, 2, 3);
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        b.params().zeroGrads();
        b.head().forward(in, ctx);
        Flow dx = b.head().backward(Flow.vectors(g));
        assertThat(dx.isSequence()).isFalse();
        new HeadTesting.GradCheck(() -> dot(b.head().forward(in, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", in.values(), dx.values().copy())
                .parameters(b.params(), 12, r)
                .verify();
    }

    @Test
    void gaussianHeadGivesSoftplusScalesAndItsGradientsMatchFiniteDifferencesThroughTheLikelihood() {
        ManyToOneSpec spec = new ManyToOneSpec(Pooling.MEAN, null, 2, io.rnn4j.layers.heads.Distribution.GAUSSIAN,
                java.util.List.of());
        ValueType in = ValueType.sequence(F);
        assertThat(kind.outputType(spec, in, (id, option, message, hint) -> {
            throw new AssertionError(message);
        }).features()).isEqualTo(4);
        ParameterSet.Builder pb = ParameterSet.builder();
        kind.declare(spec, "many_to_one", in, pb);
        ParameterSet params = pb.build();
        Layer head = kind.create(spec, "many_to_one", in, params, be);
        head.initialize(new RandomSource(7));
        RandomSource r = new RandomSource(13);
        Flow x = Flow.sequences(randn(r, 1, 3, 5, F), 5, 2, 4);
        Tensor y = randn(r, 1, 3, 2);
        io.rnn4j.core.loss.Loss loss = spec.headLoss().orElseThrow();
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        Flow out = head.forward(x, ctx);
        // the means pass through, the scales are softplus of the dense layer's values
        Tensor w = params.get(ParamId.of("many_to_one_out", ParamRole.KERNEL)).value();
        for (int b = 0; b < 3; b++) {
            for (int j = 2; j < 4; j++) {
                assertThat(out.values().get(b, j)).isPositive();
            }
        }
        params.zeroGrads();
        Tensor g = Tensor.zeros(3, 4);
        loss.forward(out.values(), y, g);
        Tensor dx = head.backward(Flow.vectors(g)).values().copy();
        new HeadTesting.GradCheck(() -> loss.forward(head.forward(x, ctx).values(), y, null), 1e-2, 1e-2, 1e-4)
                .all("x", x.values(), dx)
                .all("W", w, params.get(ParamId.of("many_to_one_out", ParamRole.KERNEL)).grad().copy())
                .parameters(params, 12, r)
                .verify();
    }

    @Test
    void probabilisticHeadsOfClassesAreRefused() {
        ManyToOneSpec spec = new ManyToOneSpec(Pooling.LAST, 3, null, io.rnn4j.layers.heads.Distribution.GAUSSIAN,
                java.util.List.of());
        java.util.List<String> ids = new java.util.ArrayList<>();
        assertThat(kind.outputType(spec, ValueType.vector(F), (id, option, message, hint) -> ids.add(id))).isNull();
        assertThat(ids).containsExactly("RNN4J-DSL-062");
        assertThatThrownBy(() -> new ManyToOneSpec(Pooling.LAST, null, 2, io.rnn4j.layers.heads.Distribution.GAUSSIAN,
                java.util.List.of(0.5))).hasMessageContaining("not both");
        assertThatThrownBy(() -> new ManyToOneSpec(Pooling.LAST, null, 2, io.rnn4j.layers.heads.Distribution.NONE,
                java.util.List.of(0.5, 0.2))).hasMessageContaining("increase");
    }

    @Test
    void parametersAreNamedAfterTheHead() {
        Built b = build(Pooling.LAST, ValueType.sequence(F), 2);
        assertThat(b.head().parameterIds()).containsExactly(ParamId.of("many_to_one_out", ParamRole.KERNEL),
                ParamId.of("many_to_one_out", ParamRole.BIAS));
        assertThat(b.head().outputSize()).isEqualTo(2);
    }
}
