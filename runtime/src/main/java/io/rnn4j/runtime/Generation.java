package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.layers.heads.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Text generation with a many-to-many language model: the prompt is run once, then every sampled token
 * is fed as one step from the recurrent state the previous steps left ({@link Stepper}), so a token costs
 * the same whatever the length of the context; the next token is sampled from the last step's logits
 * (greedy, temperature or top-k) and its text goes to the sink at once. A model that cannot be stepped
 * (a bidirectional layer) re-runs the whole context for every token instead.
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
        int[] promptIds = generator.encodePrompt(prompt);
        Stepper stepper = Stepper.of(network);
        Tensor logits = stepper == null ? null : stepper.feed(promptIds);
        if (logits == null) {
            rerun(network, generator, promptIds, length, sampling, random, sink);
            return;
        }
        for (int i = 0; i < length; i++) {
            int n = logits.dim(1);
            int v = logits.dim(2);
            int next = sampling.pick(logits.data(), logits.offset() + (n - 1) * v, v, random);
            sink.accept(generator.piece(next));
            if (i + 1 < length) {
                logits = stepper.feed(new int[] {next});
            }
        }
    }

    /** Generation that runs the whole context for every token (for models that cannot be stepped). */
    private static void rerun(Network network, TokenGenerator generator, int[] prompt, int length, Sampling sampling,
            RandomSource random, Consumer<String> sink) {
        List<Integer> ids = new ArrayList<>();
        for (int id : prompt) {
            ids.add(id);
        }
        for (int i = 0; i < length; i++) {
            float[] x = new float[ids.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = ids.get(j);
            }
            Tensor logits = network.forward(Flow.sequences(Tensor.of(x, 1, x.length)), LayerContext.inference()).values();
            int v = logits.dim(2);
            int next = sampling.pick(logits.data(), logits.offset() + (x.length - 1) * v, v, random);
            ids.add(next);
            sink.accept(generator.piece(next));
        }
    }
}
