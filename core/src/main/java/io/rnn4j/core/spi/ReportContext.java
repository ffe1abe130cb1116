package io.rnn4j.core.spi;

import io.rnn4j.core.model.Flow;

/** What a data kind may use of the trained model to compute its report. */
public interface ReportContext {

    /** The model's inference output for a batch. */
    Flow predict(Flow input);

    /**
     * Text the model generates after {@code prompt}, for kinds whose pipeline offers a
     * {@link TokenGenerator}: {@code length} tokens, sampled at {@code temperature} with the seed.
     */
    String generate(String prompt, int length, double temperature, long seed);
}
