package io.rnn4j.core.data;

import io.rnn4j.core.Rnn4jException;

/**
 * A user record (one JSON line given to {@code predict}) that a data kind cannot encode: a missing or
 * extra field, a value of the wrong type, or a shape that differs from the model's. The message says
 * what was expected and what was found; the caller adds the file and line.
 */
public class RecordException extends Rnn4jException {
    /** A problem with a record, under the stable id {@code RNN4J-PRED-001}. */
    public RecordException(String message) {
        super("RNN4J-PRED-001", message);
    }

    /** A problem with a record under another stable id. */
    public RecordException(String id, String message) {
        super(id, message);
    }

    /** The message without the id prefix. */
    public String detail() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
