package io.rnn4j.onnx.internal;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import io.rnn4j.onnx.DecoderLoop;
import io.rnn4j.onnx.OnnxNames;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxAttribute;
import io.rnn4j.onnx.spi.OnnxValue;
import java.util.List;
import java.util.Map;

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
            ManyToOneSpec spec = (ManyToOneSpec) node.spec();
            if (input.kind() == ValueType.Kind.VECTOR) {
                return OnnxValue.vectors(distribution(ctx, spec, SimpleExporters.dense(ctx, out, input.name()),
                        SimpleExporters.units(ctx, out)), SimpleExporters.units(ctx, out));
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
            return OnnxValue.vectors(distribution(ctx, spec, SimpleExporters.dense(ctx, out, safe),
                    SimpleExporters.units(ctx, out)), SimpleExporters.units(ctx, out));
        }

        /**
         * A Gaussian head's scales: the second half of the dense output {@code [batch, 2n]} through
         * {@code Softplus} ({@code Slice}, {@code Softplus}, {@code Concat}); other heads as they are.
         */
        private static String distribution(ExportContext ctx, ManyToOneSpec spec, String dense, int width) {
            if (spec.distribution() != io.rnn4j.layers.heads.Distribution.GAUSSIAN) {
                return dense;
            }
            long n = width / 2;
            String mean = ctx.op("Slice", List.of(dense, ctx.int64s(0), ctx.int64s(n), ctx.int64s(1)));
            String raw = ctx.op("Slice", List.of(dense, ctx.int64s(n), ctx.int64s(2 * n), ctx.int64s(1)));
            return ctx.op("Concat", List.of(mean, ctx.op("Softplus", List.of(raw))), OnnxAttribute.of("axis", 1L));
        }
    }

    /**
     * {@code many_to_many}: {@code MatMul + Add} at every step, zero at padded steps. With {@code tie_embedding}
     * the {@code MatMul} reads the embedding's table initializer (the same one its {@code Gather} reads)
     * through a {@code Transpose}: {@code x E^T + b}.
     */
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
            return perStep(node, input, ctx, false);
        }

        /**
         * The dense layer at every step, then (if {@code logSoftmax}) a {@code LogSoftmax} over the last axis,
         * zero at padded steps: what {@code many_to_many} and {@code ctc} export.
         */
        static OnnxValue perStep(LayerGraph.Node node, OnnxValue input, ExportContext ctx, boolean logSoftmax) {
            String out = node.name() + "_out";
            if (node.spec() instanceof ManyToManySpec m && m.tieEmbedding()) {
                return tied(node, input, ctx);
            }
            String y = SimpleExporters.dense(ctx, out, input.name());
            if (logSoftmax) {
                y = ctx.op("LogSoftmax", List.of(y), OnnxAttribute.of("axis", -1L));
            }
            return new OnnxValue(ctx.zeroPadding(y, input.timeMajor()), ValueType.Kind.SEQUENCE, input.timeMajor(),
                    SimpleExporters.units(ctx, out));
        }

        private static OnnxValue tied(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            List<ParamId> tables = ctx.parameterIds().stream().filter(id -> id.role() == ParamRole.EMBEDDING).toList();
            if (tables.size() != 1) {
                throw new IllegalStateException("many_to_many head '" + node.name() + "' with tie_embedding needs "
                        + "exactly one embedding table, found " + tables);
            }
            ParamId tableId = tables.get(0);
            Tensor table = ctx.parameter(tableId);
            String e = ctx.parameterInitializer("table", tableId);
            String et = ctx.op("Transpose", List.of(e), OnnxAttribute.ints("perm", 1, 0));
            Tensor b = ctx.parameter(ParamId.of(node.name() + "_out", ParamRole.BIAS));
            String y = ctx.op("Add", List.of(ctx.op("MatMul", List.of(input.name(), et)),
                    ctx.initializer("b", b.toArray(), b.dim(0))));
            return new OnnxValue(ctx.zeroPadding(y, input.timeMajor()), ValueType.Kind.SEQUENCE, input.timeMajor(),
                    table.dim(0));
        }
    }

    /**
     * {@code ctc}: {@code MatMul + Add} at every step, {@code LogSoftmax} over the last axis, zero at
     * padded steps: the per-step log-probabilities over the labels and the blank. ONNX has no CTC decoding
     * operator; decoding (greedy or prefix beam search) runs on this output in the caller's code
     * ({@link io.rnn4j.core.ctc.CtcDecoder} in Java; the ONNX README shows it in Python).
     */
    public static final class Ctc implements LayerExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Ctc() {
        }

        @Override
        public String kindId() {
            return "ctc";
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            return ManyToMany.perStep(node, input, ctx, true);
        }
    }

    /**
     * {@code one_to_many} and {@code seq2seq}: their inference is an autoregressive loop (each emitted token or
     * vector is fed back), so they are exported as two graphs that a runtime drives ({@link DecoderLoop}):
     * {@link #exportInitialState} ends the encoder graph (the layers before the head) with the decoder's first
     * state {@code h}/{@code c}, and {@link #exportStep} writes one decoder step as its own graph, with ONNX's
     * {@code RNN}/{@code LSTM}/{@code GRU} operator at sequence length 1 and the same weight conversion as
     * {@link RecurrentExporter}. {@link io.rnn4j.onnx.OnnxExporter} calls these; the single-graph
     * {@link #export} refuses.
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

        /** The loop's parameters, for the metadata and the runtime. */
        public abstract DecoderLoop loop(LayerGraph.Node head);

        /**
         * Adds the graph outputs {@code h} (and {@code c}) {@code [1, batch, units]}, the decoder's first state,
         * to the encoder graph.
         *
         * @param graph     the model
         * @param input     the value flowing into the head
         * @param b         the encoder graph, with every layer before the head already added
         * @param exporters the exporter of each kind
         * @throws Rnn4jException {@code RNN4J-ONNX-002} if the encoder's state cannot be found
         */
        public abstract void exportInitialState(LayerGraph graph, OnnxValue input, GraphBuilder b,
                Map<String, LayerExporter> exporters);

        /** Writes one decoder step into {@code b}, an empty graph. */
        public void exportStep(LayerGraph.Node head, GraphBuilder b) {
            DecoderLoop loop = loop(head);
            String name = head.name();
            int u = loop.units();
            b.scope("input");
            String fed = loop.feedback() == DecoderLoop.Feedback.TOKEN
                    ? b.namedInput(OnnxNames.TOKEN, true, "batch", 1)
                    : b.namedInput(OnnxNames.VALUE, false, "batch", 1, loop.outputs());
            String h = b.namedInput(OnnxNames.H, false, 1, "batch", u);
            String c = loop.cellState() ? b.namedInput(OnnxNames.C, false, 1, "batch", u) : null;
            int in = loop.outputs();
            if (loop.feedback() == DecoderLoop.Feedback.TOKEN) {
                b.scope(name + "_embedding");
                Tensor table = b.parameter(ParamId.of(name + "_embedding", ParamRole.EMBEDDING));
                String t = b.initializer("table", table.toArray(), table.dim(0), table.dim(1));
                fed = b.op("Gather", List.of(t, fed), OnnxAttribute.of("axis", 0L)); // [B, 1, E]
                in = table.dim(1);
            }
            b.scope(name + "_decoder");
            String x = b.op("Transpose", List.of(fed), OnnxAttribute.ints("perm", 1, 0, 2)); // [1, B, in]
            List<String> out = RecurrentExporter.recurrentNode(b, name + "_decoder", 0, cell(head), 1, u, in, x, "", h,
                    c);
            b.scope(name + "_out");
            String top = b.op("Transpose", List.of(out.get(1)), OnnxAttribute.ints("perm", 1, 0, 2)); // [B, 1, u]
            String z = SimpleExporters.dense(b, name + "_out", top);
            b.scope("output");
            b.namedOutput(loop.stepOutput(), z, "batch", 1, loop.outputs());
            b.namedOutput(OnnxNames.H_NEXT, out.get(1), 1, "batch", u);
            if (loop.cellState()) {
                b.namedOutput(OnnxNames.C_NEXT, out.get(2), 1, "batch", u);
            }
        }

        /** The decoder's cell. */
        abstract CellKind cell(LayerGraph.Node head);

        /** Zeros {@code [1, batch, units]}. */
        static String zeroState(GraphBuilder b, int units) {
            String shape = b.op("Concat", List.of(b.int64s(1), b.batchSize(), b.int64s(units)),
                    OnnxAttribute.of("axis", 0L));
            return b.op("ConstantOfShape", List.of(shape)); // float zeros
        }

        @Override
        public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
            throw new Rnn4jException("RNN4J-ONNX-002", "the head '" + node.name() + "' (" + kindId + ", at "
                    + node.path() + ") is a decoder: it cannot be one node of a single graph. OnnxExporter exports "
                    + "it as an encoder graph and a decoder-step graph driven in a loop (see DecoderLoop).");
        }
    }

    /**
     * The {@code one_to_many} head: the encoder ends with the bridge {@code h = tanh(x W + b)} (and
     * {@code c = 0} for an LSTM decoder); the step is fed the previous token (its embedding has
     * {@code classes + 1} rows, the last one the start id) or the previous values.
     */
    public static final class OneToMany extends Decoder {
        /** Used by {@link java.util.ServiceLoader}. */
        public OneToMany() {
            super("one_to_many");
        }

        @Override
        public DecoderLoop loop(LayerGraph.Node head) {
            OneToManySpec s = (OneToManySpec) head.spec();
            boolean classes = s.classes() != null;
            int n = classes ? s.classes() : s.outputs();
            return new DecoderLoop(kindId(), classes ? DecoderLoop.Feedback.TOKEN : DecoderLoop.Feedback.VALUE, n,
                    s.units(), s.cell() == DecoderCell.LSTM, classes ? n : -1, -1, s.length());
        }

        @Override
        CellKind cell(LayerGraph.Node head) {
            return ((OneToManySpec) head.spec()).cell().cellKind();
        }

        @Override
        public void exportInitialState(LayerGraph graph, OnnxValue input, GraphBuilder b,
                Map<String, LayerExporter> exporters) {
            LayerGraph.Node head = graph.head();
            DecoderLoop loop = loop(head);
            b.scope(head.name() + "_bridge");
            String h = b.op("Tanh", List.of(SimpleExporters.dense(b, head.name() + "_bridge", input.name())));
            h = b.op("Unsqueeze", List.of(h, b.int64s(0))); // [1, B, units]
            b.scope("output");
            b.namedOutput(OnnxNames.H, h, 1, "batch", loop.units());
            if (loop.cellState()) {
                b.namedOutput(OnnxNames.C, zeroState(b, loop.units()), 1, "batch", loop.units());
            }
        }
    }

    /**
     * The {@code seq2seq} head: the encoder ends with the final state of its last recurrent layer's top
     * layer, directions concatenated (forward first), as {@code h} (and {@code c}: the encoder's cell state
     * for an LSTM encoder, zeros for another); the step is fed the previous token, {@code <bos>} = 2 first,
     * and a sequence ends at {@code <eos>} = 3 or {@code max_length}.
     */
    public static final class Seq2Seq extends Decoder {
        /** Used by {@link java.util.ServiceLoader}. */
        public Seq2Seq() {
            super("seq2seq");
        }

        @Override
        public DecoderLoop loop(LayerGraph.Node head) {
            Seq2SeqSpec s = (Seq2SeqSpec) head.spec();
            if (s.vocabulary() == null) {
                throw new IllegalStateException("the seq2seq head's vocabulary is not known yet: resolve the spec with "
                        + "the data first");
            }
            return new DecoderLoop(kindId(), DecoderLoop.Feedback.TOKEN, s.vocabulary(), head.input().state(),
                    s.cell() == DecoderCell.LSTM, Seq2SeqHead.BOS, Seq2SeqHead.EOS, s.maxLength());
        }

        @Override
        CellKind cell(LayerGraph.Node head) {
            return ((Seq2SeqSpec) head.spec()).cell().cellKind();
        }

        @Override
        public void exportInitialState(LayerGraph graph, OnnxValue input, GraphBuilder b,
                Map<String, LayerExporter> exporters) {
            LayerGraph.Node head = graph.head();
            DecoderLoop loop = loop(head);
            LayerGraph.Node source = null;
            for (int i = graph.nodes().size() - 2; i >= 0; i--) { // the state passes through dropout only
                LayerGraph.Node n = graph.nodes().get(i);
                if (!n.kind().id().equals("dropout")) {
                    source = n;
                    break;
                }
            }
            if (source == null || !(exporters.get(source.kind().id()) instanceof RecurrentExporter re)) {
                throw new Rnn4jException("RNN4J-ONNX-002", "the seq2seq head '" + head.name() + "' starts its decoder "
                        + "from the final state of " + (source == null ? "no layer" : "'" + source.name() + "' ("
                        + source.kind().id() + ")") + ", which the exporter cannot locate in the graph; end the encoder "
                        + "with an lstm, gru or simple_rnn layer");
            }
            RecurrentSpec spec = re.recurrentSpec(source.spec());
            int dirs = spec.directions();
            int rows = spec.layers() * dirs;
            b.scope(head.name() + "_state");
            String h = top(b, OnnxNames.finalH(source.name()), rows, dirs, loop.units());
            String c = null;
            if (loop.cellState()) {
                c = spec.cell().hasCellState() ? top(b, OnnxNames.finalC(source.name()), rows, dirs, loop.units())
                        : zeroState(b, loop.units());
            }
            b.scope("output");
            b.namedOutput(OnnxNames.H, h, 1, "batch", loop.units());
            if (c != null) {
                b.namedOutput(OnnxNames.C, c, 1, "batch", loop.units());
            }
        }

        /** The top layer's rows of a {@code [rows, B, u]} state, directions concatenated: {@code [1, B, dirs*u]}. */
        private static String top(GraphBuilder b, String state, int rows, int dirs, int units) {
            String t = rows == dirs ? state
                    : b.op("Slice", List.of(state, b.int64s(rows - dirs), b.int64s(rows), b.int64s(0)));
            if (dirs == 1) {
                return t;
            }
            String bm = b.op("Transpose", List.of(t), OnnxAttribute.ints("perm", 1, 0, 2)); // [B, dirs, u]
            return b.op("Reshape", List.of(bm, b.int64s(1, -1, units)));
        }
    }
}
