package io.rnn4j.onnx;

import io.rnn4j.core.Rnn4jException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a runtime drives the decoder of a model exported as an encoder / decoder-step pair (a
 * {@code seq2seq} or {@code one_to_many} head): written into both files' {@code metadata_props} under
 * {@code rnn4j.decoder.*} and read back by {@link OnnxPairRunner}.
 *
 * <p>The loop (greedy):
 * <ol>
 *   <li>run the encoder ({@code <name>.onnx}) on the input; its outputs {@value OnnxNames#H} (and
 *       {@value OnnxNames#C}) are the decoder's first state, {@code [1, batch, units]};</li>
 *   <li>feed the decoder step ({@code <name>.decoder.onnx}) the previous output: {@value OnnxNames#TOKEN}
 *       {@code int64 [batch, 1]}, {@link #bosId()} at the first step ({@link Feedback#TOKEN}), or
 *       {@value OnnxNames#VALUE} {@code float [batch, 1, outputs]}, zeros at the first step
 *       ({@link Feedback#VALUE}); and the state {@value OnnxNames#H} / {@value OnnxNames#C};</li>
 *   <li>it returns {@value OnnxNames#LOGITS} (or {@value OnnxNames#VALUES}) {@code [batch, 1, outputs]} and the
 *       next state {@value OnnxNames#H_NEXT} / {@value OnnxNames#C_NEXT}; the next token is the argmax of
 *       the logits (first index on ties), the next value is the output itself;</li>
 *   <li>a sequence ends after it emitted {@link #eosId()} (kept as its last token) or after
 *       {@link #maxLength()} steps; without an {@code <eos>} ({@code one_to_many}) every sequence runs
 *       exactly {@link #maxLength()} steps.</li>
 * </ol>
 *
 * @param head      the head's kind: {@code seq2seq} or {@code one_to_many}
 * @param feedback  what is fed back: the picked token or the emitted values
 * @param outputs   logits (vocabulary or classes) or values per step
 * @param units     the decoder's hidden units (the width of {@value OnnxNames#H})
 * @param cellState whether the state has a cell state {@value OnnxNames#C} (an LSTM decoder)
 * @param bosId     the first token fed ({@code <bos>} = 2 for {@code seq2seq}, the start id {@code classes}
 *                  for {@code one_to_many}); {@code -1} for value feedback
 * @param eosId     the token that ends a sequence ({@code <eos>} = 3 for {@code seq2seq}); {@code -1} for none
 * @param maxLength the most steps decoded ({@code <eos>} included), exactly this many without {@code <eos>}
 */
public record DecoderLoop(String head, Feedback feedback, int outputs, int units, boolean cellState, int bosId,
        int eosId, int maxLength) {

    /** {@code metadata_props} key: {@code encoder} or {@code decoder_step}. */
    public static final String KEY_GRAPH = "rnn4j.graph";
    /** Value of {@link #KEY_GRAPH} in the encoder. */
    public static final String GRAPH_ENCODER = "encoder";
    /** Value of {@link #KEY_GRAPH} in the decoder step. */
    public static final String GRAPH_DECODER_STEP = "decoder_step";
    /** Prefix of the loop's {@code metadata_props} keys (reserved). */
    public static final String PREFIX = "rnn4j.decoder.";
    /** {@code metadata_props} key of the encoder: the decoder step's file name, in the same directory. */
    public static final String KEY_FILE = PREFIX + "file";
    /** {@code metadata_props} key: a description of the loop, in words. */
    public static final String KEY_LOOP = PREFIX + "loop";

    /** What the decoder is fed at each step. */
    public enum Feedback {
        /** The token picked from the previous step's logits, input {@value OnnxNames#TOKEN}. */
        TOKEN,
        /** The previous step's values, input {@value OnnxNames#VALUE}. */
        VALUE;

        /** {@code token} or {@code value}, as in the metadata. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates. */
    public DecoderLoop {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(feedback, "feedback");
        if (outputs < 1 || units < 1 || maxLength < 1) {
            throw new IllegalArgumentException("outputs, units and max_length must be >= 1, were " + outputs + ", "
                    + units + ", " + maxLength);
        }
        if (feedback == Feedback.TOKEN && (bosId < 0 || bosId >= outputs + 1)) {
            throw new IllegalArgumentException("a token loop needs a start id in [0, " + outputs + "], was " + bosId);
        }
    }

    /** Whether a sequence can end early, on {@link #eosId()}. */
    public boolean stopsAtEos() {
        return eosId >= 0;
    }

    /** The decoder step's input that receives the feedback: {@value OnnxNames#TOKEN} or {@value OnnxNames#VALUE}. */
    public String feedbackInput() {
        return feedback == Feedback.TOKEN ? OnnxNames.TOKEN : OnnxNames.VALUE;
    }

    /** The decoder step's per-step output: {@value OnnxNames#LOGITS} or {@value OnnxNames#VALUES}. */
    public String stepOutput() {
        return feedback == Feedback.TOKEN ? OnnxNames.LOGITS : OnnxNames.VALUES;
    }

    /** The {@code rnn4j.decoder.*} entries (without {@link #KEY_FILE} and {@link #KEY_GRAPH}). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "head", head);
        m.put(PREFIX + "feedback", feedback.id());
        m.put(PREFIX + "outputs", Integer.toString(outputs));
        m.put(PREFIX + "units", Integer.toString(units));
        m.put(PREFIX + "state", cellState ? OnnxNames.H + "," + OnnxNames.C : OnnxNames.H);
        if (feedback == Feedback.TOKEN) {
            m.put(PREFIX + "bos_id", Integer.toString(bosId));
        }
        if (eosId >= 0) {
            m.put(PREFIX + "eos_id", Integer.toString(eosId));
        }
        m.put(PREFIX + "max_length", Integer.toString(maxLength));
        m.put(KEY_LOOP, describe());
        return m;
    }

    /**
     * Reads the entries written by {@link #toMetadata()}.
     *
     * @throws Rnn4jException {@code RNN4J-ONNX-005} if they are missing or malformed (not a decoder pair
     *                        written by rnn4j)
     */
    public static DecoderLoop fromMetadata(Map<String, String> meta) {
        try {
            String head = require(meta, "head");
            Feedback feedback = Feedback.valueOf(require(meta, "feedback").toUpperCase(Locale.ROOT));
            String state = require(meta, "state");
            return new DecoderLoop(head, feedback, Integer.parseInt(require(meta, "outputs")),
                    Integer.parseInt(require(meta, "units")), state.contains(OnnxNames.C),
                    Integer.parseInt(meta.getOrDefault(PREFIX + "bos_id", "-1")),
                    Integer.parseInt(meta.getOrDefault(PREFIX + "eos_id", "-1")),
                    Integer.parseInt(require(meta, "max_length")));
        } catch (IllegalArgumentException e) {
            throw new Rnn4jException("RNN4J-ONNX-005", "the model's metadata does not describe an rnn4j decoder loop ("
                    + e.getMessage() + "); it was not written by rnn4j's exporter as an encoder / decoder-step pair", e);
        }
    }

    private static String require(Map<String, String> meta, String key) {
        String v = meta.get(PREFIX + key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + PREFIX + key + "'");
        }
        return v;
    }

    /** The loop in words, stored under {@link #KEY_LOOP}. */
    public String describe() {
        String state = cellState ? "h and c" : "h";
        String feed = feedback == Feedback.TOKEN
                ? "token (int64 [batch, 1]) = " + bosId + " for every row at the first step, then the argmax of the "
                        + "previous step's logits (first index on ties)"
                : "value (float [batch, 1, " + outputs + "]) = zeros at the first step, then the previous step's values";
        String end = eosId >= 0
                ? "A row ends after it emitted " + eosId + " (<eos>, kept as its last token) or after " + maxLength
                        + " tokens; stop when every row has ended (later steps of an ended row are ignored)."
                : "Run exactly " + maxLength + " steps.";
        return "Greedy decoding with two graphs. Run the encoder (<name>.onnx) on the input; its outputs " + state
                + " are the first state of the decoder step (<name>.decoder.onnx), [1, batch, " + units + "]. Each step "
                + "feeds " + feed + ", and the state " + state + "; it returns " + stepOutput() + " [batch, 1, " + outputs
                + "] and the next state " + (cellState ? "h_next and c_next" : "h_next") + ", fed as " + state
                + " to the next step. " + end;
    }
}
