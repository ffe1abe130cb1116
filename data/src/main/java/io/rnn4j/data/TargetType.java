package io.rnn4j.data;

/**
 * How the {@code y} of a JSON Lines {@code sequences} data set is read. YAML: {@code target: auto}
 * (the lower-case name).
 */
public enum TargetType {
    /**
     * Inferred from the training file: strings and whole numbers are class labels, other numbers
     * regression values, lists of numbers vectors, lists of strings per-step labels, lists of lists
     * per-step vectors. Say {@code value} when regression targets are whole numbers, and
     * {@code step_class} / {@code step_value} for per-step targets given as lists of numbers.
     */
    AUTO,
    /** A class label per sequence: a string, or a whole number that is the class id. */
    CLASS,
    /** One number per sequence. */
    VALUE,
    /** A list of numbers per sequence. */
    VECTOR,
    /** A label (string, or whole number class id) per step. */
    STEP_CLASS,
    /** A number or a list of numbers per step. */
    STEP_VALUE
}
