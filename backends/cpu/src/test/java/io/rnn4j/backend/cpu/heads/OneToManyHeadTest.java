package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randomIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnn4j.core.Direction;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.OneToManyHead;
import io.rnn4j.layers.heads.OneToManyKind;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Sampling;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OneToManyHeadTest {
    private static final String NAME = "one_to_many";
    private static final int FEATURES = 3;
    private final OneToManyKind kind = new OneToManyKind();
    private ParameterSet params;

    private OneToManyHead build(OneToManySpec spec) {
        ParameterSet.Builder b = ParameterSet.builder();
        kind.declare(spec, NAME, ValueType.vector(FEATURES), b);
        params = b.build();
        OneToManyHead head = (OneToManyHead) kind.create(spec, NAME, ValueType.vector(FEATURES), params, backend());
        head.initialize(new RandomSource(3));
        return head;
    }

    private static OneToManySpec classes(DecoderCell cell, int length) {
        return new OneToManySpec(cell, 4, length, 3, null, 2);
    }

    private static OneToManySpec values(DecoderCell cell, int length) {
        return new OneToManySpec(cell, 4, length, null, 2, 16);
    }

    private static LayerContext training() {
        return LayerContext.training(new RandomSource(0));
    }

    @ParameterizedTest
    @EnumSource(DecoderCell.class)
    void teacherForcedClassGradientsMatchFiniteDifferences(DecoderCell cell) {
        OneToManyHead head = build(classes(cell, 6));
        RandomSource r = new RandomSource(31);
        Flow x = Flow.vectors(randn(r, 1, 2, FEATURES));
        Tensor ids = randomIds(r, 0, 3, 2, 4);
        ids.setFlat(1 * 4 + 3, 99f); // padding of row 1 may hold anything
        LayerContext ctx = training().withTeacher(Flow.sequences(ids, 4, 3));
        Tensor g = randn(r, 1, 2, 4, 3);
        params.zeroGrads();
        Flow out = head.forward(x, ctx);
        assertThat(out.values().shape().dims()).containsExactly(2, 4, 3);
        assertThat(out.mask().isFull()).isTrue();
        Flow dx = head.backward(HeadTesting.gradFor(out, g));
        assertThat(dx.isSequence()).isFalse();
        new HeadTesting.GradCheck(() -> dot(head.forward(x, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", x.values(), dx.values().copy())
                .parameters(params, 10, r)
                .verify();
    }

    @ParameterizedTest
    @EnumSource(DecoderCell.class)
    void teacherForcedValueGradientsMatchFiniteDifferences(DecoderCell cell) {
        OneToManyHead head = build(values(cell, 3));
        RandomSource r = new RandomSource(32);
        Flow x = Flow.vectors(randn(r, 1, 2, FEATURES));
        LayerContext ctx = training().withTeacher(Flow.sequences(randn(r, 1, 2, 5, 2)));
        Tensor g = randn(r, 1, 2, 5, 2);
        params.zeroGrads();
        Flow out = head.forward(x, ctx);
        assertThat(out.values().shape().dims()).containsExactly(2, 5, 2);
        Flow dx = head.backward(HeadTesting.gradFor(out, g));
        new HeadTesting.GradCheck(() -> dot(head.forward(x, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("x", x.values(), dx.values().copy())
                .parameters(params, 10, r)
                .verify();
        assertThat(params.contains(ParamId.of(NAME + "_embedding", ParamRole.EMBEDDING))).isFalse();
    }

    @Test
    void theHeadShiftsTheTeacherRightByOneStep() {
        OneToManyHead head = build(classes(DecoderCell.GRU, 5));
        RandomSource r = new RandomSource(33);
        Flow x = Flow.vectors(randn(r, 1, 1, FEATURES));
        Tensor ids = Tensor.of(new float[] {0, 1, 2, 0, 1}, 1, 5);
        Tensor before = head.forward(x, training().withTeacher(Flow.sequences(ids))).values().copy();
        ids.setFlat(2, 1f); // the target at step 2 is fed at step 3
        Tensor after = head.forward(x, training().withTeacher(Flow.sequences(ids))).values();
        for (int t = 0; t < 5; t++) {
            double diff = 0;
            for (int c = 0; c < 3; c++) {
                diff += Math.abs(after.get(0, t, c) - before.get(0, t, c));
            }
            if (t <= 2) {
                assertThat(diff).as("step %d", t).isZero();
            } else {
                assertThat(diff).as("step %d", t).isGreaterThan(1e-4);
            }
        }
    }

    /**
     * Hand-set weights: the embedding is the identity, the decoder forgets its past ({@code W_hh = 0})
     * and the output layer maps token k to k+1 (mod 3) and the start id to 0, so greedy decoding must
     * emit 0, 1, 2, 0, 1.
     */
    @Test
    void greedyDecodingFeedsBackTheArgmaxToken() {
        OneToManyHead head = build(new OneToManySpec(DecoderCell.SIMPLE_RNN, 4, 5, 3, null, 4));
        params.get(ParamId.of(NAME + "_embedding", ParamRole.EMBEDDING)).value().copyFrom(eye(4, 1f));
        params.get(new ParamId(NAME + "_decoder", ParamRole.WEIGHT_IH, 0, Direction.FORWARD)).value().copyFrom(eye(4, 3f));
        params.get(new ParamId(NAME + "_decoder", ParamRole.WEIGHT_HH, 0, Direction.FORWARD)).value().fill(0f);
        Tensor w = params.get(ParamId.of(NAME + "_out", ParamRole.KERNEL)).value(); // [units 4, classes 3]
        w.fill(0f);
        w.setFlat(0 * 3 + 1, 1f);
        w.setFlat(1 * 3 + 2, 1f);
        w.setFlat(2 * 3 + 0, 1f);
        w.setFlat(3 * 3 + 0, 1f);
        OneToManyHead.Generated g = head.generate(Flow.vectors(randn(new RandomSource(1), 1, 2, FEATURES)),
                Sampling.greedy(), new RandomSource(0));
        assertThat(g.tokens()).isDeepEqualTo(new int[][] {{0, 1, 2, 0, 1}, {0, 1, 2, 0, 1}});
        assertThat(g.output().values().shape().dims()).containsExactly(2, 5, 3);
        assertThat(g.output().mask().isFull()).isTrue();
        Flow inferred = head.forward(Flow.vectors(Tensor.zeros(2, FEATURES)), LayerContext.inference());
        assertThat(inferred.values().toArray()).containsExactly(g.output().values().toArray(), within(1e-6f));
    }

    private static Tensor eye(int n, float v) {
        Tensor t = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.setFlat(i * n + i, v);
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(DecoderCell.class)
    void valueInferenceFeedsBackItsOwnPredictions(DecoderCell cell) {
        OneToManyHead head = build(values(cell, 4));
        Flow x = Flow.vectors(randn(new RandomSource(34), 1, 3, FEATURES));
        Flow inferred = head.forward(x, LayerContext.inference());
        assertThat(inferred.values().shape().dims()).containsExactly(3, 4, 2);
        // teacher forcing with the predictions themselves as targets must reproduce them
        Flow forced = head.forward(x, training().withTeacher(Flow.sequences(inferred.values().copy())));
        assertThat(forced.values().toArray()).containsExactly(inferred.values().toArray(), within(1e-5f));
    }

    @Test
    void trainingWithoutATeacherOutputsTheFreeRunningDecodingAndCanBackpropagate() {
        OneToManyHead head = build(classes(DecoderCell.LSTM, 4));
        Flow x = Flow.vectors(randn(new RandomSource(35), 1, 2, FEATURES));
        Flow inferred = head.forward(x, LayerContext.inference());
        params.zeroGrads();
        Flow trained = head.forward(x, training());
        assertThat(trained.values().toArray()).containsExactly(inferred.values().toArray(), within(1e-5f));
        Flow dx = head.backward(HeadTesting.gradFor(trained, randn(new RandomSource(1), 1, 2, 4, 3)));
        assertThat(dx.values().shape().dims()).containsExactly(2, FEATURES);
        double norm = 0;
        for (float v : params.grads()) {
            norm += v * v;
        }
        assertThat(norm).isPositive();
    }

    @Test
    void samplingIsDeterministicForASeedAndStaysInTheTopK() {
        OneToManyHead head = build(new OneToManySpec(DecoderCell.GRU, 8, 12, 6, null, 4));
        Flow x = Flow.vectors(randn(new RandomSource(36), 2, 4, FEATURES));
        Sampling s = new Sampling(1.5, 2);
        OneToManyHead.Generated a = head.generate(x, s, new RandomSource(9));
        OneToManyHead.Generated b = head.generate(x, s, new RandomSource(9));
        assertThat(a.tokens()).isDeepEqualTo(b.tokens());
        Tensor z = a.output().values();
        for (int r = 0; r < 4; r++) {
            for (int t = 0; t < 12; t++) {
                float picked = z.get(r, t, a.tokens()[r][t]);
                int larger = 0;
                for (int c = 0; c < 6; c++) {
                    larger += z.get(r, t, c) > picked ? 1 : 0;
                }
                assertThat(larger).as("logits above the sampled token at row %d, step %d", r, t).isLessThan(2);
            }
        }
        OneToManyHead.Generated greedy = head.generate(x, Sampling.greedy(), new RandomSource(1));
        OneToManyHead.Generated top1 = head.generate(x, new Sampling(2.0, 1), new RandomSource(2));
        assertThat(top1.tokens()).isDeepEqualTo(greedy.tokens());
        boolean differs = false;
        for (int seed = 0; seed < 5 && !differs; seed++) {
            differs = !Arrays.deepEquals(head.generate(x, new Sampling(3.0, 0), new RandomSource(seed)).tokens(),
                    greedy.tokens());
        }
        assertThat(differs).as("hot sampling departs from greedy decoding").isTrue();
    }
}
