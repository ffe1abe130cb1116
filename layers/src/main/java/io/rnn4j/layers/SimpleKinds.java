package io.rnn4j.layers;

import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.LayerKind;

/** The {@code embedding}, {@code dense} and {@code dropout} layer kinds. */
public final class SimpleKinds {
    private SimpleKinds() {
    }

    /** The {@code embedding} kind. */
    public static final class Embedding implements LayerKind<EmbeddingSpec> {
        @Override
        public String id() {
            return "embedding";
        }

        @Override
        public Class<EmbeddingSpec> specType() {
            return EmbeddingSpec.class;
        }

        @Override
        public String description() {
            return "Lookup table from token ids to dense vectors.";
        }

        @Override
        public ValueType outputType(EmbeddingSpec spec, ValueType input, ShapeProblems problems) {
            if (input.kind() != ValueType.Kind.TOKENS) {
                problems.error("RNN4J-DSL-040", "", "an embedding needs token ids, but it gets " + input.describe(),
                        "use an embedding only on text data (text_classification, text, pairs) or token sequences; "
                                + "for float features, remove the embedding");
                return null;
            }
            if (spec.vocabulary() != null && input.vocabulary() != ValueType.UNKNOWN
                    && spec.vocabulary() < input.vocabulary()) {
                problems.error("RNN4J-DSL-042", "vocabulary", "vocabulary " + spec.vocabulary()
                        + " is smaller than the data's vocabulary of " + input.vocabulary() + " ids",
                        "remove 'vocabulary' to use the data's size, or lower the tokenizer's max_vocab");
                return null;
            }
            return ValueType.sequence(spec.dim());
        }

        private static int vocabulary(EmbeddingSpec spec, ValueType input) {
            int v = spec.vocabulary() != null ? spec.vocabulary() : input.vocabulary();
            if (v < 1) {
                throw new IllegalStateException("the embedding's vocabulary is not known yet: load the data first");
            }
            return v;
        }

        @Override
        public void declare(EmbeddingSpec spec, String name, ValueType input, ParameterSet.Builder params) {
            EmbeddingLayer.declare(params, name, vocabulary(spec, input), spec.dim());
        }

        @Override
        public Layer create(EmbeddingSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
            return new EmbeddingLayer(name, vocabulary(spec, input), spec.dim(), spec.init(), params, backend);
        }
    }

    /** The {@code dense} kind. */
    public static final class Dense implements LayerKind<DenseSpec> {
        @Override
        public String id() {
            return "dense";
        }

        @Override
        public Class<DenseSpec> specType() {
            return DenseSpec.class;
        }

        @Override
        public String description() {
            return "Fully connected layer on vectors or on every valid step of a sequence.";
        }

        @Override
        public ValueType outputType(DenseSpec spec, ValueType input, ShapeProblems problems) {
            if (input.kind() == ValueType.Kind.TOKENS) {
                problems.error("RNN4J-DSL-041", "", "a dense layer needs feature vectors, but it gets " + input.describe(),
                        "put an 'embedding' layer before it to turn token ids into vectors");
                return null;
            }
            return input.kind() == ValueType.Kind.SEQUENCE ? ValueType.sequence(spec.units()) : ValueType.vector(spec.units());
        }

        @Override
        public void declare(DenseSpec spec, String name, ValueType input, ParameterSet.Builder params) {
            DenseLayer.declare(params, name, spec, input.features());
        }

        @Override
        public Layer create(DenseSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
            return new DenseLayer(name, spec, input.features(), params, backend);
        }
    }

    /** The {@code dropout} kind. */
    public static final class Dropout implements LayerKind<DropoutSpec> {
        @Override
        public String id() {
            return "dropout";
        }

        @Override
        public Class<DropoutSpec> specType() {
            return DropoutSpec.class;
        }

        @Override
        public String description() {
            return "Inverted dropout (training only).";
        }

        @Override
        public ValueType outputType(DropoutSpec spec, ValueType input, ShapeProblems problems) {
            if (input.kind() == ValueType.Kind.TOKENS) {
                problems.error("RNN4J-DSL-041", "", "dropout needs feature vectors, but it gets " + input.describe(),
                        "put it after the embedding layer");
                return null;
            }
            return input; // dropout passes a recurrent state through
        }

        @Override
        public void declare(DropoutSpec spec, String name, ValueType input, ParameterSet.Builder params) {
        }

        @Override
        public Layer create(DropoutSpec spec, String name, ValueType input, ParameterSet params, Backend backend) {
            return new DropoutLayer(name, spec, input.features(), backend);
        }
    }
}
