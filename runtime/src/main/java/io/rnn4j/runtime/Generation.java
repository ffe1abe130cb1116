package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.layers.heads.Sampling;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Text generation with a many-to-many language model: the prompt is run once, then every sampled token
 * is fed as one step from the recurrent state the previous steps left ({@link Stepper}), so a token costs
 * the same whatever the length of the context; the next token is sampled from the last step's logits
 * (greedy, temperature or top-k) and its text goes to the sink at once. A model that cannot be stepped
 * (a bidirectional layer) re-runs the whole context for every token instead, and so does the rest of a
 * generation if stepping stops being possible midway (the same tokens, at the cost of re-running).
 */
public final class Generation {
    private Generation() {
    }

    /**
     * Generates {@code length} tokens after a prompt.
     *
     * @param network   a trained many-to-many model over token ids
     * @param generator the model's data pipeline as a token generator (prompt encoding, token text)
     * @param prompt    the text to continue
     * @param length    tokens to generate
     * @param sampling  how the next token is picked
     * @param random    the sampling's random source
     * @param sink      receives the text of each generated token, in order
     */
    public static void generate(Network network, TokenGenerator generator, String prompt, int length, Sampling sampling,
            RandomSource random, Consumer<String> sink) {
        Stepper stepper = Stepper.of(network);
        generate(stepper == null ? null : stepper::feed, ids -> network.forward(Flow.sequences(tokens(ids)),
                LayerContext.inference()).values(), generator.encodePrompt(prompt), length, sampling, random,
                generator::piece, sink);
    }

    /**
     * The generation loop: {@code step} feeds token ids from the state the previous calls left and gives
     * their logits ({@code null}: the model cannot be stepped, or no longer can), {@code whole} gives the
     * logits of a whole context run from the start. Once {@code step} answers {@code null}, even in the
     * middle of a generation, every further token re-runs the whole context so far (prompt and the tokens
     * generated), which gives the same tokens.
     *
     * @param step  feeds ids from the carried state, or {@code null} for a model that cannot be stepped
     * @param whole runs a whole context
     * @param piece the text of a token id
     */
    static void generate(Function<int[], Tensor> step, Function<int[], Tensor> whole, int[] prompt, int length,
            Sampling sampling, RandomSource random, IntFunction<String> piece, Consumer<String> sink) {
        int[] context = Arrays.copyOf(prompt, prompt.length + length);
        int n = prompt.length;
        Tensor logits = step == null ? null : step.apply(prompt);
        boolean stepping = logits != null;
        for (int i = 0; i < length; i++) {
            if (!stepping) {
                logits = whole.apply(Arrays.copyOf(context, n));
            }
            int steps = logits.dim(1);
            int v = logits.dim(2);
            int next = sampling.pick(logits.data(), logits.offset() + (steps - 1) * v, v, random);
            context[n++] = next;
            sink.accept(piece.apply(next));
            if (stepping && i + 1 < length) {
                logits = step.apply(new int[] {next});
                stepping = logits != null;
            }
        }
    }

    private static Tensor tokens(int[] ids) {
        float[] x = new float[ids.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = ids[j];
        }
        return Tensor.of(x, 1, x.length);
    }
}
