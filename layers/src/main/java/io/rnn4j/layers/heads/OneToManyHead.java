package io.rnn4j.layers.heads;

import io.rnn4j.core.Activation;
import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
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
 * The {@code one_to_many} head at run time: a vector {@code x [batch, features]} per example starts a
 * recurrent decoder that emits a sequence {@code z [batch, T, n]} of class logits or values, with a
 * full mask.
 *
 * <pre>
 * h_0 = tanh(x W_bridge + b_bridge)            (c_0 = 0 for an LSTM decoder)
 * u_t = E[y_{t-1}]     (classes: embedding of the previous token, y_{-1} = start id = classes)
 * u_t = y_{t-1}        (values: the previous vector, y_{-1} = 0)
 * h_t = cell(u_t, h_{t-1})                     ({@link DecoderCell})
 * z_t = h_t W_out + b_out                       (linear: logits or values)
 * </pre>
 *
 * <p>{@code y_{t-1}} is the previous <em>target</em> in training (teacher forcing: the head shifts
 * {@link LayerContext#teacher()} right by one step itself; the teacher is token ids {@code [batch, T]}
 * for classes, {@code [batch, T, outputs]} for values, and {@code T} steps are emitted), and the head's
 * own previous output at inference ({@code length} steps: the predicted vector, or the token picked by
 * a {@link Sampling}, greedy by default; see {@link #generate}). A teacher step that is padded in its
 * mask is fed as the start id (classes) or zeros (values): the loss masks the step after it anyway.
 * The feedback embedding has {@code classes + 1} rows, the last for the start id.
 *
 * <p>A training pass without a teacher decodes greedily, then runs teacher-forced on what it fed
 * itself: the output is the free-running one, and the gradient treats the fed-back outputs as
 * constants (no gradient flows through the feedback).
 *
 * <p>Sub-layers (their parameter ids derive from the head's name): {@code <name>_bridge} (dense, tanh),
 * {@code <name>_embedding} (classes only), {@code <name>_decoder} (one recurrent layer),
 * {@code <name>_out} (dense, linear). Backward runs through them in reverse; the gradient with respect
 * to {@code x} comes from {@code dh_0} through the bridge.
 */
public final class OneToManyHead implements Layer {
    private final String name;
    private final OneToManySpec spec;
    private final int features;
    private final boolean classes;
    private final int n;
    private final Backend be;
    private final DenseLayer bridge;
    private final EmbeddingLayer embedding;
    private final RecurrentLayer decoder;
    private final DenseLayer out;

    /**
     * What a decoding at inference produced.
     *
     * @param output the logits or values {@code [batch, length, n]} with a full mask
     * @param tokens for classes, the emitted token ids {@code [batch][length]}; {@code null} for values
     */
    public record Generated(Flow output, int[][] tokens) {
    }

    /**
     * Binds the head to its parameters (declared by {@link #declare}).
     *
     * @param name     the head's name, prefix of its sub-layers' names
     * @param spec     the options, with {@code classes} or {@code outputs} set (resolved)
     * @param features features of the input vector
     * @param params   the model's parameters
     * @param backend  the backend
     */
    public OneToManyHead(String name, OneToManySpec spec, int features, ParameterSet params, Backend backend) {
        checkTarget(spec);
        this.name = name;
        this.spec = spec;
        this.features = features;
        this.classes = spec.classes() != null;
        this.n = classes ? spec.classes() : spec.outputs();
        this.be = backend;
        this.bridge = new DenseLayer(name + "_bridge", bridgeSpec(spec), features, params, backend);
        this.embedding = classes ? new EmbeddingLayer(name + "_embedding", n + 1, spec.embeddingDim(), params, backend)
                : null;
        this.decoder = new RecurrentLayer(name + "_decoder", decoderSpec(spec), decoderInput(spec), params, backend);
        this.out = new DenseLayer(name + "_out", new DenseSpec(n, Activation.IDENTITY, true), spec.units(), params,
                backend);
    }

    /** Declares the bridge, the feedback embedding (classes), the decoder and the output layer. */
    public static void declare(ParameterSet.Builder params, String name, OneToManySpec spec, int features) {
        checkTarget(spec);
        int size = spec.classes() != null ? spec.classes() : spec.outputs();
        DenseLayer.declare(params, name + "_bridge", bridgeSpec(spec), features);
        if (spec.classes() != null) {
            EmbeddingLayer.declare(params, name + "_embedding", size + 1, spec.embeddingDim());
        }
        RecurrentLayer.declare(params, name + "_decoder", decoderSpec(spec), decoderInput(spec));
        DenseLayer.declare(params, name + "_out", new DenseSpec(size, Activation.IDENTITY, true), spec.units());
    }

    private static void checkTarget(OneToManySpec spec) {
        if ((spec.classes() == null) == (spec.outputs() == null)) {
            throw new IllegalArgumentException("a one_to_many head needs exactly one of classes and outputs, got classes="
                    + spec.classes() + ", outputs=" + spec.outputs() + " (resolve the spec with the data first)");
        }
    }

    private static DenseSpec bridgeSpec(OneToManySpec spec) {
        return new DenseSpec(spec.units(), Activation.TANH, true);
    }

    private static RecurrentSpec decoderSpec(OneToManySpec spec) {
        return RecurrentSpec.of(spec.cell().cellKind(), spec.units());
    }

    private static int decoderInput(OneToManySpec spec) {
        return spec.classes() != null ? spec.embeddingDim() : spec.outputs();
    }

    /** The id fed to the decoder before the first token ({@code classes}). */
    public int startId() {
        if (!classes) {
            throw new IllegalStateException("one_to_many head '" + name + "' emits values; it has no start id");
        }
        return n;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ParamId> parameterIds() {
        List<ParamId> ids = new ArrayList<>(bridge.parameterIds());
        if (embedding != null) {
            ids.addAll(embedding.parameterIds());
        }
        ids.addAll(decoder.parameterIds());
        ids.addAll(out.parameterIds());
        return ids;
    }

    @Override
    public int outputSize() {
        return n;
    }

    @Override
    public void initialize(RandomSource random) {
        bridge.initialize(random);
        if (embedding != null) {
            embedding.initialize(random);
        }
        decoder.initialize(random);
        out.initialize(random);
    }

    /**
     * Teacher-forced with {@code context.teacher()}; otherwise greedy decoding of {@code length} steps
     * (in training, followed by a teacher-forced pass on what was fed back, see the class comment).
     */
    @Override
    public Flow forward(Flow input, LayerContext context) {
        Tensor x = checkInput(input);
        if (context.teacher() != null) {
            return teacherForced(x, context.teacher(), context);
        }
        Generated g = generate(input, Sampling.greedy(), context.random());
        if (!context.training()) {
            return g.output();
        }
        Flow fed;
        if (classes) {
            Tensor ids = Tensor.zeros(x.dim(0), spec.length());
            for (int b = 0; b < x.dim(0); b++) {
                for (int t = 0; t < spec.length(); t++) {
                    ids.setFlat(b * spec.length() + t, g.tokens()[b][t]);
                }
            }
            fed = Flow.sequences(ids);
        } else {
            fed = Flow.sequences(g.output().values());
        }
        return teacherForced(x, fed, context);
    }

    private Tensor checkInput(Flow input) {
        Tensor x = input.values();
        if (input.isSequence() || x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("one_to_many head '" + name + "' expects a batch of vectors [batch, "
                    + features + "], got " + x.shape() + (input.isSequence() ? " with a time axis" : ""));
        }
        return x;
    }

    private RecurrentState initialState(Tensor x, LayerContext context) {
        Tensor h0 = bridge.forward(Flow.vectors(x), context).values();
        List<Tensor> c0 = spec.cell() == DecoderCell.LSTM ? List.of(Tensor.zeros(x.dim(0), spec.units())) : List.of();
        return new RecurrentState(List.of(h0), c0);
    }

    private Flow teacherForced(Tensor x, Flow teacher, LayerContext context) {
        int b = x.dim(0);
        Tensor tv = teacher.values();
        int t = tv.dim(1);
        if (tv.dim(0) != b || tv.rank() != (classes ? 2 : 3) || (!classes && tv.dim(2) != n) || t < 1) {
            throw new IllegalArgumentException("one_to_many head '" + name + "': the teacher must be "
                    + (classes ? "token ids [" + b + ", time]" : "values [" + b + ", time, " + n + "]")
                    + " with time >= 1, got " + tv.shape());
        }
        Flow decIn;
        if (classes) {
            Tensor ids = Tensor.zeros(b, t);
            for (int r = 0; r < b; r++) {
                int len = teacher.isSequence() ? teacher.mask().length(r) : t;
                for (int s = 0; s < t; s++) {
                    int id = s == 0 || s - 1 >= len ? n : Targets.tokenId(tv, r * t + s - 1, n, name, r, s - 1);
                    ids.setFlat(r * t + s, id);
                }
            }
            decIn = embedding.forward(Flow.sequences(ids), context);
        } else {
            Tensor u = Tensor.zeros(b, t, n);
            for (int r = 0; r < b; r++) {
                int len = teacher.isSequence() ? teacher.mask().length(r) : t;
                for (int s = 1; s < t && s - 1 < len; s++) {
                    System.arraycopy(tv.data(), tv.offset() + (r * t + s - 1) * n, u.data(), (r * t + s) * n, n);
                }
            }
            decIn = Flow.sequences(u);
        }
        RecurrentLayer.Result r = decoder.forward(decIn, initialState(x, context), context);
        return out.forward(r.output(), context);
    }

    /** Backward through the output layer, the decoder, the embedding and the bridge; returns {@code dx}. */
    @Override
    public Flow backward(Flow gradOutput) {
        Flow dh = out.backward(gradOutput);
        RecurrentLayer.Gradients g = decoder.backward(dh, null);
        if (embedding != null) {
            embedding.backward(g.input());
        }
        Flow dx = bridge.backward(Flow.vectors(g.initialState().h().get(0)));
        return Flow.vectors(dx.values());
    }

    /**
     * Decodes {@code length} steps, feeding back the head's own outputs: the predicted vector (values),
     * or the token that {@code sampling} picks from each step's logits (classes). For {@code rnn4j
     * generate}. Keeps nothing for backward.
     *
     * @param input    {@code [batch, features]}
     * @param sampling how the next token is picked (ignored for values)
     * @param random   the source of sampling draws (unused by greedy decoding)
     */
    public Generated generate(Flow input, Sampling sampling, RandomSource random) {
        Tensor x = checkInput(input);
        int b = x.dim(0);
        int len = spec.length();
        LayerContext inference = new LayerContext(false, random, null);
        RecurrentState state = initialState(x, inference);
        Tensor z = Tensor.zeros(b, len, n);
        int[][] tokens = classes ? new int[b][len] : null;
        int[] prevIds = new int[b];
        Arrays.fill(prevIds, n);
        Tensor prevValues = Tensor.zeros(b, 1, classes ? 1 : n);
        for (int t = 0; t < len; t++) {
            Flow u = classes ? embedding.forward(Flow.sequences(Targets.idColumn(prevIds)), inference)
                    : Flow.sequences(prevValues);
            RecurrentLayer.Result r = decoder.forward(u, state, inference);
            state = r.finalState();
            Tensor zt = out.forward(r.output(), inference).values(); // [b, 1, n]
            Targets.putStep(be, zt, z, t);
            if (classes) {
                for (int i = 0; i < b; i++) {
                    prevIds[i] = sampling.pick(zt.data(), zt.offset() + i * n, n, random);
                    tokens[i][t] = prevIds[i];
                }
            } else {
                be.copy(MatrixView.of(zt, b, n), MatrixView.of(prevValues, b, n));
            }
        }
        return new Generated(Flow.sequences(z), tokens);
    }
}
