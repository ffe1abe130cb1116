package io.rnn4j.layers;

import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.Direction;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.RecurrentCall;
import io.rnn4j.core.spi.RecurrentKernel;
import io.rnn4j.core.spi.RecurrentKernel.RecurrentGradients;
import io.rnn4j.core.spi.RecurrentPass;
import io.rnn4j.core.spi.RecurrentWeights;
import io.rnn4j.layers.cell.ComposedRecurrentKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent layer: {@code simple_rnn}, {@code lstm} or {@code gru} cells (see
 * {@link io.rnn4j.layers.cell}), stacked {@link RecurrentSpec#layers()} deep, optionally
 * bidirectional, over a masked {@code [batch, time, features]} batch.
 *
 * <p>Each direction of each stacked layer runs the backend's fused {@link RecurrentKernel} when it has
 * one, else the {@link ComposedRecurrentKernel} built from its primitives. Parameters are PyTorch's:
 * for stacked layer {@code l} and direction {@code d}, {@code W_ih [gates*units, in_l]},
 * {@code W_hh [gates*units, units]}, {@code b_ih}, {@code b_hh}, where {@code in_0} is the input size and
 * {@code in_l = directions * units} above.
 *
 * <p>The initial state may be given and the final state is returned ({@link #forward(Flow,
 * RecurrentState, LayerContext)}), so a sequence fed in chunks, passing the state along, gives the
 * same outputs as fed whole (unidirectional layers).
 */
public final class RecurrentLayer implements Layer, io.rnn4j.core.model.Stateful {
    private final String name;
    private final RecurrentSpec spec;
    private final int inputSize;
    private final Backend be;
    private final RecurrentKernel kernel;
    private final RecurrentWeights[] weights;
    private final RecurrentWeights[] grads;
    private final List<ParamId> ids;

    private RecurrentPass[] passes;
    private float[][] dropMasks;
    private Tensor[] recurrentMasks;

    /** The output and final state of a forward pass. */
    public record Result(Flow output, RecurrentState finalState) {
    }

    /** Gradients of a backward pass with respect to the input and the initial state. */
    public record Gradients(Flow input, RecurrentState initialState) {
    }

    /**
     * Binds a layer to its parameters, which {@link #declare} must have added to {@code params}.
     *
     * @param name      unique layer name
     * @param spec      the layer's spec
     * @param inputSize features per step of the input
     * @param params    the model's parameters
     * @param backend   the backend to run on
     */
    public RecurrentLayer(String name, RecurrentSpec spec, int inputSize, ParameterSet params, Backend backend) {
        this.name = name;
        this.spec = spec;
        this.inputSize = inputSize;
        this.be = backend;
        CellKind cell = spec.cell();
        this.kernel = backend.recurrentKernel(cell).orElseGet(() -> new ComposedRecurrentKernel(backend, cell));
        int n = spec.layers() * spec.directions();
        this.weights = new RecurrentWeights[n];
        this.grads = new RecurrentWeights[n];
        this.ids = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            for (int d = 0; d < spec.directions(); d++) {
                Direction dir = Direction.values()[d];
                ParamId[] pid = ids(name, l, dir);
                ids.addAll(List.of(pid));
                int in = layerInput(l);
                weights[l * spec.directions() + d] = new RecurrentWeights(cell, in, spec.units(),
                        params.get(pid[0]).value(), params.get(pid[1]).value(), params.get(pid[2]).value(),
                        params.get(pid[3]).value());
                grads[l * spec.directions() + d] = new RecurrentWeights(cell, in, spec.units(),
                        params.get(pid[0]).grad(), params.get(pid[1]).grad(), params.get(pid[2]).grad(),
                        params.get(pid[3]).grad());
            }
        }
    }

    private static ParamId[] ids(String name, int l, Direction dir) {
        return new ParamId[] {new ParamId(name, ParamRole.WEIGHT_IH, l, dir), new ParamId(name, ParamRole.WEIGHT_HH, l, dir),
            new ParamId(name, ParamRole.BIAS_IH, l, dir), new ParamId(name, ParamRole.BIAS_HH, l, dir)};
    }

    private int layerInput(int l) {
        return l == 0 ? inputSize : spec.directions() * spec.units();
    }

    /** Declares the layer's parameters. */
    public static void declare(ParameterSet.Builder builder, String name, RecurrentSpec spec, int inputSize) {
        int g = spec.cell().gates() * spec.units();
        for (int l = 0; l < spec.layers(); l++) {
            for (int d = 0; d < spec.directions(); d++) {
                ParamId[] pid = ids(name, l, Direction.values()[d]);
                int in = l == 0 ? inputSize : spec.directions() * spec.units();
                builder.add(pid[0], g, in).add(pid[1], g, spec.units()).add(pid[2], g).add(pid[3], g);
            }
        }
    }

    /**
     * Draws the initial weights: each parameter from {@code random.fork(its id)}, so the values depend
     * only on the seed and the parameter's identity.
     */
    @Override
    public void initialize(RandomSource random) {
        int gates = spec.cell().gates();
        int u = spec.units();
        for (int i = 0; i < weights.length; i++) {
            RecurrentWeights w = weights[i];
            int l = i / spec.directions();
            Direction dir = Direction.values()[i % spec.directions()];
            ParamId[] pid = ids(name, l, dir);
            spec.kernelInit().fill(w.wIh(), gates, u, random.fork(pid[0].displayName()));
            spec.recurrentInit().fill(w.wHh(), gates, u, random.fork(pid[1].displayName()));
            Initializer.ZEROS.fill(w.bIh(), 1, u, random.fork(pid[2].displayName()));
            Initializer.ZEROS.fill(w.bHh(), 1, u, random.fork(pid[3].displayName()));
            if (spec.cell() == CellKind.LSTM) {
                for (int j = u; j < 2 * u; j++) {
                    w.bIh().setFlat(j, spec.forgetBias());
                }
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The layer's spec. */
    public RecurrentSpec spec() {
        return spec;
    }

    @Override
    public List<ParamId> parameterIds() {
        return List.copyOf(ids);
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    /** The weights of stacked layer {@code l}, direction {@code d} (views of the parameters). */
    public RecurrentWeights weights(int l, Direction d) {
        return weights[l * spec.directions() + d.ordinal()];
    }

    /** Runs from {@code initial}; the output flow carries the final state (truncated BPTT, streaming). */
    @Override
    public Flow forwardFrom(Flow input, RecurrentState initial, LayerContext context) {
        Result r = forward(input, initial, context);
        return r.output().withState(r.finalState());
    }

    /** A bidirectional layer reads each sequence from its end, so it cannot continue across windows. */
    @Override
    public boolean continuesAcrossWindows() {
        return spec.directions() == 1;
    }

    /** Runs from a zero state; the output flow carries the final state (see {@link Flow#state()}). */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        Result r = forward(input, null, context);
        return r.output().withState(r.finalState());
    }

    /**
     * Runs the layer from a given initial state.
     *
     * @param input   {@code [batch, time, inputSize]} with its mask
     * @param initial the initial state, or {@code null} for zeros
     * @param context training or inference
     * @return the output (every step, or the final state, per {@link RecurrentSpec#returnSequences()})
     *         and the final state of every stacked layer and direction
     */
    public Result forward(Flow input, RecurrentState initial, LayerContext context) {
        Tensor x = input.values();
        if (!input.isSequence() || x.rank() != 3 || x.dim(2) != inputSize) {
            throw new IllegalArgumentException("layer '" + name + "' expects a sequence batch [batch, time, "
                    + inputSize + "], got " + x.shape());
        }
        if (context.training() && !be.has(Capability.TRAINING)) {
            throw new Rnn4jException("RNN4J-BACKEND-005", "backend '" + be.id() + "' cannot train (its capabilities are "
                    + be.capabilities() + "); layer '" + name + "' was run for training. Train on a backend with "
                    + "TRAINING, for example 'cpu', and use this backend for inference.");
        }
        SequenceMask mask = input.mask();
        int b = mask.batch();
        int t = mask.time();
        int dirs = spec.directions();
        int u = spec.units();
        int n = spec.layers() * dirs;
        checkState(initial, b);
        // an inference pass (validation, generation) must not disturb what a training pass kept
        RecurrentPass[] passes = new RecurrentPass[n];
        float[][] dropMasks = new float[spec.layers()][];
        Tensor[] recurrentMasks = new Tensor[n];
        Tensor layerIn = x;
        for (int l = 0; l < spec.layers(); l++) {
            if (l > 0 && context.training() && spec.dropout() > 0) {
                dropMasks[l] = Dropouts.mask(context.random(), spec.dropout(), layerIn.size());
                Tensor dropped = Tensor.zeros(b, t, layerIn.dim(2));
                be.mul(MatrixView.of(layerIn), MatrixView.of(dropMasks[l], b * t, layerIn.dim(2)), MatrixView.of(dropped),
                        false);
                layerIn = dropped;
            }
            for (int d = 0; d < dirs; d++) {
                int i = l * dirs + d;
                Tensor h0 = initial == null ? Tensor.zeros(b, u) : initial.h().get(i);
                Tensor c0 = spec.cell().hasCellState() ? (initial == null ? Tensor.zeros(b, u) : initial.c().get(i)) : null;
                if (context.training() && spec.recurrentDropout() > 0) {
                    recurrentMasks[i] = Tensor.of(Dropouts.mask(context.random(), spec.recurrentDropout(), b * u), b, u);
                }
                // the top layer of a many-to-one network needs only the final states
                boolean sequenceOutput = l < spec.layers() - 1 || spec.returnSequences();
                passes[i] = kernel.forward(new RecurrentCall(weights[i], layerIn, mask, h0, c0, Direction.values()[d],
                        recurrentMasks[i], context.training(), sequenceOutput));
            }
            if (l < spec.layers() - 1) {
                layerIn = dirs == 1 ? passes[l * dirs].output() : concat(passes[l * dirs].output(),
                        passes[l * dirs + 1].output());
            }
        }
        List<Tensor> hs = new ArrayList<>();
        List<Tensor> cs = new ArrayList<>();
        for (RecurrentPass p : passes) {
            hs.add(p.hN());
            if (p.cN() != null) {
                cs.add(p.cN());
            }
        }
        int top = (spec.layers() - 1) * dirs;
        Flow out;
        if (spec.returnSequences()) {
            Tensor y = dirs == 1 ? passes[top].output() : merge(passes[top].output(), passes[top + 1].output());
            out = new Flow(y, mask);
        } else {
            Tensor y = dirs == 1 ? passes[top].hN().copy() : merge(passes[top].hN(), passes[top + 1].hN());
            out = Flow.vectors(y);
        }
        if (context.training()) {
            this.passes = passes;
            this.dropMasks = dropMasks;
            this.recurrentMasks = recurrentMasks;
        }
        return new Result(out, new RecurrentState(hs, cs));
    }

    private void checkState(RecurrentState s, int batch) {
        if (s == null) {
            return;
        }
        int n = spec.layers() * spec.directions();
        if (s.h().size() != n || (spec.cell().hasCellState() ? s.c().size() != n : !s.c().isEmpty())) {
            throw new IllegalArgumentException("layer '" + name + "' has " + n + " states (layers x directions)"
                    + (spec.cell().hasCellState() ? " of h and c" : " of h") + ", got " + s.h().size() + " h and "
                    + s.c().size() + " c");
        }
        for (Tensor h : s.h()) {
            if (h.size() != batch * spec.units()) {
                throw new IllegalArgumentException("layer '" + name + "' state must be [" + batch + ", " + spec.units()
                        + "], got " + h.shape());
            }
        }
    }

    /** Backpropagates; {@code gradOutput.state()}, if present, is the gradient with respect to the final state. */
    @Override
    public Flow backward(Flow gradOutput) {
        return backward(gradOutput, gradOutput.state()).input();
    }

    /**
     * Backpropagation through time through the last training forward pass.
     *
     * @param gradOutput gradient with respect to the output, or {@code null} if only the final state was
     *                   used
     * @param gradFinal  gradient with respect to the final state, or {@code null}
     * @return gradients with respect to the input and the initial state; parameter gradients are added
     *         into the {@link ParameterSet}
     */
    public Gradients backward(Flow gradOutput, RecurrentState gradFinal) {
        if (passes == null) {
            throw new IllegalStateException("layer '" + name + "': backward needs a training forward pass first");
        }
        int dirs = spec.directions();
        int u = spec.units();
        int top = (spec.layers() - 1) * dirs;
        SequenceMask mask = passes[0].call().mask();
        int b = mask.batch();
        int t = mask.time();
        Tensor[] dSeq = new Tensor[dirs];
        Tensor[] dTopFinal = new Tensor[dirs];
        if (gradOutput != null) {
            Tensor g = gradOutput.values();
            Tensor[] parts;
            if (spec.returnSequences()) {
                parts = dirs == 1 ? new Tensor[] {g} : unmerge(g, passes[top].output(), passes[top + 1].output());
                dSeq = parts;
            } else {
                parts = dirs == 1 ? new Tensor[] {g} : unmerge(g, passes[top].hN(), passes[top + 1].hN());
                dTopFinal = parts;
            }
        }
        Tensor[] dh0 = new Tensor[passes.length];
        Tensor[] dc0 = new Tensor[passes.length];
        Tensor dIn = null;
        for (int l = spec.layers() - 1; l >= 0; l--) {
            int in = layerInput(l);
            dIn = Tensor.zeros(b, t, in);
            for (int d = 0; d < dirs; d++) {
                int i = l * dirs + d;
                Tensor dhN = add(l == spec.layers() - 1 ? dTopFinal[d] : null, gradFinal == null ? null : gradFinal.h().get(i));
                Tensor dcN = gradFinal == null || gradFinal.c().isEmpty() ? null : gradFinal.c().get(i);
                RecurrentGradients g = kernel.backward(passes[i], dSeq[d], dhN, dcN, grads[i]);
                be.axpby(1f, MatrixView.of(g.dInput()), 1f, MatrixView.of(dIn), MatrixView.of(dIn));
                dh0[i] = g.dh0();
                dc0[i] = g.dc0();
            }
            if (l > 0) {
                if (dropMasks[l] != null) {
                    be.mul(MatrixView.of(dIn), MatrixView.of(dropMasks[l], b * t, in), MatrixView.of(dIn), false);
                }
                dSeq = new Tensor[dirs];
                for (int d = 0; d < dirs; d++) {
                    dSeq[d] = Tensor.zeros(b, t, u);
                    be.copy(MatrixView.of(dIn, b * t, in).cols(d * u, u), MatrixView.of(dSeq[d], b * t, u));
                }
            }
        }
        List<Tensor> hs = List.of(dh0);
        List<Tensor> cs = spec.cell().hasCellState() ? List.of(dc0) : List.of();
        return new Gradients(new Flow(dIn, mask), new RecurrentState(hs, cs));
    }

    private Tensor add(Tensor a, Tensor b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Tensor s = Tensor.zeros(a.shape().dims());
        be.axpby(1f, MatrixView.of(a), 1f, MatrixView.of(b), MatrixView.of(s));
        return s;
    }

    private Tensor concat(Tensor fwd, Tensor rev) {
        int u = spec.units();
        int rows = fwd.size() / u;
        int[] dims = fwd.shape().dims();
        dims[dims.length - 1] = 2 * u;
        Tensor out = Tensor.zeros(dims);
        MatrixView o = MatrixView.of(out, rows, 2 * u);
        be.copy(MatrixView.of(fwd, rows, u), o.cols(0, u));
        be.copy(MatrixView.of(rev, rows, u), o.cols(u, u));
        return out;
    }

    private Tensor merge(Tensor fwd, Tensor rev) {
        int u = spec.units();
        int rows = fwd.size() / u;
        if (spec.merge() == Merge.CONCAT) {
            return concat(fwd, rev);
        }
        Tensor out = Tensor.zeros(fwd.shape().dims());
        MatrixView a = MatrixView.of(fwd, rows, u);
        MatrixView r = MatrixView.of(rev, rows, u);
        MatrixView o = MatrixView.of(out, rows, u);
        switch (spec.merge()) {
            case SUM -> be.axpby(1f, a, 1f, r, o);
            case MEAN -> be.axpby(0.5f, a, 0.5f, r, o);
            case MUL -> be.mul(a, r, o, false);
            default -> throw new AssertionError(spec.merge());
        }
        return out;
    }

    /** Splits the gradient of a merged output into the gradients of the two directions. */
    private Tensor[] unmerge(Tensor g, Tensor fwd, Tensor rev) {
        int u = spec.units();
        int rows = fwd.size() / u;
        int[] dims = fwd.shape().dims();
        Tensor df = Tensor.zeros(dims);
        Tensor dr = Tensor.zeros(dims);
        MatrixView vf = MatrixView.of(df, rows, u);
        MatrixView vr = MatrixView.of(dr, rows, u);
        switch (spec.merge()) {
            case CONCAT -> {
                MatrixView gv = MatrixView.of(g, rows, 2 * u);
                be.copy(gv.cols(0, u), vf);
                be.copy(gv.cols(u, u), vr);
            }
            case SUM -> {
                be.copy(MatrixView.of(g, rows, u), vf);
                be.copy(MatrixView.of(g, rows, u), vr);
            }
            case MEAN -> {
                be.axpby(0.5f, MatrixView.of(g, rows, u), 0f, vf, vf);
                be.axpby(0.5f, MatrixView.of(g, rows, u), 0f, vr, vr);
            }
            case MUL -> {
                be.mul(MatrixView.of(g, rows, u), MatrixView.of(rev, rows, u), vf, false);
                be.mul(MatrixView.of(g, rows, u), MatrixView.of(fwd, rows, u), vr, false);
            }
            default -> throw new AssertionError(spec.merge());
        }
        return new Tensor[] {df, dr};
    }
}
