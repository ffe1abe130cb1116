package io.rnn4j.backend.cpu.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.rnn4j.core.Initializer;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.diag.Diagnostic;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.ManyToManyKind;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneKind;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.OneToManyKind;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Pooling;
import io.rnn4j.layers.heads.Seq2SeqKind;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadKindsTest {
    private static final ValueType TOKENS = ValueType.tokens(100);
    private static final ValueType SEQ = ValueType.sequence(8);
    private static final ValueType VEC = ValueType.vector(8);
    private static final ValueType LSTM_SEQ = ValueType.sequence(8).withState(8, true);

    /** A {@link LayerKind.ShapeProblems} that keeps what it is told. */
    private static final class Problems implements LayerKind.ShapeProblems {
        record Problem(String id, String option, String message, String hint) {
        }

        final List<Problem> all = new ArrayList<>();

        @Override
        public void error(String id, String option, String message, String hint) {
            all.add(new Problem(id, option, message, hint));
        }
    }

    private static <S extends LayerSpec> Problems infer(LayerKind<S> kind, S spec, ValueType in, ValueType expected) {
        Problems p = new Problems();
        ValueType out = kind.outputType(spec, in, p);
        if (expected == null) {
            assertThat(out).isNull();
            assertThat(p.all).isNotEmpty();
        } else {
            assertThat(p.all).isEmpty();
            assertThat(out).isEqualTo(expected);
        }
        return p;
    }

    // many_to_one

    @Test
    void manyToOneOutputsOneVectorPerExample() {
        infer(new ManyToOneKind(), new ManyToOneSpec(Pooling.MAX, 3, null), SEQ, ValueType.vector(3));
        infer(new ManyToOneKind(), new ManyToOneSpec(Pooling.LAST, null, 2), VEC, ValueType.vector(2));
        infer(new ManyToOneKind(), new ManyToOneSpec(Pooling.MEAN, null, null), SEQ, ValueType.vector(ValueType.UNKNOWN));
    }

    @Test
    void manyToOneRefusesMeanOrMaxPoolingOfAVector() {
        for (Pooling p : List.of(Pooling.MEAN, Pooling.MAX)) {
            Problems problems = infer(new ManyToOneKind(), new ManyToOneSpec(p, 2, null), VEC, null);
            assertThat(problems.all).extracting(Problems.Problem::id, Problems.Problem::option, Problems.Problem::hint)
                    .containsExactly(tuple("RNN4J-DSL-043", "pooling",
                            "set 'return_sequences: true' on the layer before the head, or use pooling: last"));
            assertThat(problems.all.get(0).message()).contains(p.name().toLowerCase(java.util.Locale.ROOT), "a vector of 8");
        }
    }

    @Test
    void manyToOneRefusesTokenIdsWithAHintToEmbed() {
        Problems p = infer(new ManyToOneKind(), new ManyToOneSpec(Pooling.LAST, 2, null), TOKENS, null);
        assertThat(p.all).extracting(Problems.Problem::id).containsExactly("RNN4J-DSL-041");
        assertThat(p.all.get(0).hint()).contains("embedding");
        assertThat(p.all.get(0).message()).contains("token ids (vocabulary 100)");
    }

    @Test
    void everyHeadRefusesClassesAndOutputsTogetherAndCollectsOtherProblemsToo() {
        Problems p = infer(new ManyToOneKind(), new ManyToOneSpec(Pooling.MEAN, 3, 2), TOKENS, null);
        assertThat(p.all).extracting(Problems.Problem::id, Problems.Problem::option)
                .containsExactly(tuple("RNN4J-DSL-044", "classes"), tuple("RNN4J-DSL-041", ""));
        assertThat(p.all.get(0).message()).contains("'classes: 3'", "'outputs: 2'");
        assertThat(infer(new ManyToManyKind(), new ManyToManySpec(3, 2), SEQ, null).all)
                .extracting(Problems.Problem::id, Problems.Problem::option).containsExactly(tuple("RNN4J-DSL-044", "classes"));
        assertThat(infer(new OneToManyKind(), new OneToManySpec(DecoderCell.GRU, 4, 5, 3, 2, 16), VEC, null).all)
                .extracting(Problems.Problem::id, Problems.Problem::option).containsExactly(tuple("RNN4J-DSL-044", "classes"));
    }

    // many_to_many

    @Test
    void manyToManyNeedsASequence() {
        infer(new ManyToManyKind(), new ManyToManySpec(null, 1), SEQ, ValueType.sequence(1));
        infer(new ManyToManyKind(), new ManyToManySpec(null, null), SEQ, ValueType.sequence(ValueType.UNKNOWN));
        Problems p = infer(new ManyToManyKind(), new ManyToManySpec(4, null), VEC, null);
        assertThat(p.all).extracting(Problems.Problem::id, Problems.Problem::option, Problems.Problem::hint)
                .containsExactly(tuple("RNN4J-DSL-043", "", "set 'return_sequences: true' on the layer before the head"));
        assertThat(infer(new ManyToManyKind(), new ManyToManySpec(4, null), TOKENS, null).all)
                .extracting(Problems.Problem::id).containsExactly("RNN4J-DSL-041");
    }

    // one_to_many

    @Test
    void oneToManyNeedsOneVectorPerExample() {
        OneToManyKind k = new OneToManyKind();
        infer(k, new OneToManySpec(DecoderCell.LSTM, 4, 5, 7, null, 16), VEC, ValueType.sequence(7));
        infer(k, new OneToManySpec(DecoderCell.LSTM, 4, 5, null, null, 16), VEC, ValueType.sequence(ValueType.UNKNOWN));
        Problems p = infer(k, new OneToManySpec(DecoderCell.LSTM, 4, 5, null, 2, 16), SEQ, null);
        assertThat(p.all).extracting(Problems.Problem::id).containsExactly("RNN4J-DSL-043");
        assertThat(p.all.get(0).hint()).contains("return_sequences: false", "many_to_one");
        Problems t = infer(k, new OneToManySpec(DecoderCell.LSTM, 4, 5, null, 2, 16), TOKENS, null);
        assertThat(t.all).extracting(Problems.Problem::id).containsExactly("RNN4J-DSL-041");
        assertThat(t.all.get(0).hint()).contains("embedding");
    }

    // seq2seq

    @Test
    void seq2seqNeedsAnEncoderThatEndsInARecurrentLayer() {
        Seq2SeqKind k = new Seq2SeqKind();
        Seq2SeqSpec spec = new Seq2SeqSpec(DecoderCell.LSTM, 32, 50, 32);
        infer(k, spec, LSTM_SEQ, ValueType.sequence(50));
        infer(k, spec, ValueType.vector(8).withState(8, false), ValueType.sequence(50));
        infer(k, new Seq2SeqSpec(DecoderCell.GRU, 32, null, 32), LSTM_SEQ, ValueType.sequence(ValueType.UNKNOWN));
        Problems p = infer(k, spec, SEQ, null);
        assertThat(p.all).extracting(Problems.Problem::id, Problems.Problem::option, Problems.Problem::hint)
                .containsExactly(tuple("RNN4J-DSL-045", "", "end the encoder with an lstm, gru or simple_rnn layer"));
        assertThat(p.all.get(0).message()).startsWith(
                "a seq2seq head starts its decoder from the encoder's final state, but the layer before it has none");
        assertThat(infer(k, spec, TOKENS, null).all).extracting(Problems.Problem::id).containsExactly("RNN4J-DSL-045");
    }

    // data-dependent options

    @Test
    void resolveFillsOnlyWhatTheFileLeftOut() {
        DataFacts facts = new DataFacts(5, 40, 3);
        assertThat(new ManyToOneSpec(Pooling.MEAN, null, null).resolve(facts)).isEqualTo(new ManyToOneSpec(Pooling.MEAN, 5, null));
        assertThat(new ManyToOneSpec(Pooling.MEAN, 3, null).resolve(facts)).isEqualTo(new ManyToOneSpec(Pooling.MEAN, 3, null));
        assertThat(new ManyToOneSpec(Pooling.MEAN, null, 2).resolve(facts)).isEqualTo(new ManyToOneSpec(Pooling.MEAN, null, 2));
        assertThat(new ManyToManySpec(null, null).resolve(facts)).isEqualTo(new ManyToManySpec(5, null));
        assertThat(new ManyToManySpec(null, 1).resolve(facts)).isEqualTo(new ManyToManySpec(null, 1));
        assertThat(new OneToManySpec(DecoderCell.GRU, 4, 6, null, null, 16).resolve(facts))
                .isEqualTo(new OneToManySpec(DecoderCell.GRU, 4, 6, 5, null, 16));
        assertThat(new OneToManySpec(DecoderCell.GRU, 4, 6, null, null, 16).resolve(new DataFacts(-1, 40, -1)))
                .isEqualTo(new OneToManySpec(DecoderCell.GRU, 4, 6, 40, null, 16));
        assertThat(new Seq2SeqSpec(DecoderCell.LSTM, 32, null, 32).resolve(facts))
                .isEqualTo(new Seq2SeqSpec(DecoderCell.LSTM, 32, 40, 32));
        assertThat(new Seq2SeqSpec(DecoderCell.LSTM, 32, 9, 32).resolve(facts))
                .isEqualTo(new Seq2SeqSpec(DecoderCell.LSTM, 32, 9, 32));
        Seq2SeqSpec unknown = new Seq2SeqSpec(DecoderCell.LSTM, 32, null, 32);
        assertThat(unknown.resolve(DataFacts.unknown())).isSameAs(unknown);
        ManyToOneSpec m = new ManyToOneSpec(Pooling.LAST, null, null);
        assertThat(m.resolve(DataFacts.unknown())).isSameAs(m);
    }

    @Test
    void declaringBeforeTheDataIsKnownFailsWithAClearMessage() {
        assertThatThrownBy(() -> new ManyToOneKind().declare(new ManyToOneSpec(Pooling.LAST, null, null), "h", SEQ,
                ParameterSet.builder())).isInstanceOf(IllegalStateException.class).hasMessageContaining("resolve");
        assertThatThrownBy(() -> new Seq2SeqKind().declare(new Seq2SeqSpec(DecoderCell.LSTM, 8, null, 8), "h", LSTM_SEQ,
                ParameterSet.builder())).isInstanceOf(IllegalStateException.class).hasMessageContaining("vocabulary");
    }

    @Test
    void specsValidateTheirOptions() {
        assertThatThrownBy(() -> new ManyToOneSpec(null, 2, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ManyToOneSpec(Pooling.LAST, 1, null)).hasMessageContaining("classes must be >= 2");
        assertThatThrownBy(() -> new ManyToManySpec(null, 0)).hasMessageContaining("outputs must be >= 1");
        assertThatThrownBy(() -> new OneToManySpec(DecoderCell.GRU, 0, 3, 2, null, 16)).hasMessageContaining("units");
        assertThatThrownBy(() -> new OneToManySpec(DecoderCell.GRU, 4, 0, 2, null, 16)).hasMessageContaining("length");
        assertThatThrownBy(() -> new OneToManySpec(DecoderCell.GRU, 4, 3, 2, null, 0)).hasMessageContaining("embedding_dim");
        assertThatThrownBy(() -> new Seq2SeqSpec(DecoderCell.LSTM, 8, 3, 8)).hasMessageContaining("<bos>");
        assertThatThrownBy(() -> new Seq2SeqSpec(DecoderCell.LSTM, 8, 10, 0)).hasMessageContaining("max_length");
    }

    @Test
    void everyOptionIsDocumentedAndDefaultsAreWhatTheDesignSays() {
        for (Class<?> spec : List.of(ManyToOneSpec.class, ManyToManySpec.class, OneToManySpec.class, Seq2SeqSpec.class)) {
            assertThat(spec.getAnnotation(Doc.class)).as(spec.getSimpleName()).isNotNull();
            for (RecordComponent c : spec.getRecordComponents()) {
                assertThat(c.getAnnotation(Doc.class)).as(spec.getSimpleName() + "." + c.getName()).isNotNull();
            }
        }
        assertThat(defaultOf(ManyToOneSpec.class, "pooling")).isEqualTo("last");
        assertThat(defaultOf(OneToManySpec.class, "cell")).isEqualTo("gru");
        assertThat(defaultOf(OneToManySpec.class, "embeddingDim")).isEqualTo("16");
        assertThat(defaultOf(Seq2SeqSpec.class, "cell")).isEqualTo("lstm");
        assertThat(defaultOf(Seq2SeqSpec.class, "embeddingDim")).isEqualTo("32");
        assertThat(defaultOf(Seq2SeqSpec.class, "maxLength")).isEqualTo("32");
    }

    private static String defaultOf(Class<?> spec, String component) {
        for (RecordComponent c : spec.getRecordComponents()) {
            if (c.getName().equals(component)) {
                return c.getAnnotation(Default.class).value();
            }
        }
        throw new AssertionError(component);
    }

    // discovery and compilation

    @Test
    void theServiceFileListsEveryKindAndTheFiveHeads() {
        LayerKindRegistry kinds = LayerKindRegistry.discover(getClass().getClassLoader());
        assertThat(kinds.headIds()).containsExactly("ctc", "many_to_many", "many_to_one", "one_to_many", "seq2seq");
        assertThat(kinds.layerIds()).containsExactly("dense", "dropout", "embedding", "gru", "lstm", "simple_rnn");
    }

    @Test
    void aCompiledGraphReportsAHeadMismatchAtTheHeadsPath() {
        LayerKindRegistry kinds = LayerKindRegistry.discover(getClass().getClassLoader());
        Diagnostics diags = new Diagnostics();
        LayerGraph g = LayerGraph.compile(TOKENS, List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(8, null), "model.layers[0]"),
                new LayerGraph.Item("lstm", lstm(8, false), "model.layers[1]")),
                new LayerGraph.Item("many_to_one", new ManyToOneSpec(Pooling.MEAN, 2, null), "model.head"),
                kinds, diags, p -> SourceLocation.unknown("experiment.yaml"));
        assertThat(g).isNull();
        assertThat(diags.sorted()).extracting(Diagnostic::id, Diagnostic::path)
                .containsExactly(tuple("RNN4J-DSL-043", "model.head.many_to_one.pooling"));
    }

    @Test
    void aCompiledSeq2SeqGraphGivesTheDecoderTheEncodersStateSize() {
        LayerKindRegistry kinds = LayerKindRegistry.discover(getClass().getClassLoader());
        Diagnostics diags = new Diagnostics();
        LayerGraph g = LayerGraph.compile(TOKENS, List.of(
                new LayerGraph.Item("embedding", new EmbeddingSpec(8, null), "model.layers[0]"),
                new LayerGraph.Item("lstm", new LstmSpec(5, 2, true, Merge.SUM, 0f, 0f, true, 1f,
                        Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL), "model.layers[1]")),
                new LayerGraph.Item("seq2seq", new Seq2SeqSpec(DecoderCell.LSTM, 6, 20, 10), "model.head"),
                kinds, diags, p -> SourceLocation.unknown("experiment.yaml"));
        assertThat(diags.hasErrors()).isFalse();
        assertThat(g.output()).isEqualTo(ValueType.sequence(20));
        ParameterSet.Builder b = ParameterSet.builder();
        g.head().declare(b);
        ParameterSet params = b.build();
        // decoder of 10 units (2 directions x 5, whatever the merge), embedding 20 x 6, output 10 -> 20
        assertThat(params.count()).isEqualTo(20 * 6 + (4 * 10 * 6 + 4 * 10 * 10 + 2 * 4 * 10) + (10 * 20 + 20));
        assertThat(g.summary()).contains("seq2seq", "(batch, time, 20)");
    }

    static LstmSpec lstm(int units, boolean returnSequences) {
        return new LstmSpec(units, 1, false, Merge.CONCAT, 0f, 0f, returnSequences, 1f, Initializer.GLOROT_UNIFORM,
                Initializer.ORTHOGONAL);
    }
}
