package io.rnn4j.core;

/**
 * An error that a user can act on. Every instance carries a stable id (for example
 * {@code RNN4J-BACKEND-002}) that documentation and tests refer to, and a message that says what was
 * found, what is allowed, and how to fix it.
 */
public class Rnn4jException extends RuntimeException {
    private final String id;

    /** Creates an error with a stable id and a complete message. */
    public Rnn4jException(String id, String message) {
        super(id + ": " + message);
        this.id = id;
    }

    /** Creates an error with a stable id, a complete message and its cause. */
    public Rnn4jException(String id, String message, Throwable cause) {
        super(id + ": " + message, cause);
        this.id = id;
    }

    /** The stable id of this kind of error. */
    public String id() {
        return id;
    }
}
