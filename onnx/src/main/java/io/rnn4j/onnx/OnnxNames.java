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
 *
 * <p>A model with a decoder head ({@code seq2seq}, {@code one_to_many}) is exported as two graphs (see
 * {@link DecoderLoop}): the encoder, {@code <name>.onnx}, with the inputs above, the final states
 * {@code Y_h_<layer>}/{@code Y_c_<layer>} of its recurrent layers, and instead of {@value #OUTPUT} the
 * decoder's first state {@value #H} (and {@value #C}) {@code [1, batch, units]}; and one decoder step,
 * {@code <name>.decoder.onnx} ({@link #decoderFileName(String)}), with inputs {@value #TOKEN}
 * ({@code int64 [batch, 1]}) or {@value #VALUE} ({@code float [batch, 1, outputs]}) and {@value #H}
 * (and {@value #C}), and outputs {@value #LOGITS} or {@value #VALUES} ({@code [batch, 1, outputs]}) and
 * {@value #H_NEXT} (and {@value #C_NEXT}).
 */
public final class OnnxNames {
    /** The model input. */
    public static final String INPUT = "input";
    /** The valid length of each sequence, int32 {@code [batch]}. */
    public static final String SEQUENCE_LENS = "sequence_lens";
    /** The model output. */
    public static final String OUTPUT = "output";
    /** Decoder pair: the decoder's hidden state, {@code [1, batch, units]} (an encoder output, a decoder-step input). */
    public static final String H = "h";
    /** Decoder pair: the LSTM decoder's cell state, {@code [1, batch, units]}. */
    public static final String C = "c";
    /** Decoder step: the hidden state after the step. */
    public static final String H_NEXT = "h_next";
    /** Decoder step: the cell state after the step. */
    public static final String C_NEXT = "c_next";
    /** Decoder step: the token fed, int64 {@code [batch, 1]}. */
    public static final String TOKEN = "token";
    /** Decoder step: the values fed ({@code one_to_many} with {@code outputs}), float {@code [batch, 1, outputs]}. */
    public static final String VALUE = "value";
    /** Decoder step: the step's logits, float {@code [batch, 1, vocabulary]}. */
    public static final String LOGITS = "logits";
    /** Decoder step: the step's values ({@code one_to_many} with {@code outputs}), float {@code [batch, 1, outputs]}. */
    public static final String VALUES = "values";
    /** Suffix of the decoder-step file, next to the encoder's {@code <name>.onnx}. */
    public static final String DECODER_SUFFIX = ".decoder.onnx";

    private OnnxNames() {
    }

    /**
     * The decoder step's file name for an encoder file name: {@code translate.onnx} gives
     * {@code translate.decoder.onnx} (a name without {@code .onnx} gets the suffix appended).
     */
    public static String decoderFileName(String encoderFileName) {
        String base = encoderFileName.endsWith(".onnx")
                ? encoderFileName.substring(0, encoderFileName.length() - ".onnx".length()) : encoderFileName;
        return base + DECODER_SUFFIX;
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
