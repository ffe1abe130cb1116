package io.rnn4j.onnx;

import io.rnn4j.core.Activation;
import io.rnn4j.core.BackendRegistry;
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
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import io.rnn4j.layers.heads.DecoderCell;
import io.rnn4j.layers.heads.OneToManyHead;
import io.rnn4j.layers.heads.OneToManySpec;
import io.rnn4j.layers.heads.Sampling;
import io.rnn4j.layers.heads.Seq2SeqHead;
import io.rnn4j.layers.heads.Seq2SeqSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Checks an exported model against rnn4j: the same generated inputs through ONNX Runtime and through
 * the network on the reference backend ({@code cpu}) must agree to {@code 1e-5 + 1e-4 * |reference|} in
 * every value of the output and of every recurrent layer's final state.
 *
 * <p>Two cases run: every initial state at zero, and (for an export with state inputs) random initial
 * states fed to both. Inputs are a batch of sequences of different lengths, from the
 * padded length down to 1; padding holds garbage (token ids outside the vocabulary, large floats) so that
 * a graph that reads padding fails the check.
 */
public final class ParityChecker {
    /** The id of the backend that is the ground truth. */
    public static final String REFERENCE_BACKEND = "cpu";

    private final Supplier<Backend> reference;

    /** A checker whose reference backend is found by {@link java.util.ServiceLoader} (id {@value #REFERENCE_BACKEND}). */
    public ParityChecker() {
        this(() -> BackendRegistry.discover(ParityChecker.class.getClassLoader()).get(REFERENCE_BACKEND).provider()
                .create(BackendOptions.threads(1)));
    }

    /** A checker with an explicit reference backend factory (called only when the network is on another backend). */
    public ParityChecker(Supplier<Backend> reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /**
     * Runs the check.
     *
     * @param network the exported network
     * @param model   its export
     * @param options the parity inputs' batch, length and seed
     * @return the figures
     * @throws Rnn4jException {@code RNN4J-ONNX-010} with the figures if any value is out of tolerance
     */
    public ParityReport check(Network network, byte[] model, ExportOptions options) {
        Backend own = null;
        try (OnnxModelRunner runner = OnnxModelRunner.open(model, 1)) {
            Network ref = network;
            if (!REFERENCE_BACKEND.equals(network.backend().id())) {
                own = reference.get();
                ref = new Network(network.graph(), own);
                float[] values = network.parameters().values();
                System.arraycopy(values, 0, ref.parameters().values(), 0, values.length);
            }
            RandomSource random = new RandomSource(options.paritySeed());
            Flow input = generateInput(network.graph().input(), options.parityBatch(), options.parityTime(), random);
            List<ParityReport.Comparison> comparisons = new ArrayList<>();
            compareCase("zero state", ref, runner, input, Map.of(), comparisons);
            Map<String, RecurrentState> states = randomStates(ref, input.batch(), random);
            if (!states.isEmpty() && !runner.stateInputNames().isEmpty()) {
                compareCase("given state", ref, runner, input, states, comparisons);
            }
            ParityReport report = new ParityReport(comparisons);
            if (!report.passed()) {
                throw new Rnn4jException("RNN4J-ONNX-010", "the ONNX export disagrees with the reference backend "
                        + "beyond |diff| <= 1e-5 + 1e-4 * |reference| (inputs: batch " + options.parityBatch() + ", lengths "
                        + java.util.Arrays.toString(input.mask() == null ? new int[0] : input.mask().lengths())
                        + ", seed " + options.paritySeed() + "):\n" + report.describe()
                        + "Nothing was written. This is a bug in the exporter of one of the layers above; please "
                        + "report it with the model's YAML.");
            }
            return report;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /**
     * Checks a decoder head's export (an encoder and one decoder step, {@link DecoderLoop}): the encoder's
     * outputs (the decoder's first state {@code h}/{@code c} and every final state {@code Y_h_*}/{@code Y_c_*})
     * against the reference backend, then greedy decoding driven through the decoder step
     * ({@link OnnxPairRunner#greedy}) against the head's own greedy decoding on the reference backend
     * ({@link Seq2SeqHead#decode}, {@link OneToManyHead#generate}): the logits or values of every step must
     * agree to the tolerance and the decoded tokens must be identical. Cases as in {@link #check}.
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-010} with the figures if a value is out of tolerance or a token
     *                        differs
     */
    public ParityReport checkPair(Network network, byte[] encoder, byte[] decoder, ExportOptions options) {
        Backend own = null;
        try (OnnxPairRunner runner = OnnxPairRunner.open(encoder, decoder, 1)) {
            Network ref = network;
            if (!REFERENCE_BACKEND.equals(network.backend().id())) {
                own = reference.get();
                ref = new Network(network.graph(), own);
                float[] values = network.parameters().values();
                System.arraycopy(values, 0, ref.parameters().values(), 0, values.length);
            }
            RandomSource random = new RandomSource(options.paritySeed());
            Flow input = generateInput(network.graph().input(), options.parityBatch(), options.parityTime(), random);
            List<ParityReport.Comparison> comparisons = new ArrayList<>();
            List<ParityReport.TokenCheck> tokens = new ArrayList<>();
            comparePairCase("zero state", ref, runner, input, Map.of(), comparisons, tokens);
            Map<String, RecurrentState> states = randomStates(ref, input.batch(), random);
            if (!states.isEmpty() && !runner.encoder().stateInputNames().isEmpty()) {
                comparePairCase("given state", ref, runner, input, states, comparisons, tokens);
            }
            ParityReport report = new ParityReport(comparisons, tokens);
            if (!report.passed()) {
                throw new Rnn4jException("RNN4J-ONNX-010", "the ONNX export (encoder and decoder step, decoded "
                        + "greedily) disagrees with the reference backend beyond |diff| <= 1e-5 + 1e-4 * |reference| "
                        + "or in the decoded tokens (inputs: batch " + options.parityBatch() + ", lengths "
                        + java.util.Arrays.toString(input.mask() == null ? new int[0] : input.mask().lengths())
                        + ", seed " + options.paritySeed() + "):\n" + report.describe()
                        + "Nothing was written. This is a bug in the exporter of one of the layers above or of the "
                        + "head; please report it with the model's YAML.");
            }
            return report;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /** What the reference backend gives for a decoder head: its first state, its output and its tokens. */
    record ReferenceDecoding(Tensor h, Tensor c, Flow output, int[][] tokens) {
    }

    /**
     * The reference's greedy decoding: the layers before the head from {@code initial} (their final states
     * into {@code finals}), then the head's own decoding loop.
     */
    static ReferenceDecoding referenceDecoding(Network net, Flow input, Map<String, RecurrentState> initial,
            Map<String, RecurrentState> finals) {
        LayerContext ctx = LayerContext.inference();
        List<Layer> layers = net.layers();
        Flow f = forward(layers.subList(0, layers.size() - 1), input, initial, finals, ctx);
        Layer head = layers.get(layers.size() - 1);
        LayerGraph.Node node = net.graph().head();
        RandomSource unused = new RandomSource(0); // greedy decoding draws nothing
        if (head instanceof Seq2SeqHead s2s) {
            Seq2SeqSpec spec = (Seq2SeqSpec) node.spec();
            int units = node.input().state();
            RecurrentState st = f.state();
            int b = f.batch();
            int dirs = units / st.h().get(st.h().size() - 1).dim(-1);
            Tensor h = concatTop(st.h(), dirs, b, units);
            Tensor c = spec.cell() != DecoderCell.LSTM ? null
                    : st.c().isEmpty() ? Tensor.zeros(1, b, units) : concatTop(st.c(), dirs, b, units);
            Seq2SeqHead.Decoding d = s2s.decode(f, Sampling.greedy(), unused);
            return new ReferenceDecoding(h, c, d.logits(), d.tokens());
        }
        if (head instanceof OneToManyHead otm) {
            OneToManySpec spec = (OneToManySpec) node.spec();
            DenseLayer bridge = new DenseLayer(node.name() + "_bridge", new DenseSpec(spec.units(), Activation.TANH, true),
                    node.input().features(), net.parameters(), net.backend());
            Tensor h0 = bridge.forward(Flow.vectors(f.values()), ctx).values();
            Tensor h = Tensor.of(h0.toArray(), 1, f.batch(), spec.units());
            Tensor c = spec.cell() == DecoderCell.LSTM ? Tensor.zeros(1, f.batch(), spec.units()) : null;
            OneToManyHead.Generated g = otm.generate(f, Sampling.greedy(), unused);
            return new ReferenceDecoding(h, c, g.output(), g.tokens());
        }
        throw new IllegalArgumentException("not a decoder head: " + head.getClass().getName());
    }

    /** The last {@code dirs} of {@code [batch, u]} states side by side: {@code [1, batch, units]}. */
    private static Tensor concatTop(List<Tensor> states, int dirs, int b, int units) {
        int u = units / dirs;
        Tensor out = Tensor.zeros(1, b, units);
        int first = states.size() - dirs;
        for (int d = 0; d < dirs; d++) {
            Tensor s = states.get(first + d);
            for (int r = 0; r < b; r++) {
                System.arraycopy(s.data(), s.offset() + r * u, out.data(), r * units + d * u, u);
            }
        }
        return out;
    }

    private static void comparePairCase(String name, Network ref, OnnxPairRunner runner, Flow input,
            Map<String, RecurrentState> initial, List<ParityReport.Comparison> out, List<ParityReport.TokenCheck> tokens) {
        Map<String, RecurrentState> finals = new LinkedHashMap<>();
        ReferenceDecoding expected = referenceDecoding(ref, input, initial, finals);
        OnnxPairRunner.Decoding actual = runner.greedy(input, feeds(initial));
        Map<String, Tensor> enc = actual.encoderOutputs();
        out.add(compare(name, OnnxNames.H, expected.h(), enc.get(OnnxNames.H)));
        if (expected.c() != null) {
            out.add(compare(name, OnnxNames.C, expected.c(), enc.get(OnnxNames.C)));
        }
        finals.forEach((layer, s) -> {
            out.add(compare(name, OnnxNames.finalH(layer), stack(s.h()), enc.get(OnnxNames.finalH(layer))));
            if (!s.c().isEmpty()) {
                out.add(compare(name, OnnxNames.finalC(layer), stack(s.c()), enc.get(OnnxNames.finalC(layer))));
            }
        });
        String stepOutput = runner.loop().stepOutput();
        Tensor e = expected.output().values();
        Tensor a = actual.output().values();
        int common = Math.min(e.dim(1), a.dim(1));
        out.add(compare(name, stepOutput, steps(e, common), steps(a, common)));
        if (expected.tokens() != null) {
            tokens.add(compareTokens(name, expected.tokens(), actual.tokens(), e));
        } else if (e.dim(1) != a.dim(1)) {
            throw new Rnn4jException("RNN4J-ONNX-010", "the decoder pair ran " + a.dim(1) + " steps where the reference "
                    + "backend runs " + e.dim(1) + ". This is a bug in the exporter; please report it.");
        }
    }

    /** The first {@code count} steps of a {@code [batch, steps, n]} tensor. */
    private static Tensor steps(Tensor t, int count) {
        int b = t.dim(0);
        int n = t.dim(2);
        if (t.dim(1) == count) {
            return t;
        }
        Tensor out = Tensor.zeros(b, count, n);
        for (int r = 0; r < b; r++) {
            System.arraycopy(t.data(), t.offset() + r * t.dim(1) * n, out.data(), r * count * n, count * n);
        }
        return out;
    }

    private static ParityReport.TokenCheck compareTokens(String caseName, int[][] expected, int[][] actual,
            Tensor referenceLogits) {
        int[] lengths = new int[expected.length];
        int count = 0;
        String first = "";
        for (int r = 0; r < expected.length; r++) {
            lengths[r] = expected[r].length;
            count += expected[r].length;
            if (!first.isEmpty()) {
                continue;
            }
            int len = Math.max(expected[r].length, actual[r].length);
            for (int t = 0; t < len; t++) {
                int want = t < expected[r].length ? expected[r][t] : -1;
                int got = t < actual[r].length ? actual[r][t] : -1;
                if (want != got) {
                    first = String.format(java.util.Locale.ROOT, "first at row %d, step %d: reference %s, ONNX Runtime %s%s",
                            r, t, want < 0 ? "ended" : Integer.toString(want), got < 0 ? "ended" : Integer.toString(got),
                            want < 0 || got < 0 || t >= referenceLogits.dim(1) ? ""
                                    : String.format(java.util.Locale.ROOT, " (reference logits there: %d -> %s, %d -> %s)",
                                            want, logit(referenceLogits, r, t, want), got,
                                            logit(referenceLogits, r, t, got)));
                    break;
                }
            }
        }
        return new ParityReport.TokenCheck(caseName, lengths, count, first.isEmpty(), first);
    }

    private static float logit(Tensor z, int r, int t, int k) {
        return z.getFlat((r * z.dim(1) + t) * z.dim(2) + k);
    }

    private static Map<String, Tensor> feeds(Map<String, RecurrentState> initial) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        initial.forEach((layer, s) -> {
            feeds.put(OnnxNames.initialH(layer), stack(s.h()));
            if (!s.c().isEmpty()) {
                feeds.put(OnnxNames.initialC(layer), stack(s.c()));
            }
        });
        return feeds;
    }

    /**
     * Inputs for a graph: sequences of lengths {@code time} down to 1 over the batch (a batch of one has
     * the full length), valid steps uniform in {@code [-1, 1)} or ids in the vocabulary, padding garbage.
     */
    static Flow generateInput(ValueType type, int batch, int time, RandomSource random) {
        if (type.kind() == ValueType.Kind.VECTOR) {
            float[] v = new float[batch * type.features()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.uniform(-1f, 1f);
            }
            return Flow.vectors(Tensor.of(v, batch, type.features()));
        }
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = batch == 1 ? time : time - (int) Math.round((double) b * (time - 1) / (batch - 1));
        }
        return generateInput(type, time, lengths, random);
    }

    /** Sequences of the given lengths, padded to {@code time}: valid steps random, padding garbage. */
    static Flow generateInput(ValueType type, int time, int[] lengths, RandomSource random) {
        int batch = lengths.length;
        SequenceMask mask = new SequenceMask(batch, time, lengths);
        if (type.kind() == ValueType.Kind.TOKENS) {
            int vocabulary = type.vocabulary();
            float[] ids = new float[batch * time];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < time; t++) {
                    ids[b * time + t] = t < lengths[b] ? random.nextInt(vocabulary) : vocabulary + 7;
                }
            }
            return new Flow(Tensor.of(ids, batch, time), mask);
        }
        int f = type.features();
        float[] x = new float[batch * time * f];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                for (int i = 0; i < f; i++) {
                    x[(b * time + t) * f + i] = t < lengths[b] ? random.uniform(-1f, 1f) : 1000f;
                }
            }
        }
        return new Flow(Tensor.of(x, batch, time, f), mask);
    }

    private static Map<String, RecurrentState> randomStates(Network net, int batch, RandomSource random) {
        Map<String, RecurrentState> states = new LinkedHashMap<>();
        for (Layer l : net.layers()) {
            if (l instanceof RecurrentLayer rl) {
                RecurrentSpec s = rl.spec();
                int rows = s.layers() * s.directions();
                List<Tensor> h = new ArrayList<>();
                List<Tensor> c = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    h.add(uniform(random, batch, s.units()));
                    if (s.cell().hasCellState()) {
                        c.add(uniform(random, batch, s.units()));
                    }
                }
                states.put(l.name(), new RecurrentState(h, c));
            }
        }
        return states;
    }

    private static Tensor uniform(RandomSource random, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, random.uniform(-0.5f, 0.5f));
        }
        return t;
    }

    private static void compareCase(String name, Network ref, OnnxModelRunner runner, Flow input,
            Map<String, RecurrentState> initial, List<ParityReport.Comparison> out) {
        Map<String, RecurrentState> finals = new LinkedHashMap<>();
        Flow expected = forward(ref, input, initial, finals);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        initial.forEach((layer, s) -> {
            feeds.put(OnnxNames.initialH(layer), stack(s.h()));
            if (!s.c().isEmpty()) {
                feeds.put(OnnxNames.initialC(layer), stack(s.c()));
            }
        });
        Map<String, Tensor> actual = runner.run(input, feeds);
        out.add(compare(name, OnnxNames.OUTPUT, expected.values(), actual.get(OnnxNames.OUTPUT)));
        finals.forEach((layer, s) -> {
            out.add(compare(name, OnnxNames.finalH(layer), stack(s.h()), actual.get(OnnxNames.finalH(layer))));
            if (!s.c().isEmpty()) {
                out.add(compare(name, OnnxNames.finalC(layer), stack(s.c()), actual.get(OnnxNames.finalC(layer))));
            }
        });
    }

    /**
     * The network's inference forward pass, layer by layer, starting recurrent layers from
     * {@code initial} and collecting their final states into {@code finals}.
     */
    static Flow forward(Network net, Flow input, Map<String, RecurrentState> initial,
            Map<String, RecurrentState> finals) {
        return forward(net.layers(), input, initial, finals, LayerContext.inference());
    }

    private static Flow forward(List<Layer> layers, Flow input, Map<String, RecurrentState> initial,
            Map<String, RecurrentState> finals, LayerContext ctx) {
        Flow f = input;
        for (Layer l : layers) {
            if (l instanceof RecurrentLayer rl) {
                RecurrentLayer.Result r = rl.forward(f, initial.get(l.name()), ctx);
                finals.put(l.name(), r.finalState());
                f = r.output().withState(r.finalState());
            } else {
                f = l.forward(f, ctx);
            }
        }
        return f;
    }

    /** {@code rows} tensors of {@code [batch, units]} as one {@code [rows, batch, units]}. */
    static Tensor stack(List<Tensor> rows) {
        int b = rows.get(0).dim(0);
        int u = rows.get(0).dim(1);
        Tensor t = Tensor.zeros(rows.size(), b, u);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r).data(), rows.get(r).offset(), t.data(), r * b * u, b * u);
        }
        return t;
    }

    private static ParityReport.Comparison compare(String caseName, String output, Tensor expected, Tensor actual) {
        if (actual == null || !actual.shape().equals(expected.shape())) {
            throw new Rnn4jException("RNN4J-ONNX-010", "output '" + output + "' (" + caseName + ") of the ONNX export "
                    + (actual == null ? "is missing" : "has shape " + actual.shape()) + " where the reference backend "
                    + "gives " + expected.shape() + ". This is a bug in the exporter; please report it.");
        }
        double maxAbs = 0;
        double worstRatio = -1;
        int worst = 0;
        boolean passed = true;
        for (int i = 0; i < expected.size(); i++) {
            float r = expected.getFlat(i);
            float a = actual.getFlat(i);
            double d = Math.abs((double) a - r);
            double tol = ParityReport.ABSOLUTE_TOLERANCE + ParityReport.RELATIVE_TOLERANCE * Math.abs(r);
            if (!(d <= tol)) {
                passed = false;
            }
            double ratio = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d / tol;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
            maxAbs = Double.isNaN(d) ? Double.NaN : Math.max(maxAbs, d);
        }
        return new ParityReport.Comparison(caseName, output, expected.size(), maxAbs,
                unravel(worst, expected.shape().dims()), expected.getFlat(worst), actual.getFlat(worst), passed);
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = dims[i] == 0 ? 0 : flat % dims[i];
            flat = dims[i] == 0 ? 0 : flat / dims[i];
        }
        return idx;
    }
}
