package io.rnn4j.backend.cpu.heads;

import static io.rnn4j.backend.cpu.heads.HeadTesting.backend;
import static io.rnn4j.backend.cpu.heads.HeadTesting.dot;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randn;
import static io.rnn4j.backend.cpu.heads.HeadTesting.randomIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rnn4j.core.Initializer;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostic;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToManySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code many_to_many} with {@code tie_embedding}: the output weights are the embedding's table. */
class TiedEmbeddingTest {
    private static final LayerKindRegistry KINDS = LayerKindRegistry.discover(TiedEmbeddingTest.class.getClassLoader());
    private static final int VOCAB = 7;
    private static final int DIM = 4;

    private static LayerGraph.Item embedding(int dim, Integer vocabulary) {
        return new LayerGraph.Item("embedding", new EmbeddingSpec(dim, vocabulary), "model.layers[0]");
    }

    private static LayerGraph.Item gru(int units, boolean bidirectional) {
        return new LayerGraph.Item("gru", new GruSpec(units, 1, bidirectional, Merge.CONCAT, 0f, 0f, true,
                Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL, true), "model.layers[1]");
    }

    private static LayerGraph.Item tied(Integer classes, Integer outputs) {
        return new LayerGraph.Item("many_to_many", new ManyToManySpec(classes, outputs, true), "model.head");
    }

    private static List<Diagnostic> errors(ValueType input, List<LayerGraph.Item> layers, LayerGraph.Item head) {
        Diagnostics diags = new Diagnostics();
        LayerGraph g = LayerGraph.compile(input, layers, head, KINDS, diags, p -> SourceLocation.unknown("experiment.yaml"));
        assertThat(g).isNull();
        return diags.sorted();
    }

    private static Network network(long seed) {
        Diagnostics diags = new Diagnostics();
        LayerGraph g = LayerGraph.compile(ValueType.tokens(VOCAB), List.of(embedding(DIM, null), gru(DIM, false)),
                tied(VOCAB, null), KINDS, diags, p -> SourceLocation.unknown("experiment.yaml"));
        diags.throwIfErrors("experiment.yaml");
        Network net = new Network(g, backend());
        net.initialize(new RandomSource(seed));
        return net;
    }

    @Test
    void aTiedHeadHasOnlyABiasOfItsOwnAndReadsTheEmbeddingsTable() {
        Network net = network(3);
        List<ParamId> ids = new ArrayList<>();
        net.parameters().all().forEach(p -> ids.add(p.id()));
        assertThat(ids).contains(ParamId.of("embedding_0", ParamRole.EMBEDDING), ParamId.of("many_to_many_out", ParamRole.BIAS))
                .doesNotContain(ParamId.of("many_to_many_out", ParamRole.KERNEL));
        assertThat(net.layers().get(2).parameterIds()).containsExactly(ParamId.of("many_to_many_out", ParamRole.BIAS));
        // logits at a step are h E^T + b, with E the embedding's table, computed here by hand from the GRU's output
        Flow in = Flow.sequences(randomIds(new RandomSource(4), 0, VOCAB, 2, 3), 3, 2);
        Flow h = net.layers().get(1).forward(net.layers().get(0).forward(in, LayerContext.inference()),
                LayerContext.inference());
        Tensor e = net.parameters().get(ParamId.of("embedding_0", ParamRole.EMBEDDING)).value();
        Tensor b = net.parameters().get(ParamId.of("many_to_many_out", ParamRole.BIAS)).value();
        b.setFlat(2, 0.5f);
        Flow z = net.forward(in, LayerContext.inference());
        for (int k = 0; k < VOCAB; k++) {
            double expected = b.getFlat(k);
            for (int d = 0; d < DIM; d++) {
                expected += (double) h.values().get(0, 1, d) * e.get(k, d);
            }
            assertThat((double) z.values().get(0, 1, k)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(z.values().get(1, 2, k)).isZero(); // padded step
        }
    }

    @Test
    void theSharedTablesGradientFromBothUsesMatchesFiniteDifferences() {
        Network net = network(11);
        RandomSource r = new RandomSource(12);
        Flow in = Flow.sequences(randomIds(r, 0, 3, 3, 5), 5, 2, 4); // inputs use ids 0..2 only
        Tensor g = randn(r, 1, 3, 5, VOCAB);
        LayerContext ctx = LayerContext.training(new RandomSource(0));
        net.parameters().zeroGrads();
        Flow out = net.forward(in, ctx);
        net.backward(new Flow(g, out.mask()));
        Tensor table = net.parameters().get(ParamId.of("embedding_0", ParamRole.EMBEDDING)).value();
        Tensor dtable = net.parameters().get(ParamId.of("embedding_0", ParamRole.EMBEDDING)).grad().copy();
        // rows 3..6 are never looked up: their gradient comes from the output use alone, and is not zero
        assertThat(Math.abs(dtable.get(5, 1))).isGreaterThan(1e-4f);
        new HeadTesting.GradCheck(() -> dot(net.forward(in, ctx).values(), g), 1e-2, 1e-2, 1e-3)
                .all("embedding table", table, dtable)
                .parameters(net.parameters(), 15, r)
                .verify();
    }

    /** Against PyTorch (tools/reference/tied_embedding_reference.py): the output layer's weight is the embedding's. */
    @Test
    void logitsAndEveryGradientMatchPyTorchsTiedEmbeddingAndLinear() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode ref;
        try (java.io.InputStream in = getClass().getResourceAsStream("tied_embedding_reference.json")) {
            ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        int v = ref.get("vocabulary").asInt();
        int dim = ref.get("dim").asInt();
        Diagnostics diags = new Diagnostics();
        LayerGraph graph = LayerGraph.compile(ValueType.tokens(v), List.of(embedding(dim, null),
                new LayerGraph.Item("dense", new DenseSpec(dim, io.rnn4j.core.Activation.TANH, true), "model.layers[1]")),
                tied(v, null), KINDS, diags, p -> SourceLocation.unknown("experiment.yaml"));
        diags.throwIfErrors("experiment.yaml");
        Network net = new Network(graph, backend());
        set(net, ParamId.of("embedding_0", ParamRole.EMBEDDING), ref.get("table"));
        set(net, ParamId.of("dense_1", ParamRole.KERNEL), ref.get("dense_kernel"));
        set(net, ParamId.of("dense_1", ParamRole.BIAS), ref.get("dense_bias"));
        set(net, ParamId.of("many_to_many_out", ParamRole.BIAS), ref.get("out_bias"));
        int[] lengths = new int[ref.get("lengths").size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = ref.get("lengths").get(i).asInt();
        }
        Flow in = Flow.sequences(tensor(ref.get("ids")), lengths);
        net.parameters().zeroGrads();
        Flow out = net.forward(in, LayerContext.training(new RandomSource(0)));
        net.backward(new Flow(tensor(ref.get("g")), out.mask()));
        assertClose("logits", out.values(), ref.get("logits"));
        assertClose("grad table", net.parameters().get(ParamId.of("embedding_0", ParamRole.EMBEDDING)).grad(),
                ref.get("grad_table"));
        assertClose("grad dense kernel", net.parameters().get(ParamId.of("dense_1", ParamRole.KERNEL)).grad(),
                ref.get("grad_dense_kernel"));
        assertClose("grad dense bias", net.parameters().get(ParamId.of("dense_1", ParamRole.BIAS)).grad(),
                ref.get("grad_dense_bias"));
        assertClose("grad out bias", net.parameters().get(ParamId.of("many_to_many_out", ParamRole.BIAS)).grad(),
                ref.get("grad_out_bias"));
    }

    private static Tensor tensor(com.fasterxml.jackson.databind.JsonNode t) {
        int[] dims = new int[t.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.get("shape").get(i).asInt();
        }
        Tensor out = Tensor.zeros(dims);
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, (float) t.get("data").get(i).asDouble());
        }
        return out;
    }

    private static void set(Network net, ParamId id, com.fasterxml.jackson.databind.JsonNode t) {
        Tensor p = net.parameters().get(id).value();
        Tensor v = tensor(t);
        assertThat(p.shape()).as(id.displayName()).isEqualTo(v.shape());
        for (int i = 0; i < p.size(); i++) {
            p.setFlat(i, v.getFlat(i));
        }
    }

    private static void assertClose(String what, Tensor actual, com.fasterxml.jackson.databind.JsonNode expected) {
        Tensor e = tensor(expected);
        assertThat(actual.shape()).as(what).isEqualTo(e.shape());
        for (int i = 0; i < e.size(); i++) {
            assertThat((double) actual.getFlat(i)).as(what + "[" + i + "]")
                    .isCloseTo(e.getFlat(i), org.assertj.core.data.Offset.offset(2e-5 + 2e-5 * Math.abs(e.getFlat(i))));
        }
    }

    @Test
    void aGlorotUniformTableIsDrawnWithinItsBoundAndANormalOneIsNot() {
        for (io.rnn4j.layers.EmbeddingInit init : io.rnn4j.layers.EmbeddingInit.values()) {
            Diagnostics diags = new Diagnostics();
            LayerGraph g = LayerGraph.compile(ValueType.tokens(300), List.of(new LayerGraph.Item("embedding",
                    new EmbeddingSpec(20, null, init), "model.layers[0]")), tied(300, null), KINDS, diags,
                    p -> SourceLocation.unknown("experiment.yaml"));
            Network net = new Network(g, backend());
            net.initialize(new RandomSource(5));
            Tensor e = net.parameters().get(ParamId.of("embedding_0", ParamRole.EMBEDDING)).value();
            double bound = Math.sqrt(6.0 / (300 + 20));
            double max = 0;
            double sumSq = 0;
            for (int i = 0; i < e.size(); i++) {
                max = Math.max(max, Math.abs(e.getFlat(i)));
                sumSq += (double) e.getFlat(i) * e.getFlat(i);
            }
            double std = Math.sqrt(sumSq / e.size());
            if (init == io.rnn4j.layers.EmbeddingInit.GLOROT_UNIFORM) {
                assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
                assertThat(std).isCloseTo(bound / Math.sqrt(3), org.assertj.core.data.Offset.offset(0.01));
            } else {
                assertThat(std).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
            }
        }
    }

    @Test
    void withoutAnEmbeddingLayerTieEmbeddingIsALocatedError() {
        assertThat(errors(ValueType.sequence(4), List.of(new LayerGraph.Item("dense", new DenseSpec(4,
                io.rnn4j.core.Activation.TANH, true), "model.layers[0]")), tied(5, null)))
                .extracting(Diagnostic::id, Diagnostic::path)
                .containsExactly(tuple("RNN4J-DSL-070", "model.head.many_to_many.tie_embedding"));
    }

    @Test
    void aRegressionHeadCannotTie() {
        assertThat(errors(ValueType.tokens(VOCAB), List.of(embedding(DIM, null), gru(DIM, false)), tied(null, 2)))
                .extracting(Diagnostic::id, Diagnostic::path)
                .containsExactly(tuple("RNN4J-DSL-071", "model.head.many_to_many.tie_embedding"));
    }

    @Test
    void aHeadInputOtherThanTheEmbeddingsDimIsALocatedErrorThatSaysWhichSizesToChange() {
        List<Diagnostic> d = errors(ValueType.tokens(VOCAB), List.of(embedding(DIM, null), gru(DIM, true)),
                tied(VOCAB, null));
        assertThat(d).extracting(Diagnostic::id, Diagnostic::path)
                .containsExactly(tuple("RNN4J-DSL-072", "model.head.many_to_many.tie_embedding"));
        assertThat(d.get(0).message()).contains("needs 4 features per step", "a sequence of 8 features",
                "model.layers[0]");
        assertThat(d.get(0).hint()).contains("4 outputs", "set the embedding's dim to 8");
    }

    @Test
    void classesOtherThanTheEmbeddingsVocabularyIsALocatedError() {
        assertThat(errors(ValueType.tokens(VOCAB), List.of(embedding(DIM, null), gru(DIM, false)), tied(VOCAB + 1, null)))
                .extracting(Diagnostic::id, Diagnostic::path)
                .containsExactly(tuple("RNN4J-DSL-073", "model.head.many_to_many.classes"));
        assertThat(errors(ValueType.tokens(VOCAB), List.of(embedding(DIM, 9), gru(DIM, false)), tied(VOCAB, null)))
                .extracting(Diagnostic::id).containsExactly("RNN4J-DSL-073");
    }
}
