package io.rnn4j.core;

/** What a parameter is for inside its layer. */
public enum ParamRole {
    /** Input-to-hidden weights of a recurrent layer, {@code [gates*hidden, input]}. */
    WEIGHT_IH,
    /** Hidden-to-hidden weights of a recurrent layer, {@code [gates*hidden, hidden]}. */
    WEIGHT_HH,
    /** Input bias of a recurrent layer, {@code [gates*hidden]}. */
    BIAS_IH,
    /** Recurrent bias of a recurrent layer, {@code [gates*hidden]}. */
    BIAS_HH,
    /** Weight matrix of a dense layer, {@code [in, out]}. */
    KERNEL,
    /** Bias of a dense layer, {@code [out]}. */
    BIAS,
    /** Embedding table, {@code [vocabulary, dim]}. */
    EMBEDDING;

    /** Lower-case id used in names. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
