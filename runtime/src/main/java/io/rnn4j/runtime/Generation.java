package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.TokenizerKind;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.layers.heads.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * Text generation with a many-to-many language model: encode a prompt, then repeatedly run the model on
 * the last {@code window} tokens and sample the next token from the last step's logits (greedy,
 * temperature or top-k).
 */
public final class Generation {
    private Generation() {
    }

    /**
     * Generates text after a prompt.
     *
     * @param network     a trained many-to-many model over token ids
     * @param vocabulary  its vocabulary
     * @param tokenizer   how the prompt is split (as in training)
     * @param prompt      the text to continue
     * @param length      tokens to generate
     * @param sampling    greedy, temperature or top-k
     * @param random      the source of samples
     * @param window      most tokens of context fed to the model
     * @return the prompt followed by the generated text
     */
    public static String generate(Network network, Vocabulary vocabulary, Tokenizer tokenizer, String prompt, int length,
            Sampling sampling, RandomSource random, int window) {
        List<Integer> ids = new ArrayList<>();
        for (int id : vocabulary.encode(tokenizer.tokenize(prompt))) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            ids.add(Vocabulary.UNK);
        }
        int start = ids.size();
        for (int i = 0; i < length; i++) {
            int n = Math.min(window, ids.size());
            float[] x = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = ids.get(ids.size() - n + j);
            }
            Tensor logits = network.forward(Flow.sequences(Tensor.of(x, 1, n)), LayerContext.inference()).values();
            int v = logits.dim(2);
            int next = sampling.pick(logits.data(), logits.offset() + (n - 1) * v, v, random);
            ids.add(next);
        }
        int[] generated = ids.subList(start, ids.size()).stream().mapToInt(Integer::intValue).toArray();
        String sep = tokenizer.kind() == TokenizerKind.CHAR ? "" : " ";
        return prompt + (sep.isEmpty() ? "" : " ") + vocabulary.decode(generated, sep);
    }
}
