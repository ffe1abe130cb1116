package io.rnn4j.data;

import io.rnn4j.core.Rnn4jException;

/**
 * The stable ids of the data module's errors. Every one is an {@link Rnn4jException} raised while a
 * data set is loaded, before any training, whose message names the file, the line and the column
 * (and for JSON the field), what was found, what was expected, and how to fix it.
 */
public final class DataErrors {
    /** A data file does not exist or is not a regular file. */
    public static final String FILE_NOT_FOUND = "RNN4J-DATA-001";
    /** A data file could not be read (permissions, not UTF-8, I/O error). */
    public static final String READ_FAILED = "RNN4J-DATA-002";
    /** A CSV file has no column of the configured name. */
    public static final String MISSING_COLUMN = "RNN4J-DATA-003";
    /** A cell or JSON value that must be a number is not one (or is empty). */
    public static final String BAD_NUMBER = "RNN4J-DATA-004";
    /** A CSV row is malformed: wrong number of cells, an unterminated quote, a duplicate header. */
    public static final String MALFORMED_CSV = "RNN4J-DATA-005";
    /** A JSON Lines line is not a JSON object. */
    public static final String BAD_JSON = "RNN4J-DATA-006";
    /** A JSON object lacks a required field ({@code x} or {@code tokens}, {@code y}). */
    public static final String MISSING_FIELD = "RNN4J-DATA-007";
    /** A JSON field has the wrong type (a string where a list is needed, ...). */
    public static final String WRONG_TYPE = "RNN4J-DATA-008";
    /** Steps of {@code x} have different numbers of features, within a line or across lines. */
    public static final String RAGGED = "RNN4J-DATA-009";
    /** A target differs in kind or width from the targets before it. */
    public static final String INCONSISTENT_TARGET = "RNN4J-DATA-010";
    /** A file, a split or a required value is empty. */
    public static final String EMPTY = "RNN4J-DATA-011";
    /** A series or corpus is too short for one window. */
    public static final String TOO_SHORT = "RNN4J-DATA-012";
    /** A validation or test label that the training split does not have. */
    public static final String UNKNOWN_LABEL = "RNN4J-DATA-013";
    /** A data option is out of range. */
    public static final String INVALID_OPTION = "RNN4J-DATA-014";
    /** A saved vocabulary, label list or normalization file is corrupt or of another kind. */
    public static final String CORRUPT_METADATA = "RNN4J-DATA-015";
    /** A per-step target does not have as many steps as its input. */
    public static final String STEP_MISMATCH = "RNN4J-DATA-016";
    /** A token id is not a whole number in range. */
    public static final String BAD_TOKEN_ID = "RNN4J-DATA-017";
    /** Examples of different shapes or kinds were put in one batch. */
    public static final String INCOMPATIBLE_EXAMPLES = "RNN4J-DATA-018";
    /** A time series' {@code time} column repeats a time, goes back in time, misses a month or changes format. */
    public static final String TIME_ORDER = "RNN4J-DATA-019";

    private DataErrors() {
    }

    /** An {@link #INVALID_OPTION} error for the data option {@code name} (its YAML key under {@code data:}). */
    public static Rnn4jException invalidOption(String name, Object found, String expected) {
        return invalidOption("data", name, found, expected);
    }

    /** An {@link #INVALID_OPTION} error for the option {@code section.name} of the experiment file. */
    public static Rnn4jException invalidOption(String section, String name, Object found, String expected) {
        String path = section + "." + name;
        return new Rnn4jException(INVALID_OPTION, "invalid option `" + path + "`: found " + found
                + "; expected " + expected + ". Fix: change `" + path + "` in the experiment file.");
    }
}
