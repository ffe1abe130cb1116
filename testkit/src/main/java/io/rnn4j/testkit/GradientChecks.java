package io.rnn4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Activation;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;

/**
 * Central finite-difference checks of the backward pass of every layer running on a backend: the
 * analytic gradients that the layers compute (through the backend's kernels and primitives) against
 * numeric derivatives of the forward pass.
 *
 * <p>The loss is {@code sum(output * G)} for a fixed random {@code G} (given at padded steps too, where
 * the output is a constant zero), plus {@code sum(finalState * G')} for the masked recurrent cases,
 * accumulated in double by the test; see {@link FiniteDifferences} for the step and the tolerance.
 * Training passes use dropout; their {@link RandomSource} is re-created with the same seed for every
 * forward pass, so every perturbed pass draws identical masks. Parameter gradients hold random values
 * before the backward pass, and what it added is checked: layers add into gradients.
 *
 * <ul>
 *   <li>{@link RecurrentLayer}: each cell x {1, 2} stacked layers x {unidirectional, bidirectional with
 *       each {@link Merge}} x {return sequences, return the final state} x {masked, full}; gradients
 *       with respect to the input, 20 random coordinates of every parameter, and the initial states;
 *       recurrent dropout and dropout between stacked layers active;</li>
 *   <li>{@code DenseLayer}: each {@link Activation}, on vectors and on a masked sequence batch;</li>
 *   <li>{@code EmbeddingLayer}: the table gradient with repeated ids, and padded steps whose ids are
 *       garbage (out of range, fractional, NaN) and must be ignored;</li>
 *   <li>{@link DropoutLayer}: on vectors and sequences.</li>
 * </ul>
 * Skipped, with a message, for a backend without {@link Capability#TRAINING}.
 */
public final class GradientChecks {
    static final int BATCH = 2;
    static final int TIME = 4;
    static final int INPUT = 3;
    static final int UNITS = 3;
    static final int[] RAGGED = {4, 2};
    /** Coordinates checked per parameter tensor. */
    static final int PER_PARAMETER = 20;
    /** Seed of the dropout masks of every training pass. */
    static final long DROPOUT_SEED = 77;
    /** Value of padded input steps: finite garbage whose derivative must be zero. */
    static final float PADDING = 7.5f;

    private GradientChecks() {
    }

    /**
     * All gradient checks.
     *
     * @param backend the backend under test
     * @return one container per layer kind
     */
    public static Stream<DynamicNode> all(Backend backend) {
        if (!backend.has(Capability.TRAINING)) {
            return Stream.of(dynamicTest("skipped: backend '" + backend.id() + "' has no TRAINING capability",
                    () -> Assumptions.abort("gradient checks need a backend that can train; '" + backend.id()
                            + "' declares " + backend.capabilities())));
        }
        return Stream.of(
                dynamicContainer("recurrent layers: input, parameter and initial-state gradients match finite "
                        + "differences", Stream.of(CellKind.values()).map(c -> dynamicContainer(c.name(), recurrent(backend, c)))),
                dynamicContainer("dense layer: input, kernel and bias gradients match finite differences", dense(backend)),
                dynamicContainer("embedding layer: table gradient matches finite differences", embedding(backend)),
                dynamicContainer("dropout layer: input gradient matches finite differences", dropout(backend)));
    }

    /** The layouts of a recurrent layer: unidirectional, or bidirectional with a merge. */
    private static List<Merge> layouts() {
        List<Merge> l = new ArrayList<>();
        l.add(null);
        l.addAll(List.of(Merge.values()));
        return l;
    }

    private static Stream<DynamicNode> recurrent(Backend be, CellKind cell) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int layers : new int[] {1, 2}) {
            for (Merge merge : layouts()) {
                List<DynamicNode> tests = new ArrayList<>();
                for (boolean seq : new boolean[] {true, false}) {
                    for (boolean masked : new boolean[] {true, false}) {
                        String name = (seq ? "returning sequences" : "returning the final state") + ", "
                                + (masked ? "lengths " + Arrays.toString(RAGGED) + ", loss on output and final state"
                                        : "full lengths, loss on output");
                        tests.add(dynamicTest(name, () -> checkRecurrent(be, cell, layers, merge, seq, masked)));
                    }
                }
                nodes.add(dynamicContainer(layers + (layers == 1 ? " layer, " : " stacked layers (dropout 0.3 between), ")
                        + (merge == null ? "unidirectional" : "bidirectional " + merge.name().toLowerCase()), tests.stream()));
            }
        }
        return nodes.stream();
    }

    private static void checkRecurrent(Backend be, CellKind cell, int layers, Merge merge, boolean seq, boolean masked) {
        RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withLayers(layers).withDropout(0.3f, 0.3f)
                .withReturnSequences(seq);
        if (merge != null) {
            spec = spec.withBidirectional(merge);
        }
        String key = "gradients/" + cell + "/" + layers + "/" + merge + "/" + seq + "/" + masked;
        RandomSource r = TestData.rng(key);
        LayerFixtures.Recurrent built = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong());
        RecurrentLayer layer = built.layer();
        int[] lengths = masked ? RAGGED : new int[] {TIME, TIME};
        SequenceMask mask = new SequenceMask(BATCH, TIME, lengths);
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        LayerFixtures.fillPadding(x, lengths, PADDING);
        RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
        Tensor g = seq ? TestData.tensor(r, -1f, 1f, BATCH, TIME, spec.outputSize())
                : TestData.tensor(r, -1f, 1f, BATCH, spec.outputSize());
        RecurrentState gFinal = masked ? LayerFixtures.randomState(r, spec, BATCH, -1f, 1f) : null;

        DoubleSupplier loss = () -> {
            RecurrentLayer.Result res = layer.forward(new Flow(x, mask), init,
                    LayerContext.training(new RandomSource(DROPOUT_SEED)));
            double l = LayerFixtures.dot(res.output().values(), g);
            return gFinal == null ? l : l + LayerFixtures.dot(res.finalState(), gFinal);
        };

        float[] previous = presetGradients(built.params(), r);
        layer.forward(new Flow(x, mask), init, LayerContext.training(new RandomSource(DROPOUT_SEED)));
        RecurrentLayer.Gradients grads = layer.backward(seq ? new Flow(g, mask) : Flow.vectors(g), gFinal);

        FiniteDifferences fd = new FiniteDifferences(loss, cell == CellKind.RNN_RELU, r, PER_PARAMETER);
        fd.add("input", x, grads.input().values());
        for (Parameter p : built.params().all()) {
            fd.add(p.id().displayName(), p.value(), added(p, previous));
        }
        for (int i = 0; i < init.h().size(); i++) {
            fd.add("h0[" + i + "]", init.h().get(i), grads.initialState().h().get(i));
        }
        for (int i = 0; i < init.c().size(); i++) {
            fd.add("c0[" + i + "]", init.c().get(i), grads.initialState().c().get(i));
        }
        fd.check(cell + " x" + layers + " " + (merge == null ? "unidirectional" : "bidirectional " + merge)
                + (seq ? ", sequences" : ", final state") + (masked ? ", masked" : ", full"));
    }

    /**
     * Fills the gradient buffer with random values before a backward pass: layers must add into
     * parameter gradients, never overwrite them.
     */
    private static float[] presetGradients(ParameterSet params, RandomSource r) {
        float[] previous = TestData.uniform(r, params.count(), -1f, 1f);
        System.arraycopy(previous, 0, params.grads(), 0, previous.length);
        return previous;
    }

    /** What the backward pass added to a parameter's gradient. */
    private static Tensor added(Parameter p, float[] previous) {
        Tensor g = p.grad().copy();
        for (int i = 0; i < g.size(); i++) {
            g.setFlat(i, (float) ((double) g.getFlat(i) - previous[p.grad().offset() + i]));
        }
        return g;
    }

    private static Stream<DynamicNode> dense(Backend be) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Activation f : Activation.values()) {
            nodes.add(dynamicTest(f.id() + " on a batch of vectors", () -> checkDense(be, f, true, false)));
            nodes.add(dynamicTest(f.id() + " on a masked sequence batch (lengths [4, 2, 0])",
                    () -> checkDense(be, f, true, true)));
        }
        nodes.add(dynamicTest("tanh without bias on a masked sequence batch", () -> checkDense(be, Activation.TANH,
                false, true)));
        return nodes.stream();
    }

    private static void checkDense(Backend be, Activation f, boolean bias, boolean sequence) {
        String key = "gradients/dense/" + f + "/" + bias + "/" + sequence;
        RandomSource r = TestData.rng(key);
        DenseSpec spec = new DenseSpec(4, f, bias);
        LayerFixtures.Dense built = LayerFixtures.dense(be, "dense", spec, 5, r.nextLong());
        int[] lengths = {4, 2, 0};
        Tensor x = sequence ? TestData.tensor(r, -1.5f, 1.5f, 3, 4, 5) : TestData.tensor(r, -1.5f, 1.5f, 3, 5);
        if (sequence) {
            LayerFixtures.fillPadding(x, lengths, PADDING);
        }
        Flow in = sequence ? Flow.sequences(x, lengths) : Flow.vectors(x);
        Tensor g = sequence ? TestData.tensor(r, -1f, 1f, 3, 4, 4) : TestData.tensor(r, -1f, 1f, 3, 4);
        DoubleSupplier loss = () -> LayerFixtures.dot(built.layer().forward(in, LayerContext.inference()).values(), g);

        float[] previous = presetGradients(built.params(), r);
        built.layer().forward(in, LayerContext.training(new RandomSource(DROPOUT_SEED)));
        Flow dx = built.layer().backward(in.with(g));

        FiniteDifferences fd = new FiniteDifferences(loss, f == Activation.RELU, r, PER_PARAMETER);
        fd.add("input", x, dx.values());
        for (Parameter p : built.params().all()) {
            fd.add(p.id().displayName(), p.value(), added(p, previous));
        }
        fd.check("dense " + f.id() + (bias ? "" : " without bias") + (sequence ? " on a masked sequence" : " on vectors"));
    }

    private static Stream<DynamicNode> embedding(Backend be) {
        return Stream.of(dynamicTest("repeated ids accumulate; ids at padded steps (-1, 99, 2.5, NaN, 1e9) are "
                + "ignored; lengths [5, 3, 0]", () -> {
                    RandomSource r = TestData.rng("gradients/embedding");
                    LayerFixtures.Embedding built = LayerFixtures.embedding(be, "embed", new EmbeddingSpec(6, 3),
                            r.nextLong());
                    float nan = Float.NaN;
                    Tensor ids = Tensor.of(new float[] {
                        2, 4, 2, 2, 0,
                        5, 2, 4, -1, 99,
                        2.5f, nan, 1e9f, -1, 3}, 3, 5);
                    Flow in = Flow.sequences(ids, 5, 3, 0);
                    Tensor g = TestData.tensor(r, -1f, 1f, 3, 5, 3);
                    DoubleSupplier loss = () -> LayerFixtures.dot(built.layer().forward(in, LayerContext.inference())
                            .values(), g);
                    float[] previous = presetGradients(built.params(), r);
                    built.layer().forward(in, LayerContext.training(new RandomSource(DROPOUT_SEED)));
                    Flow dIds = built.layer().backward(in.with(g));
                    assertThat(dIds).as("gradient with respect to token ids (they have none)").isNull();
                    Parameter table = built.params().all().get(0);
                    new FiniteDifferences(loss, false, r, 100).add(table.id().displayName(), table.value(),
                            added(table, previous))
                            .check("embedding table");
                }));
    }

    private static Stream<DynamicNode> dropout(Backend be) {
        return Stream.of(
                dynamicTest("rate 0.4 on a batch of vectors", () -> checkDropout(be, false)),
                dynamicTest("rate 0.4 on a masked sequence batch", () -> checkDropout(be, true)));
    }

    private static void checkDropout(Backend be, boolean sequence) {
        RandomSource r = TestData.rng("gradients/dropout/" + sequence);
        DropoutLayer layer = new DropoutLayer("drop", new DropoutSpec(0.4f), sequence ? 4 : 6, be);
        Tensor x = sequence ? TestData.tensor(r, -1f, 1f, 2, 3, 4) : TestData.tensor(r, -1f, 1f, 4, 6);
        Flow in = sequence ? Flow.sequences(x, 3, 1) : Flow.vectors(x);
        Tensor g = TestData.tensor(r, -1f, 1f, x.shape().dims());
        DoubleSupplier loss = () -> LayerFixtures.dot(layer.forward(in,
                LayerContext.training(new RandomSource(DROPOUT_SEED))).values(), g);
        layer.forward(in, LayerContext.training(new RandomSource(DROPOUT_SEED)));
        Flow dx = layer.backward(in.with(g));
        new FiniteDifferences(loss, false, r, 100).add("input", x, dx.values()).check("dropout");
    }
}
