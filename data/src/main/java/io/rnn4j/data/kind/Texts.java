package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;

/** Text to token ids as the loaders do it. */
final class Texts {
    private Texts() {
    }

    /** The ids of {@code text}'s first {@code maxLength} tokens (0: no limit); an empty text is {@code [<unk>]}. */
    static Tensor encode(String text, Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        int[] ids = tokenizer.ids(text, vocabulary, maxLength); // no String per word; stops at maxLength
        int n = Math.max(1, ids.length);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i < ids.length ? ids[i] : Vocabulary.UNK;
        }
        return Tensor.of(f, n);
    }
}
