package io.rnn4j.onnx.internal;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxAttribute;
import io.rnn4j.onnx.spi.OnnxValue;
import java.util.List;

/** Exporters of the heads. */
public final class HeadExporters {
    private HeadExporters() {
    }

    /**
     * {@code many_to_one}: pooling over the valid steps, then {@code MatMul + Add}.
     * <ul>
     *   <li>last: {@code GatherElements} at step {@code max(len - 1, 0)};</li>
     *   <li>mean: {@code ReduceSum} over time (padding is zero) divided by {@code max(len, 1)};</li>
     *   <li>max: {@code ReduceMax} over time after {@code -inf} is put at padded steps;</li>
     * </ul>
     * and a sequence of length 0 pools to zeros, as in rnn4j. A vector input (a recurrent layer's final
     * state) goes straight to the dense layer.
     */
    public static final class ManyToOne implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public ManyToOne() {
        }

        @Override
        public String kindId() {
            return "many_to_one";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            String out = node.name() + "_out";
            if (input.kind() == ValueType.Kind.VECTOR) {
                return OnnxValue.vectors(SimpleExporters.dense(ctx, out, input.name()), SimpleExporters.units(ctx, out));
            }
            OnnxValue x = ctx.batchMajor(input);
            int f = x.features();
            String pooled = switch (((ManyToOneSpec) node.spec()).pooling()) {
                case LAST -> {
                    String last = ctx.op("Max", List.of(ctx.op("Sub", List.of(ctx.lengths(), ctx.int64s(1))), ctx.int64s(0)));
                    String shape = ctx.op("Concat", List.of(ctx.batchSize(), ctx.int64s(1, f)), OnnxAttribute.of("axis", 0L));
                    String idx = ctx.op("Expand", List.of(ctx.op("Reshape", List.of(last, ctx.int64s(-1, 1, 1))), shape));
                    String g = ctx.op("GatherElements", List.of(x.name(), idx), OnnxAttribute.of("axis", 1L));
                    yield ctx.op("Squeeze", List.of(g, ctx.int64s(1)));
                }
                case MEAN -> {
                    String sum = ctx.op("ReduceSum", List.of(x.name(), ctx.int64s(1)), OnnxAttribute.of("keepdims", 0L));
                    String len = ctx.op("Cast", List.of(ctx.op("Max", List.of(ctx.lengths(), ctx.int64s(1)))),
                            OnnxAttribute.of("to", 1L)); // FLOAT
                    yield ctx.op("Div", List.of(sum, ctx.op("Unsqueeze", List.of(len, ctx.int64s(1)))));
                }
                case MAX -> {
                    String masked = ctx.op("Where", List.of(ctx.validSteps(false), x.name(),
                            ctx.scalar(Float.NEGATIVE_INFINITY)));
                    yield ctx.op("ReduceMax", List.of(masked), OnnxAttribute.ints("axes", 1),
                            OnnxAttribute.of("keepdims", 0L));
                }
            };
            String safe = ctx.op("Where", List.of(ctx.nonEmpty(), pooled, ctx.scalar(0f)));
            return OnnxValue.vectors(SimpleExporters.dense(ctx, out, safe), SimpleExporters.units(ctx, out));
        }
    }

    /** {@code many_to_many}: {@code MatMul + Add} at every step, zero at padded steps. */
    public static final class ManyToMany implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public ManyToMany() {
        }

        @Override
        public String kindId() {
            return "many_to_many";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            String out = node.name() + "_out";
            String y = SimpleExporters.dense(ctx, out, input.name());
            return new OnnxValue(ctx.zeroPadding(y, input.timeMajor()), ValueType.Kind.SEQUENCE, input.timeMajor(),
                    SimpleExporters.units(ctx, out));
        }
    }

    /**
     * {@code one_to_many} and {@code seq2seq}: refused. Their inference is an autoregressive loop whose
     * every step feeds a sampled or argmax token back (greedy, temperature, top-k; until {@code <eos>} or
     * a maximum length); a faithful export needs either an ONNX {@code Loop} with sampling inside or a
     * split into encoder and decoder-step graphs with a driver in each runtime. Until one of those is
     * built, the export fails before anything is written, saying so.
     */
    public abstract static class Decoder implements LayerExporter {
        private final String kindId;

        Decoder(String kindId) {
            this.kindId = kindId;
        }

        @Override
        public String kindId() {
            return kindId;
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            throw new Rnn4jException("RNN4J-ONNX-002", "the head '" + node.name() + "' (" + kindId + ", at "
                    + node.path() + ") cannot be exported to ONNX yet: its inference is an autoregressive decoding "
                    + "loop (each emitted token is fed back), which rnn4j does not write as ONNX. Exportable heads: "
                    + "many_to_one, many_to_many. Run this model with rnn4j itself, or export an encoder-only "
                    + "model with a many_to_many head.");
        }
    }

    /** The {@code one_to_many} head (refused, see {@link Decoder}). */
    public static final class OneToMany extends Decoder {
        /** Used by {@link java.util.ServiceLoader}. */
        public OneToMany() {
            super("one_to_many");
        }
    }

    /** The {@code seq2seq} head (refused, see {@link Decoder}). */
    public static final class Seq2Seq extends Decoder {
        /** Used by {@link java.util.ServiceLoader}. */
        public Seq2Seq() {
            super("seq2seq");
        }
    }
}
