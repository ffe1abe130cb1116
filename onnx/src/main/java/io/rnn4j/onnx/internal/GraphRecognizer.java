package io.rnn4j.onnx.internal;

import ai.onnx.proto.OnnxMl;
import io.rnn4j.core.Activation;
import io.rnn4j.core.spi.CellKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an ONNX graph as a chain of rnn4j pieces: an embedding ({@code Gather} on a constant table), recurrent
 * nodes ({@code RNN}, {@code LSTM}, {@code GRU}; stacked nodes become one layer), linear layers
 * ({@code MatMul}/{@code Gemm} with a constant weight, an {@code Add} of a constant bias, a following
 * {@code Relu}/{@code Tanh}/{@code Sigmoid}) and a final {@code Softmax}/{@code LogSoftmax}. Every other node
 * must be glue whose meaning the importer's numeric check confirms (it reshapes, selects or reduces); a node
 * that is neither, or a recurrent node with an option rnn4j's cells do not have, is a {@link Problem}, and
 * every problem is collected before the import is refused.
 */
public final class GraphRecognizer {
    /** Operators that move, select, reduce or combine values, recognised as glue between the pieces. */
    public static final Set<String> GLUE = Set.of("Transpose", "Squeeze", "Unsqueeze", "Reshape", "Flatten", "Slice",
            "Gather", "GatherElements", "Concat", "Split", "Constant", "ConstantOfShape", "Shape", "Expand", "Cast",
            "Identity", "Dropout", "Where", "Greater", "Less", "Equal", "GreaterOrEqual", "LessOrEqual", "Not", "And",
            "Or", "Range", "Neg", "Max", "Min", "Add", "Sub", "Mul", "Div", "ReduceSum", "ReduceMean", "ReduceMax",
            "Relu", "Tanh", "Sigmoid", "Softmax", "LogSoftmax", "Clip", "Tile", "Sum", "Mean",
            // PyTorch's pack_padded_sequence(enforce_sorted=False): sort the batch by length and back
            "TopK", "ScatterElements");
    /** Operators that carry weights. */
    public static final Set<String> WEIGHTED = Set.of("RNN", "LSTM", "GRU", "MatMul", "Gemm", "Gather");

    /** An unsupported node: its op type, name and what is wrong. */
    public record Problem(String opType, String name, String what) {
        @Override
        public String toString() {
            return opType + " '" + name + "': " + what;
        }
    }

    /** A piece of the chain. */
    public sealed interface Piece permits Embedding, Recurrent, Linear {
    }

    /** An embedding table {@code [vocabulary, dim]}. */
    public record Embedding(float[] table, int vocabulary, int dim) implements Piece {
    }

    /**
     * One recurrent node: ONNX layout weights {@code W [dirs, G*H, in]}, {@code R [dirs, G*H, H]}, {@code B [dirs,
     * 2*G*H]} (zeros when absent).
     */
    public record RecurrentNode(OnnxMl.NodeProto node, CellKind cell, int dirs, int hidden, int input, float[] w,
            float[] r, float[] b) {
    }

    /** Stacked recurrent nodes of one cell, units and direction: one rnn4j layer. */
    public record Recurrent(List<RecurrentNode> nodes, boolean finalState) implements Piece {
        /** The top node. */
        public RecurrentNode top() {
            return nodes.get(nodes.size() - 1);
        }
    }

    /** {@code y = f(x W + b)}: {@code W [in, out]}, {@code b} or null. */
    public record Linear(float[] kernel, float[] bias, int in, int out, Activation activation) implements Piece {
    }

    /** What the recognizer found. */
    public record Chain(List<Piece> pieces, String finalFunction, List<Problem> problems) {
    }

    private final OnnxGraph g;

    /** A recognizer of {@code graph}. */
    public GraphRecognizer(OnnxGraph graph) {
        this.g = graph;
    }

    /** The pieces in graph order and every problem. */
    public Chain read() {
        List<Problem> problems = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        String finalFn = null;
        // the output tensor of the last linear piece (after its bias and activation), and its parts
        String linearOut = null;
        LinearBuilder open = null;
        for (OnnxMl.NodeProto n : g.nodes()) {
            String op = n.getOpType();
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                problems.add(problem(n, "operator of domain '" + n.getDomain() + "'"));
                continue;
            }
            if (n.getOutputCount() > 0 && g.isConstant(n.getOutput(0))) {
                continue; // part of a weight's computation
            }
            switch (op) {
                case "RNN", "LSTM", "GRU" -> {
                    open = close(open, pieces);
                    RecurrentNode r = recurrent(n, problems);
                    if (r != null) {
                        pieces.add(new Recurrent(List.of(r), false));
                    }
                }
                case "MatMul", "Gemm" -> {
                    open = close(open, pieces);
                    open = linear(n, problems);
                    linearOut = open == null ? null : n.getOutput(0);
                }
                case "Gather" -> {
                    if (g.isConstant(n.getInput(0)) && !g.isConstant(n.getInput(1)) && pieces.isEmpty() && open == null) {
                        OnnxMl.TensorProto t = g.constantValue(n.getInput(0)).orElse(null);
                        if (t == null || t.getDimsCount() != 2) {
                            problems.add(problem(n, "a lookup in a table that is not a stored 2-d initializer"));
                        } else {
                            int[] d = OnnxGraph.dims(t);
                            pieces.add(new Embedding(floats(t, n, problems), d[0], d[1]));
                        }
                    }
                }
                case "Add" -> {
                    if (open != null && open.bias == null && open.activation == null && n.getInputList().contains(linearOut)) {
                        String other = n.getInput(0).equals(linearOut) ? n.getInput(1) : n.getInput(0);
                        OnnxMl.TensorProto t = g.constantValue(other).orElse(null);
                        if (t != null && t.getDimsCount() == 1 && t.getDims(0) == open.out) {
                            open.bias = floats(t, n, problems);
                            linearOut = n.getOutput(0);
                        }
                    }
                }
                case "Relu", "Tanh", "Sigmoid" -> {
                    if (open != null && open.activation == null && n.getInput(0).equals(linearOut)) {
                        open.activation = Activation.valueOf(op.toUpperCase(Locale.ROOT));
                        linearOut = n.getOutput(0);
                    }
                }
                case "Softmax", "LogSoftmax" -> {
                    if (open != null && n.getInput(0).equals(linearOut)) {
                        finalFn = op;
                    }
                }
                default -> {
                    if (!GLUE.contains(op)) {
                        problems.add(problem(n, "operator not supported"));
                    }
                }
            }
        }
        close(open, pieces);
        return new Chain(stack(pieces), finalFn, problems);
    }

    /** Consecutive recurrent nodes of one cell, size and direction, each fed by the one before: stacked layers. */
    private List<Piece> stack(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            if (p instanceof Recurrent r && !out.isEmpty() && out.get(out.size() - 1) instanceof Recurrent prev) {
                RecurrentNode a = prev.top();
                RecurrentNode b = r.top();
                if (a.cell() == b.cell() && a.dirs() == b.dirs() && a.hidden() == b.hidden()
                        && b.input() == a.dirs() * a.hidden() && g.reaches(a.node().getOutput(0), b.node().getInput(0))) {
                    List<RecurrentNode> nodes = new ArrayList<>(prev.nodes());
                    nodes.add(b);
                    out.set(out.size() - 1, new Recurrent(nodes, false));
                    continue;
                }
            }
            out.add(p);
        }
        // a hint: a recurrent layer whose sequence output is not read returns only its final state
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Recurrent r) {
                OnnxMl.NodeProto top = r.top().node();
                boolean y = g.consumers(top.getOutput(0)).stream().anyMatch(c -> !c.getOpType().equals("Shape"));
                boolean yh = top.getOutputCount() > 1 && !top.getOutput(1).isEmpty()
                        && !g.consumers(top.getOutput(1)).isEmpty();
                out.set(i, new Recurrent(r.nodes(), yh && !y));
            }
        }
        return out;
    }

    private static final class LinearBuilder {
        float[] kernel;
        float[] bias;
        int in;
        int out;
        Activation activation;
    }

    private static LinearBuilder close(LinearBuilder open, List<Piece> pieces) {
        if (open != null) {
            pieces.add(new Linear(open.kernel, open.bias, open.in, open.out,
                    open.activation == null ? Activation.IDENTITY : open.activation));
        }
        return null;
    }

    private LinearBuilder linear(OnnxMl.NodeProto n, List<Problem> problems) {
        boolean gemm = n.getOpType().equals("Gemm");
        if (!g.isConstant(n.getInput(1)) || g.isConstant(n.getInput(0))) {
            problems.add(problem(n, "a product whose right operand is not a stored weight (rnn4j imports x W with a "
                    + "constant W)"));
            return null;
        }
        OnnxMl.TensorProto w = g.constantValue(n.getInput(1)).orElse(null);
        if (w == null || w.getDimsCount() != 2) {
            problems.add(problem(n, "weight '" + n.getInput(1) + "' is not a stored 2-d initializer"));
            return null;
        }
        int[] d = OnnxGraph.dims(w);
        float[] v = floats(w, n, problems);
        LinearBuilder b = new LinearBuilder();
        boolean transB = false;
        if (gemm) {
            if (intAttr(n, "transA", 0) != 0) {
                problems.add(problem(n, "attribute transA=1"));
            }
            if (floatAttr(n, "alpha", 1f) != 1f || floatAttr(n, "beta", 1f) != 1f) {
                problems.add(problem(n, "attributes alpha/beta other than 1"));
            }
            transB = intAttr(n, "transB", 0) != 0;
        }
        b.in = transB ? d[1] : d[0];
        b.out = transB ? d[0] : d[1];
        b.kernel = transB ? transpose(v, d[0], d[1]) : v;
        if (gemm && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            OnnxMl.TensorProto c = g.constantValue(n.getInput(2)).orElse(null);
            if (c == null || c.getDimsCount() != 1 || c.getDims(0) != b.out) {
                problems.add(problem(n, "bias C is not a stored vector of " + b.out));
            } else {
                b.bias = floats(c, n, problems);
            }
        }
        return b;
    }

    private RecurrentNode recurrent(OnnxMl.NodeProto n, List<Problem> problems) {
        String op = n.getOpType();
        int before = problems.size();
        String direction = OnnxGraph.attribute(n, "direction").map(a -> a.getS().toStringUtf8()).orElse("forward");
        int dirs = switch (direction) {
            case "forward" -> 1;
            case "bidirectional" -> 2;
            default -> {
                problems.add(problem(n, "direction=\"" + direction + "\" (rnn4j runs forward or bidirectional)"));
                yield 1;
            }
        };
        int hidden = (int) intAttr(n, "hidden_size", -1);
        if (intAttr(n, "layout", 0) != 0) {
            problems.add(problem(n, "layout=1 (batch-major recurrent operator)"));
        }
        if (OnnxGraph.attribute(n, "clip").isPresent()) {
            problems.add(problem(n, "attribute clip (cell clipping)"));
        }
        if (OnnxGraph.attribute(n, "activation_alpha").isPresent() || OnnxGraph.attribute(n, "activation_beta").isPresent()) {
            problems.add(problem(n, "attributes activation_alpha/activation_beta"));
        }
        List<String> acts = OnnxGraph.attribute(n, "activations")
                .map(a -> a.getStringsList().stream().map(s -> s.toStringUtf8()).toList()).orElse(List.of());
        CellKind cell;
        switch (op) {
            case "LSTM" -> {
                cell = CellKind.LSTM;
                checkActivations(n, acts, List.of("Sigmoid", "Tanh", "Tanh"), dirs, problems);
                if (intAttr(n, "input_forget", 0) != 0) {
                    problems.add(problem(n, "attribute input_forget=1 (coupled input and forget gates)"));
                }
                if (n.getInputCount() > 7 && !n.getInput(7).isEmpty()) {
                    problems.add(problem(n, "input P (peephole connections)"));
                }
            }
            case "GRU" -> {
                cell = intAttr(n, "linear_before_reset", 0) != 0 ? CellKind.GRU : CellKind.GRU_RESET_BEFORE;
                checkActivations(n, acts, List.of("Sigmoid", "Tanh"), dirs, problems);
            }
            default -> {
                String a = acts.isEmpty() ? "Tanh" : acts.get(0);
                cell = a.equals("Relu") ? CellKind.RNN_RELU : CellKind.RNN_TANH;
                if (!(a.equals("Tanh") || a.equals("Relu")) || acts.stream().anyMatch(x -> !x.equals(a))) {
                    problems.add(problem(n, "activations " + acts + " (rnn4j's simple_rnn uses Tanh or Relu in both "
                            + "directions)"));
                }
            }
        }
        float[] w = weight(n, 1, "W", problems);
        float[] r = weight(n, 2, "R", problems);
        float[] b = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? weight(n, 3, "B", problems)
                : new float[dirs * 2 * cell.gates() * hidden];
        if (problems.size() > before || w == null || r == null || b == null) {
            return null;
        }
        int in = w.length / (dirs * cell.gates() * hidden);
        return new RecurrentNode(n, cell, dirs, hidden, in, w, r, b);
    }

    private void checkActivations(OnnxMl.NodeProto n, List<String> acts, List<String> defaults, int dirs,
            List<Problem> problems) {
        if (acts.isEmpty()) {
            return;
        }
        List<String> want = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            want.addAll(defaults);
        }
        if (!acts.equals(want) && !acts.equals(defaults)) {
            problems.add(problem(n, "activations " + acts + " (rnn4j's cells use the defaults " + defaults + ")"));
        }
    }

    private float[] weight(OnnxMl.NodeProto n, int port, String what, List<Problem> problems) {
        String name = n.getInput(port);
        OnnxMl.TensorProto t = g.constantValue(name).orElse(null);
        if (t == null) {
            problems.add(problem(n, "input " + what + " ('" + name + "') is not a stored initializer or Constant"));
            return null;
        }
        return floats(t, n, problems);
    }

    private float[] floats(OnnxMl.TensorProto t, OnnxMl.NodeProto n, List<Problem> problems) {
        try {
            return OnnxGraph.floats(t);
        } catch (IllegalArgumentException e) {
            problems.add(problem(n, e.getMessage()));
            return new float[0];
        }
    }

    private static long intAttr(OnnxMl.NodeProto n, String name, long dflt) {
        return OnnxGraph.attribute(n, name).map(OnnxMl.AttributeProto::getI).orElse(dflt);
    }

    private static float floatAttr(OnnxMl.NodeProto n, String name, float dflt) {
        return OnnxGraph.attribute(n, name).map(OnnxMl.AttributeProto::getF).orElse(dflt);
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }

    private static Problem problem(OnnxMl.NodeProto n, String what) {
        return new Problem(n.getOpType(), OnnxGraph.display(n), what);
    }
}
