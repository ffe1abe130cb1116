package io.rnn4j.core.spi;

/**
 * The capability of a pipeline whose model predicts the next token at every step (a language model):
 * {@code generate --prompt} and the report's sample use it. Found with
 * {@link DataPipeline#capability(Class)}.
 */
public interface TokenGenerator {

    /** The prompt as token ids, at least one (an empty prompt gives the unknown token). */
    int[] encodePrompt(String prompt);

    /** The text of one generated token as it is appended to what came before (with its separator). */
    String piece(int id);

    /** A prompt for the report's sample, taken from the training data. */
    String samplePrompt();
}
