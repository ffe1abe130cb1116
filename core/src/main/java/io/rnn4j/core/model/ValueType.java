package io.rnn4j.core.model;

/**
 * What flows along an edge of a layer graph, without the batch and time sizes (which vary).
 *
 * @param kind       token ids, a sequence of vectors, or one vector per example
 * @param features   features per step or per example (for {@link Kind#TOKENS}, 1)
 * @param vocabulary number of token ids for {@link Kind#TOKENS} ({@link #UNKNOWN} until the data's
 *                   vocabulary is built), else 0
 * @param state      the recurrent state attached to the value by the layer that produced it: 0 for
 *                   none, else the size of its top layer's hidden state with directions concatenated
 *                   (what a sequence-to-sequence decoder starts from)
 * @param cellState  whether that state includes an LSTM cell state
 */
public record ValueType(Kind kind, int features, int vocabulary, int state, boolean cellState) {
    /** A size that is fixed by the data only when it is loaded (e.g. a vocabulary's size). */
    public static final int UNKNOWN = -1;

    /** The three shapes of values. */
    public enum Kind {
        /** Token ids {@code [batch, time]} with a mask. */
        TOKENS,
        /** A sequence batch {@code [batch, time, features]} with a mask. */
        SEQUENCE,
        /** A batch of vectors {@code [batch, features]}. */
        VECTOR
    }

    /** Token ids from a vocabulary of the given size (or {@link #UNKNOWN}). */
    public static ValueType tokens(int vocabulary) {
        return new ValueType(Kind.TOKENS, 1, vocabulary, 0, false);
    }

    /** A sequence of {@code features}-vectors. */
    public static ValueType sequence(int features) {
        return new ValueType(Kind.SEQUENCE, features, 0, 0, false);
    }

    /** One {@code features}-vector per example. */
    public static ValueType vector(int features) {
        return new ValueType(Kind.VECTOR, features, 0, 0, false);
    }

    /** The same value with a recurrent state of the given size attached. */
    public ValueType withState(int stateSize, boolean hasCellState) {
        return new ValueType(kind, features, vocabulary, stateSize, hasCellState);
    }

    /** Whether this value has a time axis. */
    public boolean hasTime() {
        return kind != Kind.VECTOR;
    }

    /** Words for messages: "token ids (vocabulary 20000)", "a sequence of 64 features", "a vector of 2". */
    public String describe() {
        return switch (kind) {
            case TOKENS -> "token ids" + (vocabulary == UNKNOWN ? "" : " (vocabulary " + vocabulary + ")");
            case SEQUENCE -> "a sequence of " + sizeText(features) + " features";
            case VECTOR -> "a vector of " + sizeText(features) + " features";
        };
    }

    private static String sizeText(int n) {
        return n == UNKNOWN ? "(data-dependent)" : Integer.toString(n);
    }

    /** The shape as shown by {@code inspect}: {@code (batch, time)}, {@code (batch, time, 64)}, {@code (batch, 2)}. */
    public String shapeText() {
        String f = features == UNKNOWN ? "?" : Integer.toString(features);
        return switch (kind) {
            case TOKENS -> "(batch, time)";
            case SEQUENCE -> "(batch, time, " + f + ")";
            case VECTOR -> "(batch, " + f + ")";
        };
    }
}
