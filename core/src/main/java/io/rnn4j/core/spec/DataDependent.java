package io.rnn4j.core.spec;

/**
 * A layer spec with options that default to sizes of the data (for example a head's {@code classes}).
 * The trainer resolves it once the data is loaded; before that, shapes that depend on it are reported
 * as data-dependent.
 */
public interface DataDependent {

    /** A copy with every data-dependent option that the file left out filled in from {@code facts}. */
    LayerSpec resolve(DataFacts facts);

    /**
     * What in this spec the loaded data cannot live with (for example a decoder that may write fewer tokens than
     * the longest target has), each as an option name below the spec's path and a message with the fix; none
     * by default. Reported as errors when the graph is compiled with the data's facts.
     */
    default java.util.List<Conflict> conflicts(DataFacts facts) {
        return java.util.List.of();
    }

    /**
     * One conflict with the data.
     *
     * @param option  the option's key in the spec (e.g. {@code max_length})
     * @param message what is wrong
     * @param hint    how to fix it
     */
    record Conflict(String option, String message, String hint) {
    }
}
