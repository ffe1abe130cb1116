package io.rnn4j.onnx.internal;

import io.rnn4j.core.Direction;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.SimpleRnnSpec;
import io.rnn4j.onnx.OnnxNames;
import io.rnn4j.onnx.spi.ExportContext;
import io.rnn4j.onnx.spi.LayerExporter;
import io.rnn4j.onnx.spi.OnnxAttribute;
import io.rnn4j.onnx.spi.OnnxValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Exports {@code simple_rnn}, {@code lstm} and {@code gru} layers with ONNX's own {@code RNN}, {@code LSTM}
 * and {@code GRU} operators: one node per stacked layer ({@code layout=0}, so the sequence is time-major
 * between them), {@code direction="bidirectional"} for two directions, {@code sequence_lens} from the
 * mask.
 *
 * <p>Weights are converted from PyTorch's layout to ONNX's: the gate blocks are reordered (LSTM
 * {@code i,f,g,o} to {@code i,o,f,c}; GRU {@code r,z,n} to {@code z,r,h}, with
 * {@code linear_before_reset=1} because rnn4j's GRU applies the reset gate after the recurrent product, or
 * {@code linear_before_reset=0} for a {@code gru} with {@code reset_after: false}),
 * and the two biases are concatenated into {@code B = [Wb, Rb]}.
 *
 * <p>The final state of a sequence whose length is 0 (a stream that has ended, fed another chunk) is
 * its initial state, as in rnn4j; a {@code Where} enforces it so that no runtime's choice for that
 * corner case matters. The top layer's output is zeroed at padded steps the same way.
 */
public abstract class RecurrentExporter implements LayerExporter {
    private final String kindId;
    private final Function<LayerSpec, RecurrentSpec> toSpec;

    RecurrentExporter(String kindId, Function<LayerSpec, RecurrentSpec> toSpec) {
        this.kindId = kindId;
        this.toSpec = toSpec;
    }

    @Override
    public String kindId() {
        return kindId;
    }

    @Override
    public OnnxValue export(LayerGraph.Node node, OnnxValue input, ExportContext ctx) {
        RecurrentSpec spec = toSpec.apply(node.spec());
        String name = node.name();
        CellKind cell = spec.cell();
        int dirs = spec.directions();
        int u = spec.units();
        int rows = spec.layers() * dirs;
        boolean lstm = cell.hasCellState();

        String h0All = ctx.stateInput(OnnxNames.initialH(name), rows, u);
        String c0All = lstm ? ctx.stateInput(OnnxNames.initialC(name), rows, u) : null;
        String x = ctx.timeMajor(input).name();
        int in = input.features();
        List<String> hs = new ArrayList<>();
        List<String> cs = new ArrayList<>();
        String y = null;
        for (int l = 0; l < spec.layers(); l++) {
            String h0 = spec.layers() == 1 ? h0All : rowsOf(ctx, h0All, l * dirs, dirs);
            String c0 = !lstm ? null : spec.layers() == 1 ? c0All : rowsOf(ctx, c0All, l * dirs, dirs);
            List<String> out = recurrentNode(ctx, name, l, cell, dirs, u, in, x, ctx.sequenceLens(), h0, c0);
            y = out.get(0); // [T, dirs, B, u]
            hs.add(keepIfEmpty(ctx, out.get(1), h0));
            if (lstm) {
                cs.add(keepIfEmpty(ctx, out.get(2), c0));
            }
            if (l < spec.layers() - 1) {
                x = concatDirections(ctx, y, dirs);
                in = dirs * u;
            }
        }
        String hN = hs.size() == 1 ? hs.get(0) : ctx.op("Concat", hs, OnnxAttribute.of("axis", 0L));
        ctx.stateOutput(OnnxNames.finalH(name), hN, rows, u);
        if (lstm) {
            String cN = cs.size() == 1 ? cs.get(0) : ctx.op("Concat", cs, OnnxAttribute.of("axis", 0L));
            ctx.stateOutput(OnnxNames.finalC(name), cN, rows, u);
        }
        String topH = hs.get(hs.size() - 1); // [dirs, B, u]
        if (spec.returnSequences()) {
            String seq;
            if (dirs == 1) {
                seq = ctx.op("Squeeze", List.of(y, ctx.int64s(1)));
            } else if (spec.merge() == Merge.CONCAT) {
                seq = concatDirections(ctx, y, dirs);
            } else {
                seq = merge(ctx, spec.merge(), slice(ctx, y, 1, 0), slice(ctx, y, 1, 1));
            }
            return OnnxValue.timeMajorSequence(ctx.zeroPadding(seq, true), spec.outputSize());
        }
        String v = dirs == 1 ? ctx.op("Squeeze", List.of(topH, ctx.int64s(0)))
                : merge(ctx, spec.merge(), slice(ctx, topH, 0, 0), slice(ctx, topH, 0, 1));
        return OnnxValue.vectors(v, spec.outputSize());
    }

    /** The layer's options as a {@link RecurrentSpec}. */
    public RecurrentSpec recurrentSpec(LayerSpec spec) {
        return toSpec.apply(spec);
    }

    /**
     * One {@code RNN}/{@code LSTM}/{@code GRU} node for stacked layer {@code l} of the rnn4j recurrent layer
     * {@code name}, its weights converted to ONNX's layout.
     *
     * @param x       the time-major input {@code [T, B, in]}
     * @param seqLens int32 {@code [B]}, or {@code ""} for none (every sequence has length T)
     * @param h0      {@code [dirs, B, u]}
     * @param c0      {@code [dirs, B, u]} for an LSTM, else ignored
     * @return {@code Y [T, dirs, B, u]}, {@code Y_h [dirs, B, u]} and, for an LSTM, {@code Y_c}
     */
    static List<String> recurrentNode(ExportContext ctx, String name, int l, CellKind cell, int dirs, int u, int in,
            String x, String seqLens, String h0, String c0) {
        boolean lstm = cell.hasCellState();
        List<String> inputs = new ArrayList<>(List.of(x,
                weights(ctx, name, l, ParamRole.WEIGHT_IH, cell, dirs, u, in, "W"),
                weights(ctx, name, l, ParamRole.WEIGHT_HH, cell, dirs, u, u, "R"),
                biases(ctx, name, l, cell, dirs, u),
                seqLens, h0));
        if (lstm) {
            inputs.add(c0);
        }
        List<OnnxAttribute> attrs = new ArrayList<>();
        attrs.add(OnnxAttribute.of("hidden_size", (long) u));
        attrs.add(OnnxAttribute.of("direction", dirs == 2 ? "bidirectional" : "forward"));
        switch (cell) {
            case RNN_TANH, RNN_RELU -> attrs.add(OnnxAttribute.strings("activations",
                    java.util.Collections.nCopies(dirs, cell == CellKind.RNN_RELU ? "Relu" : "Tanh")));
            case GRU -> attrs.add(OnnxAttribute.of("linear_before_reset", 1L));
            case GRU_RESET_BEFORE -> attrs.add(OnnxAttribute.of("linear_before_reset", 0L));
            case LSTM -> { }
            default -> throw new AssertionError(cell);
        }
        return ctx.op(opType(cell), inputs, lstm ? 3 : 2, attrs.toArray(OnnxAttribute[]::new));
    }

    private static String opType(CellKind cell) {
        return switch (cell) {
            case RNN_TANH, RNN_RELU -> "RNN";
            case LSTM -> "LSTM";
            case GRU, GRU_RESET_BEFORE -> "GRU";
        };
    }

    /** PyTorch gate block {@code order[k]} becomes ONNX gate block {@code k}. */
    static int[] gateOrder(CellKind cell) {
        return switch (cell) {
            case RNN_TANH, RNN_RELU -> new int[] {0};
            case LSTM -> new int[] {0, 3, 1, 2}; // i,f,g,o -> i,o,f,c
            case GRU, GRU_RESET_BEFORE -> new int[] {1, 0, 2};     // r,z,n -> z,r,h
        };
    }

    /** {@code W} or {@code R}: {@code [dirs, gates*u, cols]} with the gate blocks reordered. */
    private static String weights(ExportContext ctx, String name, int l, ParamRole role, CellKind cell, int dirs,
            int u, int cols, String hint) {
        int g = cell.gates();
        float[] out = new float[dirs * g * u * cols];
        for (int d = 0; d < dirs; d++) {
            Tensor w = ctx.parameter(new ParamId(name, role, l, Direction.values()[d]));
            reorder(w, gateOrder(cell), u * cols, out, d * g * u * cols);
        }
        return ctx.initializer(hint + l, out, dirs, (long) g * u, cols);
    }

    /** {@code B}: {@code [dirs, 2*gates*u]}, the reordered {@code b_ih} then the reordered {@code b_hh}. */
    private static String biases(ExportContext ctx, String name, int l, CellKind cell, int dirs, int u) {
        int gu = cell.gates() * u;
        float[] out = new float[dirs * 2 * gu];
        for (int d = 0; d < dirs; d++) {
            Direction dir = Direction.values()[d];
            reorder(ctx.parameter(new ParamId(name, ParamRole.BIAS_IH, l, dir)), gateOrder(cell), u, out, d * 2 * gu);
            reorder(ctx.parameter(new ParamId(name, ParamRole.BIAS_HH, l, dir)), gateOrder(cell), u, out, d * 2 * gu + gu);
        }
        return ctx.initializer("B" + l, out, dirs, 2L * gu);
    }

    /** Copies block {@code order[k]} (of {@code block} floats) of {@code src} to block {@code k} of the output. */
    private static void reorder(Tensor src, int[] order, int block, float[] out, int offset) {
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(src.data(), src.offset() + order[k] * block, out, offset + k * block, block);
        }
    }

    /** Rows {@code [from, from + count)} of a {@code [rows, B, u]} state. */
    private static String rowsOf(ExportContext ctx, String state, int from, int count) {
        return ctx.op("Slice", List.of(state, ctx.int64s(from), ctx.int64s(from + count), ctx.int64s(0)));
    }

    /** Index {@code i} of {@code axis}, that axis removed. */
    private static String slice(ExportContext ctx, String t, int axis, int i) {
        String s = ctx.op("Slice", List.of(t, ctx.int64s(i), ctx.int64s(i + 1), ctx.int64s(axis)));
        return ctx.op("Squeeze", List.of(s, ctx.int64s(axis)));
    }

    /** {@code Y [T, dirs, B, u]} to {@code [T, B, dirs*u]}, forward features first (PyTorch's concatenation). */
    private static String concatDirections(ExportContext ctx, String y, int dirs) {
        if (dirs == 1) {
            return ctx.op("Squeeze", List.of(y, ctx.int64s(1)));
        }
        String t = ctx.op("Transpose", List.of(y), OnnxAttribute.ints("perm", 0, 2, 1, 3));
        return ctx.op("Reshape", List.of(t, ctx.int64s(0, 0, -1)));
    }

    private static String merge(ExportContext ctx, Merge merge, String fwd, String rev) {
        return switch (merge) {
            case CONCAT -> ctx.op("Concat", List.of(fwd, rev), OnnxAttribute.of("axis", -1L));
            case SUM -> ctx.op("Add", List.of(fwd, rev));
            case MEAN -> ctx.op("Mul", List.of(ctx.op("Add", List.of(fwd, rev)), ctx.scalar(0.5f)));
            case MUL -> ctx.op("Mul", List.of(fwd, rev));
        };
    }

    /** A sequence of length 0 keeps its initial state: {@code Where(length > 0, final, initial)}. */
    private static String keepIfEmpty(ExportContext ctx, String fin, String initial) {
        return ctx.op("Where", List.of(ctx.nonEmpty(), fin, initial));
    }

    /** The {@code lstm} exporter. */
    public static final class Lstm extends RecurrentExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Lstm() {
            super("lstm", s -> ((LstmSpec) s).toRecurrentSpec());
        }
    }

    /** The {@code gru} exporter. */
    public static final class Gru extends RecurrentExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public Gru() {
            super("gru", s -> ((GruSpec) s).toRecurrentSpec());
        }
    }

    /** The {@code simple_rnn} exporter. */
    public static final class SimpleRnn extends RecurrentExporter {
        /** Used by {@link java.util.ServiceLoader}. */
        public SimpleRnn() {
            super("simple_rnn", s -> ((SimpleRnnSpec) s).toRecurrentSpec());
        }
    }
}
