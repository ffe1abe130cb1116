package io.rnn4j.layers.heads;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.RecurrentState;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.layers.DenseLayer;
import io.rnn4j.layers.DenseSpec;
import io.rnn4j.layers.EmbeddingLayer;
import io.rnn4j.layers.RecurrentLayer;
import io.rnn4j.layers.RecurrentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code seq2seq} head at run time: a recurrent decoder of {@code S} units started from the final
 * state of the encoder (the layers before the head), emitting logits over a target vocabulary of
 * {@code V} ids.
 *
 * <pre>
 * h_0 = [h_top,fwd ; h_top,rev]     (the encoder's top layer, directions concatenated: S units)
 * c_0 = [c_top,fwd ; c_top,rev]     (LSTM encoder and LSTM decoder; else c_0 = 0)
 * h_t = cell(E[y_{t-1}], h_{t-1})   (y_{-1} = &lt;bos&gt;)
 * z_t = h_t W_out + b_out           (logits; the loss applies the softmax)
 * </pre>
 *
 * <p>The encoder's state arrives as {@link Flow#state()} of the head's input, one tensor per encoder
 * layer and direction, indexed {@code layer * directions + direction}; the head takes the last
 * {@code directions = S / units} entries. The encoder's sequence output itself is not used.
 *
 * <p><b>Training</b> (teacher forcing): {@link LayerContext#teacher()} holds the decoder's input tokens
 * {@code [batch, T]} ({@code <bos>} followed by the target, with a mask); the output is the logits
 * {@code [batch, T, V]} with the teacher's mask. Backward runs through the output layer, the decoder
 * (yielding {@code dh_0}, {@code dc_0}) and the embedding, and returns a gradient flow for the encoder
 * whose values are zeros and whose {@link Flow#state()} is the gradient with respect to the encoder's
 * final state: zeros for lower layers, {@code dh_0} (and {@code dc_0}) split by direction for the top
 * layer. A recurrent encoder's backward reads it as the gradient of its final state.
 *
 * <p><b>Inference</b> (no teacher): decoding from {@code <bos>} ({@link #BOS}) until {@code <eos>}
 * ({@link #EOS}) or {@code maxLength} tokens, feeding back the argmax (or a {@link Sampling}'s pick, see
 * {@link #decode}); the output is the logits of the steps taken with a mask of each sequence's decoded
 * length ({@code <eos>} included), and {@link #lastTokens()} holds the ids. A training pass without a
 * teacher decodes greedily and then runs teacher-forced on the tokens it fed itself (same output;
 * the fed-back tokens get no gradient).
 *
 * <p>Sub-layers: {@code <name>_embedding} ({@code [V, embeddingDim]}), {@code <name>_decoder} (one
 * recurrent layer), {@code <name>_out} (dense, linear).
 */
public final class Seq2SeqHead implements Layer {
    /** The {@code <bos>} id fed to the decoder first. */
    public static final int BOS = 2;
    /** The {@code <eos>} id that ends a decoded sequence. */
    public static final int EOS = 3;

    private final String name;
    private final Seq2SeqSpec spec;
    private final int vocabulary;
    private final int units;
    private final Backend be;
    private final EmbeddingLayer embedding;
    private final RecurrentLayer decoder;
    private final DenseLayer out;

    private Encoder lastEncoder;
    private int[][] lastTokens;

    /**
     * What a decoding produced.
     *
     * @param logits {@code [batch, steps, V]} with each sequence's decoded length as its mask
     * @param tokens the decoded ids of each sequence ({@code <eos>} included when it was reached)
     */
    public record Decoding(Flow logits, int[][] tokens) {
    }

    /** The shape of the encoder's output and state in the last forward pass, for its gradient. */
    private record Encoder(int[] valueDims, SequenceMask mask, List<int[]> hDims, List<int[]> cDims, int directions,
            int units) {
    }

    /**
     * Binds the head to its parameters (declared by {@link #declare}).
     *
     * @param name       the head's name, prefix of its sub-layers' names
     * @param spec       the options
     * @param vocabulary the target vocabulary size (the spec's, or the data's)
     * @param stateSize  the encoder's top-layer state size with directions concatenated (the decoder's units)
     * @param params     the model's parameters
     * @param backend    the backend
     */
    public Seq2SeqHead(String name, Seq2SeqSpec spec, int vocabulary, int stateSize, ParameterSet params,
            Backend backend) {
        this.name = name;
        this.spec = spec;
        this.vocabulary = vocabulary;
        this.units = stateSize;
        this.be = backend;
        this.embedding = new EmbeddingLayer(name + "_embedding", vocabulary, spec.embeddingDim(), params, backend);
        this.decoder = new RecurrentLayer(name + "_decoder", decoderSpec(spec, stateSize), spec.embeddingDim(), params,
                backend);
        this.out = new DenseLayer(name + "_out", outSpec(vocabulary), stateSize, params, backend);
    }

    /** Declares the target embedding, the decoder and the output layer. */
    public static void declare(ParameterSet.Builder params, String name, Seq2SeqSpec spec, int vocabulary,
            int stateSize) {
        EmbeddingLayer.declare(params, name + "_embedding", vocabulary, spec.embeddingDim());
        RecurrentLayer.declare(params, name + "_decoder", decoderSpec(spec, stateSize), spec.embeddingDim());
        DenseLayer.declare(params, name + "_out", outSpec(vocabulary), stateSize);
    }

    private static RecurrentSpec decoderSpec(Seq2SeqSpec spec, int stateSize) {
        if (stateSize < 1) {
            throw new IllegalArgumentException("a seq2seq decoder needs the encoder's state size (>= 1), got " + stateSize);
        }
        return RecurrentSpec.of(spec.cell().cellKind(), stateSize);
    }

    private static DenseSpec outSpec(int vocabulary) {
        return new DenseSpec(vocabulary, Activation.IDENTITY, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        List<ParamId> ids = new ArrayList<>(embedding.parameterIds());
        ids.addAll(decoder.parameterIds());
        ids.addAll(out.parameterIds());
        return ids;
    }

    @Override
    public int outputSize() {
        return vocabulary;
    }

    @Override
    public void initialize(RandomSource random) {
        embedding.initialize(random);
        decoder.initialize(random);
        out.initialize(random);
    }

    /** The token ids of the last inference forward pass ({@code null} before one). */
    public int[][] lastTokens() {
        return lastTokens == null ? null : Arrays.stream(lastTokens).map(int[]::clone).toArray(int[][]::new);
    }

    /**
     * Teacher-forced with {@code context.teacher()}; otherwise greedy decoding (in training, followed by
     * a teacher-forced pass on the decoded tokens, see the class comment).
     */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        if (context.teacher() != null) {
            return teacherForced(input, context.teacher(), context);
        }
        Decoding d = decode(input, Sampling.greedy(), context.random());
        lastTokens = d.tokens();
        if (!context.training()) {
            return d.logits();
        }
        int b = d.tokens().length;
        int steps = d.logits().mask().time();
        Tensor fed = Tensor.zeros(b, steps);
        for (int r = 0; r < b; r++) {
            fed.setFlat(r * steps, BOS);
            for (int s = 1; s < d.tokens()[r].length; s++) {
                fed.setFlat(r * steps + s, d.tokens()[r][s - 1]);
            }
        }
        return teacherForced(input, new Flow(fed, d.logits().mask()), context);
    }

    private Flow teacherForced(Flow input, Flow teacher, LayerContext context) {
        Tensor ids = teacher.values();
        if (!teacher.isSequence() || ids.rank() != 2 || ids.dim(0) != input.batch()) {
            throw new IllegalArgumentException("seq2seq head '" + name + "': the teacher must be decoder input tokens ["
                    + input.batch() + ", time] (<bos> + target) with a mask, got " + ids.shape());
        }
        RecurrentState init = initialState(input, context.training());
        Flow e = embedding.forward(teacher, context);
        RecurrentLayer.Result r = decoder.forward(e, init, context);
        return out.forward(r.output(), context);
    }

    /** The decoder's initial state from the encoder's; in training, remembers the encoder's shapes. */
    private RecurrentState initialState(Flow input, boolean remember) {
        RecurrentState s = input.state();
        if (s == null || s.h().isEmpty()) {
            throw new IllegalArgumentException("seq2seq head '" + name + "' starts its decoder from the encoder's final "
                    + "state, but its input carries no recurrent state; end the encoder with a recurrent layer");
        }
        int n = s.h().size();
        int u = s.h().get(n - 1).dim(-1);
        int dirs = units / u;
        int b = input.batch();
        if (dirs * u != units || dirs < 1 || dirs > n || (!s.c().isEmpty() && s.c().size() != n)) {
            throw new IllegalArgumentException("seq2seq head '" + name + "' expects an encoder state of " + units
                    + " features (top layer, directions concatenated), got " + n + " h of " + u + " features and "
                    + s.c().size() + " c");
        }
        Tensor h0 = concatTop(s.h(), dirs, b, u);
        List<Tensor> c0 = List.of();
        if (spec.cell() == DecoderCell.LSTM) {
            c0 = List.of(s.c().isEmpty() ? Tensor.zeros(b, units) : concatTop(s.c(), dirs, b, u));
        }
        if (remember) {
            lastEncoder = new Encoder(input.values().shape().dims(), input.mask(),
                    s.h().stream().map(t -> t.shape().dims()).toList(), s.c().stream().map(t -> t.shape().dims()).toList(),
                    dirs, u);
        }
        return new RecurrentState(List.of(h0), c0);
    }

    private Tensor concatTop(List<Tensor> states, int dirs, int b, int u) {
        Tensor out = Tensor.zeros(b, units);
        MatrixView o = MatrixView.of(out);
        int first = states.size() - dirs;
        for (int d = 0; d < dirs; d++) {
            be.copy(MatrixView.of(states.get(first + d), b, u), o.cols(d * u, u));
        }
        return out;
    }

    /**
     * Backward through the output layer, the decoder and the embedding. Returns zeros for the encoder's
     * output and, as its state, the gradient with respect to the encoder's final state.
     */
    @Override
    public Flow backward(Flow gradOutput) {
        Encoder enc = lastEncoder;
        if (enc == null) {
            throw new IllegalStateException("seq2seq head '" + name + "': backward needs a training forward pass first");
        }
        Flow dh = out.backward(gradOutput);
        RecurrentLayer.Gradients g = decoder.backward(dh, null);
        embedding.backward(g.input());
        Tensor dh0 = g.initialState().h().get(0);
        Tensor dc0 = spec.cell() == DecoderCell.LSTM ? g.initialState().c().get(0) : null;
        List<Tensor> hs = split(dh0, enc.hDims(), enc);
        List<Tensor> cs = enc.cDims().isEmpty() ? List.of() : split(dc0, enc.cDims(), enc);
        return new Flow(Tensor.zeros(enc.valueDims()), enc.mask(), new RecurrentState(hs, cs));
    }

    /** Zeros for lower layers; the top layer's directions get their columns of {@code top} (zeros if null). */
    private List<Tensor> split(Tensor top, List<int[]> dims, Encoder enc) {
        List<Tensor> parts = new ArrayList<>();
        int first = dims.size() - enc.directions();
        for (int i = 0; i < dims.size(); i++) {
            Tensor t = Tensor.zeros(dims.get(i));
            if (i >= first && top != null) {
                int b = top.dim(0);
                be.copy(MatrixView.of(top).cols((i - first) * enc.units(), enc.units()), MatrixView.of(t, b, enc.units()));
            }
            parts.add(t);
        }
        return parts;
    }

    /**
     * Decodes from {@code <bos>} until {@code <eos>} or {@code maxLength} tokens, feeding back the token
     * that {@code sampling} picks at each step. A sequence that has ended is masked out of later steps
     * (its state is kept, its logits are zero). Keeps nothing for backward.
     *
     * @param encoded  the encoder's output, with its final state
     * @param sampling greedy, or temperature / top-k sampling
     * @param random   the source of sampling draws (unused by greedy decoding)
     */
    public Decoding decode(Flow encoded, Sampling sampling, RandomSource random) {
        LayerContext inference = new LayerContext(false, random, null);
        RecurrentState state = initialState(encoded, false);
        int b = encoded.batch();
        int v = vocabulary;
        int[] current = new int[b];
        Arrays.fill(current, BOS);
        int[] lengths = new int[b];
        boolean[] done = new boolean[b];
        int[][] tokens = new int[b][spec.maxLength()];
        List<Tensor> steps = new ArrayList<>();
        int active = b;
        while (active > 0 && steps.size() < spec.maxLength()) {
            int[] stepLen = new int[b];
            for (int r = 0; r < b; r++) {
                stepLen[r] = done[r] ? 0 : 1;
            }
            Flow e = embedding.forward(new Flow(Targets.idColumn(current), new SequenceMask(b, 1, stepLen)), inference);
            RecurrentLayer.Result res = decoder.forward(e, state, inference);
            state = res.finalState();
            Tensor z = out.forward(res.output(), inference).values(); // [b, 1, V], zero for ended sequences
            int t = steps.size();
            steps.add(z);
            for (int r = 0; r < b; r++) {
                if (done[r]) {
                    continue;
                }
                int tok = sampling.pick(z.data(), z.offset() + r * v, v, random);
                tokens[r][t] = tok;
                lengths[r] = t + 1;
                current[r] = tok;
                if (tok == EOS) {
                    done[r] = true;
                    active--;
                }
            }
        }
        Tensor logits = Tensor.zeros(b, steps.size(), v);
        for (int t = 0; t < steps.size(); t++) {
            Targets.putStep(be, steps.get(t), logits, t);
        }
        int[][] ids = new int[b][];
        for (int r = 0; r < b; r++) {
            ids[r] = Arrays.copyOf(tokens[r], lengths[r]);
        }
        return new Decoding(new Flow(logits, new SequenceMask(b, steps.size(), lengths)), ids);
    }
}
