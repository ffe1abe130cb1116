package io.rnn4j.core.spi;

import io.rnn4j.core.model.Flow;

/** What a data kind may use of the trained model to compute its report. */
public interface ReportContext {

    /** The CTC settings of the model's head (loss, blank, beam width), if it is trained with CTC. */
    default java.util.Optional<io.rnn4j.core.ctc.CtcSettings> ctc() {
        return java.util.Optional.empty();
    }

    /** The model's inference output for a batch. */
    Flow predict(Flow input);

    /**
     * Text the model generates after {@code prompt}, for kinds whose pipeline offers a
     * {@link TokenGenerator}: {@code length} tokens, sampled at {@code temperature} with the seed.
     */
    String generate(String prompt, int length, double temperature, long seed);

    /**
     * The model's forecast distribution when its head forecasts one (a Gaussian's mean and scale, or
     * quantiles), so that a kind can read point forecasts and intervals from the outputs; empty by default.
     */
    default java.util.Optional<io.rnn4j.core.loss.DistributionLoss> distribution() {
        return java.util.Optional.empty();
    }
}
