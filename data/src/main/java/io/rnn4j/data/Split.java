package io.rnn4j.data;

/** The three parts of a data set. */
public enum Split {
    /** What the model is fitted on. */
    TRAIN,
    /** What early stopping and model selection look at. */
    VALIDATION,
    /** What the final score is computed on. */
    TEST
}
