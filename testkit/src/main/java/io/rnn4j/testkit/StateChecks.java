package io.rnn4j.testkit;

import static io.rnn4j.testkit.NumericAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingLayer;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.Flow;
import io.rnn4j.layers.LayerContext;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.RecurrentState;
import io.rnn4j.testkit.NumericAssertions.Tolerance;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * Recurrent state across calls, and deterministic initialisation.
 *
 * <ul>
 *   <li><b>Chunked equals whole</b>: for each cell, two stacked unidirectional layers fed a
 *       {@code [batch 3, time 9]} sequence in chunks of 4, 4 and 1 steps, each chunk starting from the
 *       previous chunk's final state, give the outputs and final states of the whole sequence fed at once
 *       (within {@code 1e-6}). With ragged lengths {@code [9, 6, 3]} the later chunks hold sequences of
 *       length 0 ({@link SequenceMask#window}), which must carry their state through unchanged.</li>
 *   <li><b>Same seed, same weights</b>: a layer built twice and initialised with
 *       {@code new RandomSource(42)} has bit-identical parameters; another seed gives other weights; and a
 *       parameter's values depend only on the seed and its id (its stream is
 *       {@code RandomSource.fork(id)}), not on which layers were declared or initialised before it.</li>
 * </ul>
 */
public final class StateChecks {
    static final int BATCH = 3;
    static final int TIME = 9;
    static final int INPUT = 4;
    static final int UNITS = 5;
    static final int[] CHUNKS = {4, 4, 1};
    static final Tolerance CHUNKED = Tolerance.of(1e-6);
    /** Parameters drawn at random (biases start at constants, equal for every seed). */
    static final Set<ParamRole> RANDOM_ROLES = EnumSet.of(ParamRole.WEIGHT_IH, ParamRole.WEIGHT_HH, ParamRole.KERNEL,
            ParamRole.EMBEDDING);

    private StateChecks() {
    }

    /**
     * All state and seed checks.
     *
     * @param backend the backend under test
     * @return one container per property
     */
    public static Stream<DynamicNode> all(Backend backend) {
        return Stream.of(
                dynamicContainer("a sequence fed in chunks of 4, 4, 1 steps, passing the final state on, equals the "
                        + "sequence fed whole", Stream.of(CellKind.values()).map(cell -> dynamicContainer(cell.name(),
                                Stream.of(new int[] {9, 9, 9}, new int[] {9, 6, 3}).map(lengths -> dynamicTest(
                                        "2 stacked unidirectional layers, lengths " + Arrays.toString(lengths),
                                        () -> chunked(backend, cell, lengths)))))),
                dynamicContainer("the same seed gives the same weights", Stream.of(CellKind.values()).map(cell ->
                        dynamicTest(cell + ", 2 stacked bidirectional layers: seed 42 twice gives bit-identical "
                                + "parameters, seed 43 different weights", () -> sameSeed(backend, cell)))),
                dynamicContainer("a parameter's weights depend on the seed and its id only", Stream.concat(
                        Stream.of(CellKind.values()).map(cell -> dynamicTest(cell + " layer 'rnn': alone, or declared "
                                + "and initialised after an embedding and a dense layer, in either order: same weights",
                                () -> independentOfOthers(backend, cell))),
                        Stream.of(
                                dynamicTest("dense and embedding layers: seed 42 twice gives bit-identical parameters, "
                                        + "seed 43 different ones", () -> denseAndEmbedding(backend)),
                                dynamicTest("two layers that differ only in name get different weights",
                                        () -> namesMatter(backend))))));
    }

    private static void chunked(Backend be, CellKind cell, int[] lengths) {
        RecurrentSpec spec = RecurrentSpec.of(cell, UNITS).withLayers(2);
        RandomSource r = TestData.rng("state/chunked/" + cell + "/" + Arrays.toString(lengths));
        RecurrentLayer layer = LayerFixtures.recurrent(be, "rnn", spec, INPUT, r.nextLong()).layer();
        Tensor x = TestData.tensor(r, -1f, 1f, BATCH, TIME, INPUT);
        RecurrentState init = LayerFixtures.randomState(r, spec, BATCH, -0.5f, 0.5f);
        SequenceMask mask = new SequenceMask(BATCH, TIME, lengths);
        RecurrentLayer.Result whole = layer.forward(new Flow(x, mask), LayerFixtures.copy(init), LayerContext.inference());

        RecurrentState state = LayerFixtures.copy(init);
        int from = 0;
        for (int len : CHUNKS) {
            int to = from + len;
            Tensor xc = Tensor.zeros(BATCH, len, INPUT);
            Tensor expected = Tensor.zeros(BATCH, len, UNITS);
            for (int b = 0; b < BATCH; b++) {
                System.arraycopy(x.data(), (b * TIME + from) * INPUT, xc.data(), b * len * INPUT, len * INPUT);
                System.arraycopy(whole.output().values().data(), (b * TIME + from) * UNITS, expected.data(),
                        b * len * UNITS, len * UNITS);
            }
            RecurrentLayer.Result part = layer.forward(new Flow(xc, mask.window(from, to)), state,
                    LayerContext.inference());
            assertClose("outputs of steps " + from + ".." + (to - 1) + " fed as a chunk versus fed whole",
                    part.output().values(), expected, CHUNKED);
            state = part.finalState();
            from = to;
        }
        for (int i = 0; i < whole.finalState().h().size(); i++) {
            assertClose("final h of layer " + i + " after the last chunk versus fed whole", state.h().get(i),
                    whole.finalState().h().get(i), CHUNKED);
        }
        for (int i = 0; i < whole.finalState().c().size(); i++) {
            assertClose("final c of layer " + i + " after the last chunk versus fed whole", state.c().get(i),
                    whole.finalState().c().get(i), CHUNKED);
        }
    }

    private static RecurrentSpec deep(CellKind cell) {
        return RecurrentSpec.of(cell, UNITS).withLayers(2).withBidirectional(Merge.CONCAT);
    }

    private static void sameSeed(Backend be, CellKind cell) {
        ParameterSet a = LayerFixtures.recurrent(be, "rnn", deep(cell), INPUT, 42).params();
        ParameterSet b = LayerFixtures.recurrent(be, "rnn", deep(cell), INPUT, 42).params();
        ParameterSet c = LayerFixtures.recurrent(be, "rnn", deep(cell), INPUT, 43).params();
        assertThat(b.values()).as("parameters of the same layer initialised twice with seed 42").isEqualTo(a.values());
        assertDifferentWeights(a, c);
    }

    private static void assertDifferentWeights(ParameterSet a, ParameterSet c) {
        for (Parameter p : a.all()) {
            if (RANDOM_ROLES.contains(p.id().role())) {
                assertThat(c.get(p.id()).value().toArray()).as("%s with seed 43 versus seed 42", p.id())
                        .isNotEqualTo(p.value().toArray());
            }
        }
    }

    private static void denseAndEmbedding(Backend be) {
        DenseSpec dense = new DenseSpec(6, Activation.TANH, true);
        EmbeddingSpec embed = new EmbeddingSpec(10, 4);
        assertThat(LayerFixtures.dense(be, "d", dense, INPUT, 42).params().values()).as("dense, seed 42 twice")
                .isEqualTo(LayerFixtures.dense(be, "d", dense, INPUT, 42).params().values());
        assertThat(LayerFixtures.embedding(be, "e", embed, 42).params().values()).as("embedding, seed 42 twice")
                .isEqualTo(LayerFixtures.embedding(be, "e", embed, 42).params().values());
        assertDifferentWeights(LayerFixtures.dense(be, "d", dense, INPUT, 42).params(),
                LayerFixtures.dense(be, "d", dense, INPUT, 43).params());
        assertDifferentWeights(LayerFixtures.embedding(be, "e", embed, 42).params(),
                LayerFixtures.embedding(be, "e", embed, 43).params());
    }

    private static void independentOfOthers(Backend be, CellKind cell) {
        ParameterSet alone = LayerFixtures.recurrent(be, "rnn", deep(cell), INPUT, 42).params();
        for (boolean rnnFirst : new boolean[] {false, true}) {
            ParameterSet.Builder builder = ParameterSet.builder();
            EmbeddingLayer.declare(builder, "embed", new EmbeddingSpec(7, INPUT));
            DenseLayer.declare(builder, "pre", new DenseSpec(INPUT, Activation.RELU, true), INPUT);
            RecurrentLayer.declare(builder, "rnn", deep(cell), INPUT);
            ParameterSet params = builder.build();
            EmbeddingLayer embed = new EmbeddingLayer("embed", new EmbeddingSpec(7, INPUT), params, be);
            DenseLayer pre = new DenseLayer("pre", new DenseSpec(INPUT, Activation.RELU, true), INPUT, params, be);
            RecurrentLayer rnn = new RecurrentLayer("rnn", deep(cell), INPUT, params, be);
            RandomSource random = new RandomSource(42); // one source for the whole model, as a model would use
            if (rnnFirst) {
                rnn.initialize(random);
            }
            embed.initialize(random);
            pre.initialize(random);
            if (!rnnFirst) {
                rnn.initialize(random);
            }
            for (Parameter p : alone.all()) {
                assertThat(params.get(p.id()).value().toArray())
                        .as("%s initialised %s the embedding and dense layers of the same model, versus in a model of "
                                + "its own", p.id(), rnnFirst ? "before" : "after")
                        .isEqualTo(p.value().toArray());
            }
        }
    }

    private static void namesMatter(Backend be) {
        ParameterSet a = LayerFixtures.recurrent(be, "encoder", RecurrentSpec.of(CellKind.LSTM, UNITS), INPUT, 42).params();
        ParameterSet b = LayerFixtures.recurrent(be, "decoder", RecurrentSpec.of(CellKind.LSTM, UNITS), INPUT, 42).params();
        for (Parameter p : a.all()) {
            if (RANDOM_ROLES.contains(p.id().role())) {
                ParamId other = new ParamId("decoder", p.id().role(), p.id().index(), p.id().direction());
                assertThat(b.get(other).value().toArray()).as("%s versus %s with the same seed", other, p.id())
                        .isNotEqualTo(p.value().toArray());
            }
        }
    }
}
