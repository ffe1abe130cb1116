package io.rnn4j.testkit;

import static io.rnn4j.testkit.NumericAssertions.EXACT;
import static io.rnn4j.testkit.NumericAssertions.assertAllZero;
import static io.rnn4j.testkit.NumericAssertions.assertClose;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Activation;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.DropoutLayer;
import io.rnn4j.layers.DropoutSpec;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Flow;
import io.rnn4j.layers.LayerContext;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.RecurrentState;
import io.rnn4j.testkit.NumericAssertions.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * rnn4j's mask semantics (see {@link SequenceMask}), stated and tested on layers running on a backend.
 * A batch is padded at the end of each sequence; for every cell kind:
 * <ol type="a">
 *   <li>a padded step never changes the state: filling padded input steps with NaN, {@code 1e30} or
 *       {@code -Infinity} changes nothing in the outputs, the final state or any gradient
 *       (input, initial state, parameters);</li>
 *   <li>the output at a padded step is exactly zero, for every merge of a bidirectional layer, and so is
 *       the input gradient there;</li>
 *   <li>the final state of each sequence equals the state obtained by running that sequence alone,
 *       unpadded, to its last valid step;</li>
 *   <li>the reverse direction starts at the last valid step: the outputs of a bidirectional layer on a
 *       padded batch equal those of each sequence run alone, unpadded;</li>
 *   <li>a sequence of length 0 keeps its initial state, outputs zeros, and passes the gradient of its
 *       final state to its initial state unchanged.</li>
 * </ol>
 * Every other layer honours the mask too (the contract of {@code io.rnn4j.layers}: "outputs at padded
 * steps are zero and padded steps receive no gradient"): dense layers output exactly zero at padded steps
 * (whatever their activation of zero) and ignore what padding holds; embedding layers ignore the ids at
 * padded steps, even invalid ones; dropout layers output zeros and pass no gradient at padded steps.
 *
 * <p>Zeros, and the state and gradient that a length-0 sequence carries through, are checked exactly
 * (they are selections, not arithmetic). Runs with other padding are compared within {@code 1e-6} (the
 * same arithmetic; only a backend that sums in a different order from run to run differs at all), and
 * runs of a sequence alone within {@code 1e-5} (a backend may block its products by batch size, which
 * changes rounding).
 */
public final class MaskChecks {
    static final int BATCH = 3;
    static final int TIME = 6;
    static final int INPUT = 3;
    static final int UNITS = 4;
    static final int[] LENGTHS = {6, 3, 1};
    /** Alone versus in a padded batch: the same arithmetic, possibly blocked differently. */
    static final Tolerance ALONE = Tolerance.of(1e-5);
    /** The same valid inputs twice: identical for a deterministic backend. */
    static final Tolerance SAME = Tolerance.of(1e-6);
    static final long DROPOUT_SEED = 31;

    private MaskChecks() {
    }

    /**
     * All mask checks.
     *
     * @param backend the backend under test
     * @return one container per rule
     */
    public static Stream<DynamicNode> all(Backend backend) {
        boolean training = backend.has(Capability.TRAINING);
        return Stream.of(
                dynamicContainer("(a) a padded step never changes anything: NaN, 1e30 or -Infinity in padding leave "
                        + "outputs, final state" + (training ? " and every gradient" : "") + " unchanged",
                        perCell(cell -> paddingContent(backend, cell, training))),
                dynamicContainer("(b) the output at a padded step is exactly zero", perCell(cell ->
                        paddedOutputs(backend, cell, training))),
                dynamicContainer("(c) the final state equals the state of each sequence run alone to its last valid step",
                        perCell(cell -> Stream.of(false, true).map(bi -> dynamicTest(
                                "2 stacked layers, " + (bi ? "bidirectional" : "unidirectional") + ", lengths "
                                        + Arrays.toString(LENGTHS) + ", random initial state",
                                () -> alone(backend, cell, 2, bi, true))))),
                dynamicContainer("(d) the reverse direction starts at the last valid step: bidirectional outputs equal "
                        + "those of each sequence run alone", perCell(cell -> Stream.of(1, 2).map(layers -> dynamicTest(
                                layers + (layers == 1 ? " layer" : " stacked layers") + ", bidirectional concat, lengths "
                                        + Arrays.toString(LENGTHS),
                                () -> alone(backend, cell, layers, true, false))))),
                dynamicContainer("(e) a sequence of length 0 keeps its initial state and outputs zeros", perCell(cell ->
                        Stream.of(
                                dynamicTest("2 stacked layers, unidirectional, lengths [0, 4, 0]",
                                        () -> empty(backend, cell, 2, false, training)),
                                dynamicTest("1 layer, bidirectional, lengths [0, 4, 0]",
                                        () -> empty(backend, cell, 1, true, training)),
                                dynamicTest("1 layer returning its final state: the output of a length-0 sequence is "
                                        + "its initial state", () -> emptyFinalOutput(backend, cell))))),
                dynamicContainer("dense layer: exact zeros at padded steps, padding content ignored",
                        Stream.of(Activation.values()).map(f -> dynamicTest(f.id() + " (f(0) = " + f.apply(0f) + ")",
                                () -> dense(backend, f, training)))),
                dynamicContainer("embedding layer: ids at padded steps are ignored", Stream.of(dynamicTest(
                        "ids -1, 99, 2.5 and NaN at padded steps: no error, zero vectors", () -> embedding(backend)))),
                dynamicContainer("dropout layer: exact zeros at padded steps and no gradient there, whatever padding "
                        + "holds", Stream.of(false, true).map(train -> dynamicTest((train ? "training (rate 0.4)"
                                : "inference") + ", padding holding 7.5", () -> dropout(backend, train && training)))));
    }

    private interface PerCell {
        Stream<DynamicNode> of(CellKind cell);
    }

    private static Stream<DynamicNode> perCell(PerCell f) {
        return Stream.of(CellKind.values()).map(c -> dynamicContainer(c.name(), f.of(c)));
    }

    /** What a forward and backward pass produced. */
    private record Outcome(Tensor output, RecurrentState finalState, Tensor dInput, RecurrentState dInitial,
            float[] paramGrads) {
    }

    private static Outcome run(LayerFixtures.Recurrent built, Tensor x, int[] lengths, RecurrentState init, Tensor g,
            RecurrentState gFinal, boolean training) {
        RecurrentLayer layer = built.layer();
        Flow in = new Flow(x, new SequenceMask(x.dim(0), x.dim(1), lengths));
        LayerContext ctx = training ? LayerContext.training(new RandomSource(DROPOUT_SEED)) : LayerContext.inference();
        RecurrentLayer.Result r = layer.forward(in, init, ctx);
        if (!training) {
            return new Outcome(r.output().values(), r.finalState(), null, null, null);
        }
        built.params().zeroGrads();
        RecurrentLayer.Gradients grads = layer.backward(r.output().isSequence() ? r.output().with(g)
                : Flow.vectors(g), gFinal);
        return new Outcome(r.output().values(), r.finalState(), grads.input().values(), grads.initialState(),
                built.params().grads().clone());
    }

    private static void assertStates(String what, RecurrentState actual, RecurrentState expected, Tolerance tol) {
        for (int i = 0; i < expected.h().size(); i++) {
            assertClose(what + " h[" + i + "]", actual.h().get(i), expected.h().get(i), tol);
        }
        for (int i = 0; i < expected.c().size(); i++) {
            assertClose(what + " c[" + i + "]", actual.c().get(i), expected.c().get(i), tol);
        }
    }

    private static Stream<DynamicNode> paddingContent(Backend be, CellKind cell, boolean training) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (boolean deep : new boolean[] {false, true}) {
            for (float garbage : new float[] {Float.NaN, 1e30f, Float.NEGATIVE_INFINITY}) {
                String layout = deep ? "2 stacked layers, bidirectional, dropout 0.3 between and recurrent dropout 0.3"
                        : "1 layer, unidirectional";
                nodes.add(dynamicTest(layout + ", padding filled with " + garbage, () -> {
                    RecurrentSpec spec = RecurrentSpec.of(cell, UNITS);
                    if (deep) {
                        spec = spec.withLayers(2).withBidirectional(Merge.CONCAT).withDropout(0.3f, 0.3f);
                    }
                    RandomSource r = TestData.rng("masks/a/" + cell + "/" + deep + "/" + garbage);
                    LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
                    Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
                    LayerFixtures.fillPadding(x, LENGTHS, 0f);
                    RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
                    Tensor g = TestData.tensor(r, -1f, 1f, BATCH, TIME, spec.outputSize());
                    RecurrentState gFinal = LayerFixtures.randomState(r, spec, BATCH, -1f, 1f);
                    Outcome clean = run(built, x, LENGTHS, init, g, gFinal, training);
                    Tensor dirty = x.copy();
                    LayerFixtures.fillPadding(dirty, LENGTHS, garbage);
                    Outcome got = run(built, dirty, LENGTHS, init, g, gFinal, training);
                    String w = "with " + garbage + " in padding instead of 0: ";
                    assertClose(w + "output", got.output(), clean.output(), SAME);
                    assertStates(w + "final state", got.finalState(), clean.finalState(), SAME);
                    if (training) {
                        assertClose(w + "input gradient", got.dInput(), clean.dInput(), SAME);
                        assertStates(w + "initial-state gradient", got.dInitial(), clean.dInitial(), SAME);
                        assertClose(w + "parameter gradients (flat buffer)", got.paramGrads(), clean.paramGrads(),
                                new int[] {clean.paramGrads().length}, SAME);
                    }
                }));
            }
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> paddedOutputs(Backend be, CellKind cell, boolean training) {
        List<Merge> merges = new ArrayList<>();
        merges.add(null);
        merges.addAll(List.of(Merge.values()));
        return merges.stream().map(merge -> dynamicTest("2 stacked layers, " + (merge == null ? "unidirectional"
                : "bidirectional " + merge.name().toLowerCase()) + ", lengths " + Arrays.toString(LENGTHS)
                + (training ? "; the input gradient is zero there too" : ""), () -> {
                    RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withLayers(2);
                    if (merge != null) {
                        spec = spec.withBidirectional(merge);
                    }
                    RandomSource r = TestData.rng("masks/b/" + cell + "/" + merge);
                    LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
                    Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
                    RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
                    Tensor g = TestData.tensor(r, -1f, 1f, BATCH, TIME, spec.outputSize());
                    Outcome o = run(built, x, LENGTHS, init, g, null, training);
                    assertZeroAfter("output", o.output(), LENGTHS);
                    if (training) {
                        assertZeroAfter("input gradient", o.dInput(), LENGTHS);
                    }
                }));
    }

    /** Every step at or after {@code lengths[b]} of sequence {@code b} is exactly zero. */
    static void assertZeroAfter(String what, Tensor seq, int[] lengths) {
        int t = seq.dim(1);
        int f = seq.dim(2);
        for (int b = 0; b < lengths.length; b++) {
            float[] padded = Arrays.copyOfRange(seq.data(), seq.offset() + (b * t + lengths[b]) * f,
                    seq.offset() + (b + 1) * t * f);
            assertAllZero(what + " at the padded steps " + lengths[b] + ".." + (t - 1) + " of sequence " + b, padded,
                    new int[] {t - lengths[b], f});
        }
    }

    /**
     * Runs the padded batch, then each sequence alone (batch 1, time = its length, its row of the
     * initial state), and compares final states ({@code states}) or outputs.
     */
    private static void alone(Backend be, CellKind cell, int layers, boolean bi, boolean states) {
        RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withLayers(layers);
        if (bi) {
            spec = spec.withBidirectional(Merge.CONCAT);
        }
        RandomSource r = TestData.rng("masks/alone/" + cell + "/" + layers + "/" + bi + "/" + states);
        LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        LayerFixtures.fillPadding(x, LENGTHS, 5f);
        RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
        Outcome batch = run(built, x, LENGTHS, init, null, null, false);
        int out = spec.outputSize();
        for (int b = 0; b < BATCH; b++) {
            int len = LENGTHS[b];
            Tensor xb = Tensor.of(Arrays.copyOfRange(x.data(), b * TIME * INPUT, (b * TIME + len) * INPUT), 1, len, INPUT);
            Outcome one = run(built, xb, new int[] {len}, row(init, b), null, null, false);
            String w = "sequence " + b + " (length " + len + ") in the padded batch versus alone: ";
            if (states) {
                assertStates(w + "final state", row(batch.finalState(), b), one.finalState(), ALONE);
            } else {
                Tensor valid = Tensor.of(Arrays.copyOfRange(batch.output().data(), b * TIME * out, (b * TIME + len) * out),
                        1, len, out);
                assertClose(w + "outputs of its " + len + " valid steps (forward and reverse halves)", valid,
                        one.output(), ALONE);
            }
        }
        if (!states) {
            assertZeroAfter("output", batch.output(), LENGTHS);
        }
    }

    /** Row {@code b} of every tensor of a state, as a batch of one. */
    private static RecurrentState row(RecurrentState s, int b) {
        return new RecurrentState(s.h().stream().map(t -> row(t, b)).toList(), s.c().stream().map(t -> row(t, b)).toList());
    }

    private static Tensor row(Tensor t, int b) {
        int n = t.dim(1);
        return Tensor.of(Arrays.copyOfRange(t.data(), t.offset() + b * n, t.offset() + (b + 1) * n), 1, n);
    }

    private static void empty(Backend be, CellKind cell, int layers, boolean bi, boolean training) {
        RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withLayers(layers);
        if (bi) {
            spec = spec.withBidirectional(Merge.CONCAT);
        }
        int[] lengths = {0, 4, 0};
        int time = 4;
        RandomSource r = TestData.rng("masks/e/" + cell + "/" + layers + "/" + bi);
        LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, time, INPUT);
        RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
        Tensor g = TestData.tensor(r, -1f, 1f, BATCH, time, spec.outputSize());
        RecurrentState gFinal = LayerFixtures.randomState(r, spec, BATCH, -1f, 1f);
        Outcome o = run(built, x, lengths, init, g, gFinal, training);
        assertZeroAfter("output", o.output(), lengths);
        for (int b : new int[] {0, 2}) {
            assertStates("sequence " + b + " of length 0: final state versus its initial state", row(o.finalState(), b),
                    row(init, b), EXACT);
            if (training) {
                assertStates("sequence " + b + " of length 0: initial-state gradient versus the final-state gradient",
                        row(o.dInitial(), b), row(gFinal, b), EXACT);
            }
        }
        if (training) {
            assertZeroAfter("input gradient", o.dInput(), lengths);
        }
    }

    private static void emptyFinalOutput(Backend be, CellKind cell) {
        RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withReturnSequences(false);
        RandomSource r = TestData.rng("masks/e/final/" + cell);
        LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, 4, INPUT);
        RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
        Outcome o = run(built, x, new int[] {0, 4, 0}, init, null, null, false);
        for (int b : new int[] {0, 2}) {
            assertClose("output of sequence " + b + " of length 0 versus its initial state", row(o.output(), b),
                    row(init.h().get(0), b), EXACT);
        }
    }

    private static void dense(Backend be, Activation f, boolean training) {
        RandomSource r = TestData.rng("masks/dense/" + f);
        LayerFixtures.Dense built = LayerFixtures.dense(be, "dense", new DenseSpec(4, f, true), INPUT, r.nextLong());
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        LayerFixtures.fillPadding(x, LENGTHS, 0f);
        Tensor dirty = x.copy();
        LayerFixtures.fillPadding(dirty, LENGTHS, Float.NaN);
        Tensor g = TestData.tensor(r, -1f, 1f, BATCH, TIME, 4);
        Tensor[] outputs = new Tensor[2];
        Tensor[] dx = new Tensor[2];
        float[][] grads = new float[2][];
        Tensor[] inputs = {x, dirty};
        for (int i = 0; i < 2; i++) {
            Flow in = Flow.sequences(inputs[i], LENGTHS);
            LayerContext ctx = training ? LayerContext.training(new RandomSource(DROPOUT_SEED)) : LayerContext.inference();
            outputs[i] = built.layer().forward(in, ctx).values();
            if (training) {
                built.params().zeroGrads();
                dx[i] = built.layer().backward(in.with(g)).values();
                grads[i] = built.params().grads().clone();
            }
        }
        assertZeroAfter("dense " + f.id() + " output", outputs[1], LENGTHS);
        assertClose("dense " + f.id() + " output with NaN padding versus zero padding", outputs[1], outputs[0], SAME);
        if (training) {
            assertZeroAfter("dense " + f.id() + " input gradient", dx[1], LENGTHS);
            assertClose("dense " + f.id() + " input gradient with NaN padding versus zero padding", dx[1], dx[0], SAME);
            assertClose("dense " + f.id() + " parameter gradients with NaN padding versus zero padding", grads[1],
                    grads[0], new int[] {grads[0].length}, SAME);
        }
    }

    private static void dropout(Backend be, boolean training) {
        RandomSource r = TestData.rng("masks/dropout/" + training);
        DropoutLayer layer = new DropoutLayer("drop", new DropoutSpec(0.4f), INPUT, be);
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        LayerFixtures.fillPadding(x, LENGTHS, 7.5f);
        Flow in = Flow.sequences(x, LENGTHS);
        LayerContext ctx = training ? LayerContext.training(new RandomSource(DROPOUT_SEED)) : LayerContext.inference();
        assertZeroAfter("dropout output", layer.forward(in, ctx).values(), LENGTHS);
        Tensor g = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        assertZeroAfter("dropout input gradient", layer.backward(in.with(g)).values(), LENGTHS);
    }

    private static void embedding(Backend be) {
        RandomSource r = TestData.rng("masks/embedding");
        LayerFixtures.Embedding built = LayerFixtures.embedding(be, "embed", new EmbeddingSpec(5, 3), r.nextLong());
        Tensor ids = Tensor.of(new float[] {1, 4, 0, 2, -1, 99, 2.5f, Float.NaN}, 2, 4);
        Tensor y = built.layer().forward(Flow.sequences(ids, 4, 0), LayerContext.inference()).values();
        assertZeroAfter("embedding output", y, new int[] {4, 0});
        Tensor table = built.params().all().get(0).value();
        int[] valid = {1, 4, 0, 2};
        for (int t = 0; t < 4; t++) {
            assertClose("embedding output at step " + t + " (id " + valid[t] + ") versus the table row",
                    Tensor.of(Arrays.copyOfRange(y.data(), t * 3, t * 3 + 3), 3),
                    Tensor.of(Arrays.copyOfRange(table.data(), table.offset() + valid[t] * 3, table.offset() + valid[t] * 3 + 3), 3),
                    EXACT);
        }
    }
}
