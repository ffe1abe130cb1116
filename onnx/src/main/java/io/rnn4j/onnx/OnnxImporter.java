package io.rnn4j.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Direction;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingSpec;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.SimpleRnnSpec;
import io.rnn4j.layers.heads.ManyToManySpec;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import io.rnn4j.onnx.ImportedModel.Layout;
import io.rnn4j.onnx.ImportedModel.Output;
import io.rnn4j.onnx.internal.GraphRecognizer;
import io.rnn4j.onnx.internal.GraphRecognizer.Embedding;
import io.rnn4j.onnx.internal.GraphRecognizer.Linear;
import io.rnn4j.onnx.internal.GraphRecognizer.Piece;
import io.rnn4j.onnx.internal.GraphRecognizer.Recurrent;
import io.rnn4j.onnx.internal.GraphRecognizer.RecurrentNode;
import io.rnn4j.onnx.internal.OnnxGraph;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Imports a recurrent ONNX model into rnn4j layers: what {@code torch.onnx.export} writes for
 * {@code nn.Embedding}, {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} (stacked, bidirectional, batch-first or
 * not, with or without state inputs, fed whole or as a {@code PackedSequence}: {@code sequence_lens} from a graph
 * input of lengths, read as rnn4j's mask, {@link ImportedModel#lengthsInput()}) followed by {@code nn.Linear} layers on the last step, on every step, on a
 * pooled output or on the final state, and rnn4j's own exports (round trip: the same layers and the same weights,
 * bit for bit).
 *
 * <p>How: the graph is read as a chain of weighted pieces ({@link GraphRecognizer}: an embedding table, recurrent
 * nodes, linear layers) joined by glue ({@code Transpose}, {@code Squeeze}, {@code Reshape}, {@code Slice},
 * {@code Gather}, {@code Concat}, reductions, ...). The glue's meaning (which step a head reads, how two
 * directions merge, whether the input is time-major) is not guessed from node patterns: each rnn4j configuration
 * the pieces allow is built with the imported weights and run on the same inputs as the original graph in ONNX
 * Runtime, and the first that reproduces the graph's output ({@code 1e-5 + 1e-4 |value|} on every value) is the
 * import. Nothing is returned half-imported: an unsupported node is refused with {@code RNN4J-ONNX-020} listing
 * every unsupported node (op type, name, the problem) and what is supported; a graph whose pieces do not form an
 * rnn4j network, or that no configuration reproduces, with {@code RNN4J-ONNX-021}/{@code RNN4J-ONNX-022}.
 *
 * <p>Weights: recurrent gate blocks are converted back from ONNX's order (LSTM {@code i,o,f,c} to
 * {@code i,f,g,o}, GRU {@code z,r,h} to {@code r,z,n}) and {@code B} is split into {@code b_ih}, {@code b_hh}; a
 * GRU with {@code linear_before_reset=0} becomes a {@code gru} with {@code reset_after: false}; {@code Gemm} with
 * {@code transB=1} (PyTorch's {@code nn.Linear}) is transposed to rnn4j's {@code [in, out]}. A missing bias is
 * zero. The head is {@code many_to_one} or {@code many_to_many} with {@code classes} (2 or more outputs) or
 * {@code outputs} (one); a final {@code Softmax}/{@code LogSoftmax} is reported in {@link ImportedModel#output()}
 * (rnn4j's heads output logits and {@code predict} applies the softmax).
 */
public final class OnnxImporter {
    private static final int DEFAULT_BATCH = 3;
    private static final int DEFAULT_TIME = 5;

    private final LayerKindRegistry kinds;
    private final Supplier<Backend> backend;

    /** An importer with the layer kinds and the reference backend found on this class's class loader. */
    public OnnxImporter() {
        this(LayerKindRegistry.discover(OnnxImporter.class.getClassLoader()),
                () -> BackendRegistry.discover(OnnxImporter.class.getClassLoader()).get(ParityChecker.REFERENCE_BACKEND)
                        .provider().create(BackendOptions.threads(1)));
    }

    /** An importer with the given layer kinds and the backend the imported network is built on. */
    public OnnxImporter(LayerKindRegistry kinds, Supplier<Backend> backend) {
        this.kinds = kinds;
        this.backend = backend;
    }

    /**
     * Imports a file.
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-023} if the file cannot be read or is not an ONNX model, and as
     *                        {@link #importModel(byte[], String)}
     */
    public ImportedModel importModel(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Rnn4jException("RNN4J-ONNX-023", "cannot read " + file + ": " + e + ". Check the path.", e);
        }
        return importModel(bytes, file.toString());
    }

    /**
     * Imports a serialized ONNX model.
     *
     * @param source where the bytes came from, for messages
     * @throws Rnn4jException {@code RNN4J-ONNX-020} listing every unsupported node, {@code RNN4J-ONNX-021} if the
     *                        supported nodes do not form an rnn4j network, {@code RNN4J-ONNX-022} if no rnn4j
     *                        configuration reproduces the graph's output
     */
    public ImportedModel importModel(byte[] bytes, String source) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new Rnn4jException("RNN4J-ONNX-023", source + " is not an ONNX model (" + e.getMessage()
                    + "). Give the .onnx file that torch.onnx.export or rnn4j wrote.", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new Rnn4jException("RNN4J-ONNX-023", source + " holds no graph. Give the .onnx file that "
                    + "torch.onnx.export or rnn4j wrote.");
        }
        OnnxGraph graph = new OnnxGraph(model.getGraph());
        GraphRecognizer.Chain chain = new GraphRecognizer(graph).read();
        if (!chain.problems().isEmpty()) {
            throw new Rnn4jException("RNN4J-ONNX-020", "cannot import " + source + ": " + chain.problems().size()
                    + " unsupported node" + (chain.problems().size() == 1 ? "" : "s") + ":\n  - "
                    + chain.problems().stream().map(Object::toString).collect(Collectors.joining("\n  - "))
                    + "\n" + SUPPORTED + "\nNothing was imported.");
        }
        Plan plan = plan(chain, source);
        Map<String, String> meta = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        return search(graph, bytes, plan, source, meta);
    }

    /** What rnn4j imports, for messages. */
    static final String SUPPORTED = "rnn4j imports: an optional embedding (Gather on a stored table), recurrent "
            + "operators RNN (Tanh or Relu), LSTM (default activations, no peepholes P, no clip, input_forget=0) and GRU "
            + "(default activations, linear_before_reset 0 or 1), direction forward or bidirectional, layout 0, "
            + "stacked; then linear layers (MatMul/Gemm with a stored weight, Add of a stored bias, Relu/Tanh/Sigmoid), "
            + "the last one being the head, optionally followed by Softmax/LogSoftmax; glue operators "
            + GraphRecognizer.GLUE.stream().sorted().collect(Collectors.joining(", ")) + ".";

    /** The pieces, in rnn4j's order: [embedding] [dense...] recurrent... [dense...] head. */
    private record Plan(ValueType input, List<Piece> layers, Linear head, String finalFunction) {
    }

    private static Plan plan(GraphRecognizer.Chain chain, String source) {
        List<Piece> pieces = chain.pieces();
        String why = null;
        if (pieces.stream().noneMatch(p -> p instanceof Recurrent)) {
            why = "it has no RNN, LSTM or GRU operator (note: the dynamo-based torch.onnx.export unrolls nn.RNN into "
                    + "per-step MatMul/Add/Tanh; export nn.RNN with dynamo=False)";
        } else if (!(pieces.get(pieces.size() - 1) instanceof Linear)) {
            why = "it does not end with a linear layer (MatMul/Gemm) that rnn4j can use as its head";
        } else {
            for (int i = 1; i < pieces.size(); i++) {
                if (pieces.get(i) instanceof Embedding) {
                    why = "its embedding lookup is not the first layer";
                }
            }
        }
        if (why != null) {
            throw new Rnn4jException("RNN4J-ONNX-021", "cannot import " + source + ": " + why + ". Found: "
                    + describe(pieces) + ". " + SUPPORTED);
        }
        Piece first = pieces.get(0);
        ValueType input = first instanceof Embedding e ? ValueType.tokens(e.vocabulary())
                : ValueType.sequence(first instanceof Recurrent r ? r.nodes().get(0).input() : ((Linear) first).in());
        return new Plan(input, pieces.subList(0, pieces.size() - 1), (Linear) pieces.get(pieces.size() - 1),
                chain.finalFunction());
    }

    private static String describe(List<Piece> pieces) {
        if (pieces.isEmpty()) {
            return "no weighted operator";
        }
        return pieces.stream().map(OnnxImporter::describe).collect(Collectors.joining(" -> "));
    }

    private static String describe(Piece p) {
        if (p instanceof Embedding e) {
            return "embedding " + e.vocabulary() + "x" + e.dim();
        }
        if (p instanceof Recurrent r) {
            return r.top().node().getOpType() + " x" + r.nodes().size() + " (" + r.top().hidden() + " units)";
        }
        Linear l = (Linear) p;
        return "linear " + l.in() + "->" + l.out();
    }

    /** One way to read the glue. */
    private record Candidate(Layout in, Layout out, boolean topFinalState, Merge merge, Pooling pooling,
            boolean perStep) {
        String describe() {
            return (perStep ? "many_to_many (" + out + " output)" : "many_to_one pooling " + pooling)
                    + ", top recurrent layer " + (topFinalState ? "returning its final state" : "returning every step")
                    + (merge == null ? "" : ", directions merged by " + merge) + ", " + in + " input";
        }
    }

    private ImportedModel search(OnnxGraph graph, byte[] bytes, Plan plan, String source, Map<String, String> meta) {
        Recurrent top = null;
        for (int i = 0; i < plan.layers().size(); i++) {
            if (plan.layers().get(i) instanceof Recurrent r) {
                top = r;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Merge> merges = top.top().dirs() == 2 ? List.of(Merge.CONCAT, Merge.SUM, Merge.MEAN, Merge.MUL)
                : java.util.Collections.singletonList((Merge) null);
        for (Layout in : Layout.values()) {
            for (boolean fs : top.finalState() ? new boolean[] {true, false} : new boolean[] {false, true}) {
                for (Merge m : merges) {
                    if (!fs) {
                        for (Layout out : Layout.values()) {
                            candidates.add(new Candidate(in, out, false, m, null, true));
                        }
                    }
                    for (Pooling p : fs ? List.of(Pooling.LAST) : List.of(Pooling.values())) {
                        candidates.add(new Candidate(in, Layout.BATCH_MAJOR, fs, m, p, false));
                    }
                }
            }
        }
        Output output = plan.finalFunction() == null ? Output.LINEAR
                : plan.finalFunction().equals("Softmax") ? Output.SOFTMAX : Output.LOG_SOFTMAX;
        Inputs inputs = Inputs.classify(graph, plan, source);
        double best = Double.POSITIVE_INFINITY;
        String bestWhat = null;
        Backend be = backend.get();
        boolean keep = false;
        String ortFailure = null;
        try (OrtRun ort = new OrtRun(bytes, source)) {
            Map<Layout, Tensor> expected = new LinkedHashMap<>();
            Map<Layout, Flow> feeds = new LinkedHashMap<>();
            for (Layout in : Layout.values()) {
                Flow x = inputs.generate(plan.input(), in, new RandomSource(17));
                feeds.put(in, x);
                expected.put(in, ort.run(graph, inputs, x, in));
            }
            ortFailure = ort.failure == null ? null : ort.failure;
            for (Candidate c : candidates) {
                Network net = build(plan, c, be);
                if (net == null) {
                    continue;
                }
                Tensor want = expected.get(c.in());
                if (want == null) {
                    continue;
                }
                Tensor got = apply(output, net.forward(feeds.get(c.in()), LayerContext.inference()));
                if (c.perStep() && c.out() == Layout.TIME_MAJOR) {
                    got = swap01(got);
                }
                boolean[] skip = inputs.lengths() == null ? null : padded(want, feeds.get(c.in()).mask(), c);
                double d = maxDiff(got, want, skip);
                if (bestWhat == null && d == Double.POSITIVE_INFINITY) {
                    ortFailure = "output shape " + want.shape() + ", rnn4j's " + got.shape();
                }
                if (d < best) {
                    best = d;
                    bestWhat = c.describe();
                }
                if (withinTolerance(got, want, skip)) {
                    keep = true;
                    return new ImportedModel(source, plan.input(), items(net.graph()), item(net.graph().head()), net,
                            c.in(), c.out(), output, d, meta, inputs.lengths());
                }
            }
        } finally {
            if (!keep) {
                be.close();
            }
        }
        throw new Rnn4jException("RNN4J-ONNX-022", "cannot import " + source + ": its operators are supported ("
                + describe(plan.layers()) + " -> linear " + plan.head().in() + "->" + plan.head().out() + ") but no rnn4j "
                + "network built from them reproduces the graph's output in ONNX Runtime"
                + (bestWhat == null ? " (no configuration fits the layer sizes" + (ortFailure == null ? ""
                        : "; ONNX Runtime: " + ortFailure) + ")"
                        : String.format(Locale.ROOT, " (closest: %s, max |diff| %.3g)", bestWhat, best))
                + ". The glue between the layers does something rnn4j's layers do not (e.g. a linear layer after "
                + "pooling, a residual connection, a slice of the features). " + SUPPORTED);
    }

    private static List<LayerGraph.Item> items(LayerGraph graph) {
        List<LayerGraph.Item> out = new ArrayList<>();
        for (LayerGraph.Node n : graph.nodes()) {
            if (!n.isHead()) {
                out.add(item(n));
            }
        }
        return out;
    }

    private static LayerGraph.Item item(LayerGraph.Node n) {
        return new LayerGraph.Item(n.kind().id(), n.spec(), n.path());
    }

    /** The network of a candidate with the imported weights, or null when its sizes do not fit. */
    private Network build(Plan plan, Candidate c, Backend be) {
        List<LayerGraph.Item> items = new ArrayList<>();
        List<Piece> layers = plan.layers();
        Recurrent top = null;
        for (Piece p : layers) {
            if (p instanceof Recurrent r) {
                top = r;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            Piece p = layers.get(i);
            String path = "model.layers[" + i + "]";
            if (p instanceof Embedding e) {
                items.add(new LayerGraph.Item("embedding", new EmbeddingSpec(e.dim(), e.vocabulary()), path));
            } else if (p instanceof Linear l) {
                items.add(new LayerGraph.Item("dense", new DenseSpec(l.out(), l.activation(), l.bias() != null), path));
            } else {
                items.add(recurrentItem((Recurrent) p, p != top || !c.topFinalState(),
                        p == top && c.merge() != null ? c.merge() : Merge.CONCAT, path));
            }
        }
        int n = plan.head().out();
        Integer classes = n >= 2 ? n : null;
        Integer outputs = n >= 2 ? null : n;
        LayerGraph.Item head = c.perStep() ? new LayerGraph.Item("many_to_many", new ManyToManySpec(classes, outputs),
                "model.head") : new LayerGraph.Item("many_to_one", new ManyToOneSpec(c.pooling(), classes, outputs),
                "model.head");
        Diagnostics diags = new Diagnostics();
        LayerGraph graph = LayerGraph.compile(plan.input(), items, head, kinds, diags,
                p -> SourceLocation.unknown("imported model"));
        if (graph == null || diags.hasErrors()) {
            return null;
        }
        if (graph.head().input().features() != plan.head().in()) {
            return null;
        }
        Network net = new Network(graph, be);
        for (int i = 0; i < layers.size(); i++) {
            String name = graph.nodes().get(i).name();
            Piece p = layers.get(i);
            if (p instanceof Embedding e) {
                set(net, ParamId.of(name, ParamRole.EMBEDDING), e.table());
            } else if (p instanceof Linear l) {
                if (net.parameters().get(ParamId.of(name, ParamRole.KERNEL)).value().dim(0) != l.in()) {
                    return null;
                }
                setLinear(net, name, l);
            } else if (!setRecurrent(net, name, (Recurrent) p)) {
                return null;
            }
        }
        setLinear(net, graph.head().name() + "_out", plan.head());
        return net;
    }

    private static LayerGraph.Item recurrentItem(Recurrent r, boolean returnSequences, Merge merge, String path) {
        RecurrentNode n = r.top();
        int layers = r.nodes().size();
        boolean bi = n.dirs() == 2;
        LayerSpec spec = switch (n.cell()) {
            case LSTM -> new LstmSpec(n.hidden(), layers, bi, merge, 0f, 0f, returnSequences, 1f,
                    Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
            case GRU, GRU_RESET_BEFORE -> new GruSpec(n.hidden(), layers, bi, merge, 0f, 0f, returnSequences,
                    Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL, n.cell() == CellKind.GRU);
            case RNN_TANH, RNN_RELU -> new SimpleRnnSpec(n.hidden(), n.cell() == CellKind.RNN_RELU
                    ? SimpleRnnSpec.RnnActivation.RELU : SimpleRnnSpec.RnnActivation.TANH, layers, bi, merge, 0f, 0f,
                    returnSequences, Initializer.GLOROT_UNIFORM, Initializer.ORTHOGONAL);
        };
        String kind = switch (n.cell()) {
            case LSTM -> "lstm";
            case GRU, GRU_RESET_BEFORE -> "gru";
            case RNN_TANH, RNN_RELU -> "simple_rnn";
        };
        return new LayerGraph.Item(kind, spec, path);
    }

    /** ONNX gate block {@code k} is PyTorch block {@code ORDER[k]} (the exporter's order, inverted here). */
    private static int[] onnxToTorch(CellKind cell) {
        return switch (cell) {
            case RNN_TANH, RNN_RELU -> new int[] {0};
            case LSTM -> new int[] {0, 3, 1, 2};
            case GRU, GRU_RESET_BEFORE -> new int[] {1, 0, 2};
        };
    }

    private static boolean setRecurrent(Network net, String name, Recurrent r) {
        for (int l = 0; l < r.nodes().size(); l++) {
            RecurrentNode n = r.nodes().get(l);
            int g = n.cell().gates();
            int h = n.hidden();
            int[] order = onnxToTorch(n.cell());
            for (int d = 0; d < n.dirs(); d++) {
                Direction dir = Direction.values()[d];
                Tensor wIh = net.parameters().get(new ParamId(name, ParamRole.WEIGHT_IH, l, dir)).value();
                if (wIh.size() != g * h * n.input()) {
                    return false;
                }
                unorder(n.w(), d * g * h * n.input(), order, h * n.input(), wIh);
                unorder(n.r(), d * g * h * h, order, h * h,
                        net.parameters().get(new ParamId(name, ParamRole.WEIGHT_HH, l, dir)).value());
                unorder(n.b(), d * 2 * g * h, order, h,
                        net.parameters().get(new ParamId(name, ParamRole.BIAS_IH, l, dir)).value());
                unorder(n.b(), d * 2 * g * h + g * h, order, h,
                        net.parameters().get(new ParamId(name, ParamRole.BIAS_HH, l, dir)).value());
            }
        }
        return true;
    }

    /** ONNX block {@code k} (of {@code block} floats from {@code offset}) to PyTorch block {@code order[k]}. */
    private static void unorder(float[] src, int offset, int[] order, int block, Tensor dst) {
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(src, offset + k * block, dst.data(), dst.offset() + order[k] * block, block);
        }
    }

    private static void setLinear(Network net, String name, Linear l) {
        set(net, ParamId.of(name, ParamRole.KERNEL), l.kernel());
        ParamId b = ParamId.of(name, ParamRole.BIAS);
        if (net.parameters().contains(b)) {
            set(net, b, l.bias() == null ? new float[l.out()] : l.bias());
        }
    }

    private static void set(Network net, ParamId id, float[] values) {
        Tensor t = net.parameters().get(id).value();
        if (t.size() != values.length) {
            throw new IllegalStateException(id + ": " + values.length + " values for " + t.shape());
        }
        System.arraycopy(values, 0, t.data(), t.offset(), values.length);
    }

    /** The graph's final function on rnn4j's logits; padded steps stay zero, as rnn4j's and its exports' are. */
    private static Tensor apply(Output output, Flow out) {
        Tensor logits = out.values();
        if (output == Output.LINEAR) {
            return logits;
        }
        float[] v = logits.toArray();
        int n = logits.dim(logits.rank() - 1);
        for (int r = 0; r < v.length / n; r++) {
            if (logits.rank() == 3 && out.mask() != null && !out.mask().isValid(r / logits.dim(1), r % logits.dim(1))) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, v[r * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(v[r * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                double z = v[r * n + j] - max;
                v[r * n + j] = (float) (output == Output.SOFTMAX ? Math.exp(z) / sum : z - Math.log(sum));
            }
        }
        return Tensor.of(v, logits.shape().dims());
    }

    /** {@code [a, b, ...]} to {@code [b, a, ...]}. */
    static Tensor swap01(Tensor t) {
        int a = t.dim(0);
        int b = t.dim(1);
        int inner = t.size() / (a * b);
        float[] out = new float[t.size()];
        float[] in = t.toArray();
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(in, (i * b + j) * inner, out, (j * a + i) * inner, inner);
            }
        }
        int[] dims = t.shape().dims().clone();
        dims[0] = b;
        dims[1] = a;
        return Tensor.of(out, dims);
    }

    /**
     * The values of a per-step output that lie past their sequence's length: not compared. A graph with lengths
     * from PyTorch's {@code pad_packed_sequence} pads the recurrent output with zeros before the head, so its
     * output there is the head's bias; rnn4j's (and its exports') per-step outputs are zero there. Neither is a
     * prediction. Null (compare everything) for an output that is not per-step.
     */
    private static boolean[] padded(Tensor want, SequenceMask mask, Candidate c) {
        if (want == null || !c.perStep() || want.rank() != 3) {
            return null;
        }
        boolean timeMajor = c.out() == Layout.TIME_MAJOR;
        int batch = timeMajor ? want.dim(1) : want.dim(0);
        int time = timeMajor ? want.dim(0) : want.dim(1);
        if (batch != mask.batch() || time != mask.time()) {
            return null;
        }
        int n = want.dim(2);
        boolean[] skip = new boolean[want.size()];
        for (int i = 0; i < skip.length; i++) {
            int row = i / n;
            int b = timeMajor ? row % batch : row / time;
            int t = timeMajor ? row / batch : row % time;
            skip[i] = !mask.isValid(b, t);
        }
        return skip;
    }

    private static double maxDiff(Tensor a, Tensor b, boolean[] skip) {
        if (!java.util.Arrays.equals(a.shape().dims(), b.shape().dims())) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            m = Math.max(m, Math.abs((double) a.getFlat(i) - b.getFlat(i)));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    private static boolean withinTolerance(Tensor got, Tensor want, boolean[] skip) {
        if (!java.util.Arrays.equals(got.shape().dims(), want.shape().dims())) {
            return false;
        }
        for (int i = 0; i < got.size(); i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            double d = Math.abs((double) got.getFlat(i) - want.getFlat(i));
            if (!(d <= 1e-5 + 1e-4 * Math.abs(want.getFlat(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The graph's inputs: the sequence (or token ids), optional lengths and optional initial states. */
    private record Inputs(String data, int[] dataDims, String lengths, int lengthsType, Map<String, int[]> states,
            String output) {

        static Inputs classify(OnnxGraph g, Plan plan, String source) {
            String data = null;
            int[] dataDims = null;
            String lengths = null;
            int lengthsType = 0;
            Map<String, int[]> states = new LinkedHashMap<>();
            List<String> bad = new ArrayList<>();
            int dataRank = plan.input().kind() == ValueType.Kind.TOKENS ? 2 : 3;
            for (Map.Entry<String, OnnxMl.ValueInfoProto> e : g.inputs().entrySet()) {
                int[] dims = OnnxGraph.declaredDims(e.getValue());
                int type = OnnxGraph.elementType(e.getValue());
                boolean integer = type == OnnxMl.TensorProto.DataType.INT64.getNumber()
                        || type == OnnxMl.TensorProto.DataType.INT32.getNumber();
                int rank = dims == null ? -1 : dims.length;
                if (data == null && rank == dataRank && (integer == (dataRank == 2))) {
                    data = e.getKey();
                    dataDims = dims;
                } else if (integer && rank == 1 && lengths == null) {
                    lengths = e.getKey();
                    lengthsType = type;
                } else if (!integer && rank == 3) {
                    states.put(e.getKey(), dims);
                } else {
                    bad.add("'" + e.getKey() + "' (" + OnnxMl.TensorProto.DataType.forNumber(type) + ", rank " + rank + ")");
                }
            }
            if (data == null || !bad.isEmpty()) {
                throw new Rnn4jException("RNN4J-ONNX-021", "cannot import " + source + ": "
                        + (data == null ? "no input is " + (dataRank == 2 ? "a [batch, time] int64 tensor of token ids"
                                : "a [batch, time, features] float tensor") : "")
                        + (bad.isEmpty() ? "" : (data == null ? "; " : "") + "inputs " + bad + " are neither the "
                                + "sequence, its lengths (int, [batch]) nor an initial state (float, [rows, batch, units])")
                        + ". " + SUPPORTED);
            }
            // rnn4j's exports name their prediction 'output' (the final states are outputs too); else the first
            String output = g.proto().getOutputList().stream().map(OnnxMl.ValueInfoProto::getName)
                    .filter(OnnxNames.OUTPUT::equals).findFirst().orElse(g.proto().getOutput(0).getName());
            return new Inputs(data, dataDims, lengths, lengthsType, states, output);
        }

        /** Batch and time for a layout: the declared sizes where fixed, else 3 and 5. */
        int[] batchTime(Layout layout) {
            int d0 = dataDims[0] > 0 ? dataDims[0] : layout == Layout.BATCH_MAJOR ? DEFAULT_BATCH : DEFAULT_TIME;
            int d1 = dataDims[1] > 0 ? dataDims[1] : layout == Layout.BATCH_MAJOR ? DEFAULT_TIME : DEFAULT_BATCH;
            return layout == Layout.BATCH_MAJOR ? new int[] {d0, d1} : new int[] {d1, d0};
        }

        Flow generate(ValueType type, Layout layout, RandomSource random) {
            int[] bt = batchTime(layout);
            int batch = bt[0];
            int time = bt[1];
            int[] lens = new int[batch];
            for (int b = 0; b < batch; b++) {
                lens[b] = lengths == null || batch == 1 ? time : Math.max(1, time - (b * (time - 1) + batch - 2) / (batch - 1));
            }
            return ParityChecker.generateInput(type, time, lens, random);
        }
    }

    /** The original graph in ONNX Runtime. */
    private static final class OrtRun implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        private final OrtSession session;
        private final String source;
        /** Why the last run failed, if it did. */
        String failure;

        OrtRun(byte[] model, String source) {
            this.source = source;
            try {
                options.setIntraOpNumThreads(1);
                session = env.createSession(model, options);
            } catch (OrtException e) {
                options.close();
                throw new Rnn4jException("RNN4J-ONNX-023", "ONNX Runtime cannot load " + source + ": " + e.getMessage()
                        + ". Check the file with onnx.checker.check_model.", e);
            }
        }

        /** The graph's first output for {@code x} (batch-major, rnn4j's layout) fed in {@code layout}; null if it fails. */
        Tensor run(OnnxGraph g, Inputs inputs, Flow x, Layout layout) {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            try {
                Tensor v = x.values();
                if (layout == Layout.TIME_MAJOR) {
                    v = swap01(v);
                }
                long[] shape = java.util.Arrays.stream(v.shape().dims()).asLongStream().toArray();
                if (x.values().rank() == 2 && inputs.dataDims().length == 2) {
                    long[] ids = new long[v.size()];
                    for (int i = 0; i < ids.length; i++) {
                        float f = v.getFlat(i);
                        ids[i] = f < 0 ? 0 : (long) f;
                    }
                    // padding ids are out of the table, and a graph (without lengths, or PyTorch's with lengths)
                    // looks up every step before it masks: use id 0 there
                    SequenceMask m = x.mask();
                    for (int b = 0; b < m.batch(); b++) {
                        for (int t = m.length(b); t < m.time(); t++) {
                            ids[layout == Layout.BATCH_MAJOR ? b * m.time() + t : t * m.batch() + b] = 0;
                        }
                    }
                    feeds.put(inputs.data(), OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                } else {
                    feeds.put(inputs.data(), OnnxTensor.createTensor(env, FloatBuffer.wrap(v.toArray()), shape));
                }
                int batch = x.mask().batch();
                if (inputs.lengths() != null) {
                    int[] lens = x.mask().lengths();
                    feeds.put(inputs.lengths(), inputs.lengthsType() == OnnxMl.TensorProto.DataType.INT32.getNumber()
                            ? OnnxTensor.createTensor(env, IntBuffer.wrap(lens), new long[] {batch})
                            : OnnxTensor.createTensor(env, LongBuffer.wrap(java.util.Arrays.stream(lens)
                                    .asLongStream().toArray()), new long[] {batch}));
                }
                for (Map.Entry<String, int[]> s : inputs.states().entrySet()) {
                    int[] d = s.getValue();
                    long[] sh = {d[0], batch, d[2]};
                    if (d[0] <= 0 || d[2] <= 0) {
                        return null;
                    }
                    feeds.put(s.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[(int) (sh[0] * sh[1]
                            * sh[2])]), sh));
                }
                try (OrtSession.Result r = session.run(feeds, java.util.Set.of(inputs.output()))) {
                    return OnnxModelRunner.toTensor((OnnxTensor) r.get(0));
                }
            } catch (OrtException | RuntimeException e) {
                failure = (failure == null ? "" : failure + "; ") + layout + ": " + e.getMessage(); // e.g. fixed shapes
                return null;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                throw new Rnn4jException("RNN4J-ONNX-023", "ONNX Runtime failed to close the session of " + source, e);
            } finally {
                options.close();
            }
        }
    }
}
