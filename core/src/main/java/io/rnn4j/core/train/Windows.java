package io.rnn4j.core.train;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.model.Stateful;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.TbpttSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Truncated backpropagation through time, TBPTT(k1, k2) (Williams and Peng, 1990): a batch of
 * sequences is cut into consecutive windows of {@code k1 = forward} steps; the recurrent state of every
 * {@link Stateful} layer is carried from the end of one window to the start of the next (as a value:
 * no gradient flows back across a window boundary), and each window is one optimizer step.
 *
 * <p>With {@code k2 = backward < k1}, the first {@code k1 - k2} steps of each window only advance the
 * state (an inference pass: dropout off, nothing kept for backward) and the loss and its gradient cover
 * the window's last {@code k2} steps, so the targets of those first steps never enter the loss. The
 * last window may be shorter than {@code k1}; a window in which every sequence has ended is skipped.
 *
 * <p>It applies only where each step has its own target aligned with the input's steps: a sequence
 * input and a head whose output has a step per input step ({@code many_to_many}). Everywhere else it
 * cannot mean anything (a {@code many_to_one} target depends on the whole sequence, a decoder's steps
 * are not the input's), and {@link #check} or the first batch fails with {@code RNN4J-TRAIN-001}
 * instead of silently training with full BPTT.
 */
final class Windows {
    private final Network network;
    private final TbpttSpec spec;
    private final StatefulLookup stateful;

    /** Which layers can start from a given state: the layer itself or an adapter, else {@code null}. */
    interface StatefulLookup {
        Stateful find(Layer layer);
    }

    /** The loss, backward and update of one window's training output. */
    interface Step {
        StepRunner.Outcome run(Flow output, Tensor targets, SequenceMask mask);
    }

    Windows(Network network, TbpttSpec spec, StatefulLookup stateful) {
        this.network = network;
        this.spec = spec;
        this.stateful = stateful;
    }

    private static String setting(TbpttSpec spec) {
        return "training.tbptt (forward " + spec.forward() + ", backward " + spec.backward() + ")";
    }

    private static Rnn4jException cannot(TbpttSpec spec, String why, String fix) {
        return new Rnn4jException("RNN4J-TRAIN-001", setting(spec) + " cannot apply to this model: " + why
                + ". Truncated BPTT needs a sequence input with a target at every step (a many_to_many head). " + fix);
    }

    private static final String REMOVE = "Remove training.tbptt to train with full backpropagation through time";

    /**
     * The checks that need no data: a sequence input, a per-step output, and recurrent layers that can
     * carry their state across windows.
     *
     * @throws Rnn4jException {@code RNN4J-TRAIN-001} saying why it cannot apply
     */
    static void check(Network network, TbpttSpec spec, StatefulLookup stateful) {
        LayerGraph graph = network.graph();
        if (!graph.input().hasTime()) {
            throw cannot(spec, "its input is one vector per example, so there is no time axis to cut into windows",
                    REMOVE + ".");
        }
        LayerGraph.Node head = graph.head();
        if (graph.output().kind() != ValueType.Kind.SEQUENCE) {
            throw cannot(spec, "the head '" + head.kind().id() + "' produces one output per sequence, so its target "
                    + "depends on the whole sequence and cannot be split into windows of " + spec.forward() + " steps",
                    REMOVE + ", or use a many_to_many head if the data has a target per step.");
        }
        if (head.input().kind() == ValueType.Kind.VECTOR) {
            throw cannot(spec, "the head '" + head.kind().id() + "' decodes a sequence from one vector, so its steps "
                    + "are not the input's steps", REMOVE + ".");
        }
        List<Layer> layers = network.layers();
        for (Layer l : layers) {
            Stateful s = stateful.find(l);
            if (s != null && !s.continuesAcrossWindows()) {
                throw cannot(spec, "layer '" + l.name() + "' cannot carry its state from one window to the next (a "
                        + "bidirectional layer reads every sequence from its end, which a window does not contain)",
                        REMOVE + ", or make the layer unidirectional.");
            }
        }
    }

    /** Trains on one batch, window by window. */
    StepRunner.Outcome train(TrainBatch batch, RandomSource random, Step step, String where) {
        Flow input = batch.input();
        if (batch.teacher() != null) {
            throw cannot(spec, where + " has a teacher-forcing input, so the head is a decoder whose steps are not "
                    + "the input's steps", REMOVE + ".");
        }
        if (batch.targetMask() == null || batch.targets().rank() < 2 || batch.targets().dim(1) != input.mask().time()) {
            throw cannot(spec, where + " has targets " + batch.targets().shape() + " for inputs "
                    + input.values().shape() + ", not one target per input step",
                    REMOVE + ", or give per-step targets [batch, time] or [batch, time, n] with their mask.");
        }
        int time = input.mask().time();
        RecurrentState[] states = new RecurrentState[network.layers().size()];
        double lossSum = 0;
        long count = 0;
        LayerContext advance = new LayerContext(false, random, null);
        LayerContext training = new LayerContext(true, random, null);
        for (int start = 0; start < time; start += spec.forward()) {
            int end = Math.min(start + spec.forward(), time);
            int from = Math.max(start, end - spec.backward());
            if (from > start) {
                run(window(input, start, from), advance, states, where);
            }
            SequenceMask targetMask = batch.targetMask().window(from, end);
            if (targetMask.validSteps() == 0 && input.mask().window(from, end).validSteps() == 0) {
                continue; // every sequence has ended: no state to advance, nothing to learn
            }
            network.parameters().zeroGrads();
            Flow out = run(window(input, from, end), training, states, where);
            if (!out.isSequence() || out.values().dim(1) != end - from) {
                throw cannot(spec, "the head's output " + out.values().shape() + " for a window of " + (end - from)
                        + " steps does not have one step per input step", REMOVE + ".");
            }
            StepRunner.Outcome o = step.run(out, sliceTime(batch.targets(), from, end), targetMask);
            lossSum += o.lossSum();
            count += o.count();
        }
        return new StepRunner.Outcome(lossSum, count);
    }

    /** Runs every layer, starting each {@link Stateful} one from its carried state and keeping its final one. */
    private Flow run(Flow input, LayerContext context, RecurrentState[] states, String where) {
        Flow f = input;
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Stateful s = stateful.find(layer);
            Flow out;
            if (s != null) {
                out = s.forwardFrom(f, states[i], context);
                states[i] = copy(out.state());
            } else {
                out = layer.forward(f, context);
                if (out.state() != null && out.state() != f.state()) {
                    throw cannot(spec, "layer '" + layer.name() + "' keeps a recurrent state but cannot start from a "
                            + "given one (it does not implement io.rnn4j.core.model.Stateful and no adapter was given "
                            + "with Trainer.Builder.stateful), so its state would silently restart at every window",
                            "Give the trainer a Stateful adapter for this layer, or " + REMOVE.toLowerCase(java.util.Locale.ROOT)
                                    + ".");
                }
            }
            f = out;
        }
        return f;
    }

    private static RecurrentState copy(RecurrentState s) {
        if (s == null) {
            return null;
        }
        List<Tensor> h = new ArrayList<>();
        for (Tensor t : s.h()) {
            h.add(t.copy());
        }
        List<Tensor> c = new ArrayList<>();
        for (Tensor t : s.c()) {
            c.add(t.copy());
        }
        return new RecurrentState(h, c);
    }

    /** Steps {@code [from, to)} of a sequence flow. */
    static Flow window(Flow f, int from, int to) {
        return new Flow(sliceTime(f.values(), from, to), f.mask().window(from, to));
    }

    /** Steps {@code [from, to)} of a {@code [batch, time, ...]} tensor, copied. */
    static Tensor sliceTime(Tensor t, int from, int to) {
        int[] dims = t.shape().dims();
        int batch = dims[0];
        int time = dims[1];
        int inner = 1;
        for (int i = 2; i < dims.length; i++) {
            inner *= dims[i];
        }
        dims[1] = to - from;
        Tensor out = Tensor.zeros(dims);
        int len = (to - from) * inner;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(t.data(), t.offset() + (b * time + from) * inner, out.data(), b * len, len);
        }
        return out;
    }
}
