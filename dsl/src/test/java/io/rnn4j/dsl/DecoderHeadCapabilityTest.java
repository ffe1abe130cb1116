package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.diag.ValidationException;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.layers.heads.Seq2SeqKind;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether a head can train on sequence-to-sequence data is the head kind's answer
 * ({@link LayerKind#decodesSequences()}), not its id: a plugin decoder head under another id is accepted on
 * {@code pairs} data and refused on per-example data, like the built-in {@code seq2seq}.
 */
class DecoderHeadCapabilityTest {

    /** A plugin's decoder head: the built-in one's behaviour under its own id. */
    static final class PluginDecoder implements LayerKind<Seq2SeqSpec> {
        private final Seq2SeqKind delegate = new Seq2SeqKind();

        @Override public String id() { return "my_decoder"; }
        @Override public Class<Seq2SeqSpec> specType() { return Seq2SeqSpec.class; }
        @Override public String description() { return "a plugin's sequence decoder"; }
        @Override public boolean isHead() { return true; }
        @Override public boolean decodesSequences() { return true; }
        @Override public ValueType outputType(Seq2SeqSpec spec, ValueType input, ShapeProblems problems) {
            return delegate.outputType(spec, input, problems);
        }
        @Override public void declare(Seq2SeqSpec spec, String name, ValueType input, ParameterSet.Builder params) {
            delegate.declare(spec, name, input, params);
        }
        @Override public Layer create(Seq2SeqSpec spec, String name, ValueType input, ParameterSet params,
                Backend backend) {
            return delegate.create(spec, name, input, params, backend);
        }
    }

    private final ExperimentLoader loader;

    DecoderHeadCapabilityTest() {
        List<LayerKind<?>> all = new ArrayList<>(LayerKindRegistry.discover(getClass().getClassLoader()).all());
        all.add(new PluginDecoder());
        loader = new ExperimentLoader(new LayerKindRegistry(all), DataKindRegistry.discover(getClass().getClassLoader()));
    }

    private static String experiment(String data, String head) {
        return """
                version: 1
                name: decoder
                data: %s
                model:
                  layers:
                    - embedding: {dim: 8}
                    - gru: {units: 8}
                  head:
                    %s
                training: {epochs: 1}
                """.formatted(data, head);
    }

    private static final String PAIRS = "{type: pairs, train: train.csv, source: source, target: target}";
    private static final String TEXT = "{type: text_classification, train: train.csv}";

    @Test
    void aPluginDecoderHeadTrainsOnPairsData() {
        assertThat(loader.parse("x.yaml", experiment(PAIRS, "my_decoder: {}")).spec().model().head().kind())
                .isEqualTo("my_decoder");
    }

    @Test
    void aPluginDecoderHeadIsRefusedOnPerExampleDataLikeSeq2seq() {
        assertThatThrownBy(() -> loader.parse("x.yaml", experiment(TEXT, "my_decoder: {}")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("RNN4J-DSL-046")
                .hasMessageContaining("a my_decoder head needs 'pairs' data");
    }

    @Test
    void aHeadThatDoesNotDecodeIsRefusedOnPairsData() {
        assertThatThrownBy(() -> loader.parse("x.yaml", experiment(PAIRS, "many_to_one: {}")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("RNN4J-DSL-046")
                .hasMessageContaining("but the head is 'many_to_one'");
    }
}
