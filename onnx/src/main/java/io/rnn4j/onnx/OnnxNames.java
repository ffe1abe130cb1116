package io.rnn4j.onnx;

/**
 * The names of the inputs and outputs of an exported graph: the contract that every runtime that runs
 * an rnn4j model relies on.
 *
 * <ul>
 *   <li>{@value #INPUT}: float32 {@code [batch, time, features]}, int64 token ids {@code [batch, time]}, or
 *       float32 {@code [batch, features]} for a model whose input is one vector per example;</li>
 *   <li>{@value #SEQUENCE_LENS}: int32 {@code [batch]}, the valid length of each sequence (present
 *       whenever the input is a sequence; steps at and after the length are padding and never read);</li>
 *   <li>{@code initial_h_<layer>}, {@code initial_c_<layer>} (LSTM): float32
 *       {@code [layers * directions, batch, units]}, the initial state of a recurrent layer, rows
 *       ordered layer 0 forward, layer 0 reverse, layer 1 forward, ... (PyTorch's order); present unless
 *       the export was made with {@link StateInputs#NONE} (feed zeros to start);</li>
 *   <li>{@value #OUTPUT}: float32 {@code [batch, n]} or {@code [batch, time, n]}, the head's logits or
 *       values (zero at padded steps);</li>
 *   <li>{@code Y_h_<layer>}, {@code Y_c_<layer>}: the final state of each recurrent layer, in the shape
 *       and order of its initial state, so it can be fed back as the next chunk's initial state.</li>
 * </ul>
 * {@code <layer>} is the layer's name in the {@link io.rnn4j.core.model.LayerGraph} ({@code lstm_1}).
 */
public final class OnnxNames {
    /** The model input. */
    public static final String INPUT = "input";
    /** The valid length of each sequence, int32 {@code [batch]}. */
    public static final String SEQUENCE_LENS = "sequence_lens";
    /** The model output. */
    public static final String OUTPUT = "output";

    private OnnxNames() {
    }

    /** The optional initial hidden state of a recurrent layer. */
    public static String initialH(String layer) {
        return "initial_h_" + layer;
    }

    /** The optional initial cell state of an LSTM layer. */
    public static String initialC(String layer) {
        return "initial_c_" + layer;
    }

    /** The final hidden state of a recurrent layer. */
    public static String finalH(String layer) {
        return "Y_h_" + layer;
    }

    /** The final cell state of an LSTM layer. */
    public static String finalC(String layer) {
        return "Y_c_" + layer;
    }
}
