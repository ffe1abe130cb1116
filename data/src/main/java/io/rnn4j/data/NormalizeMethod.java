package io.rnn4j.data;

/** How a numeric column is scaled. YAML: {@code normalize: zscore} (the lower-case name). */
public enum NormalizeMethod {
    /** Values are used as they are. */
    NONE,
    /**
     * {@code (x - mean) / std} with the population standard deviation of the training part (as
     * scikit-learn's {@code StandardScaler}); a constant column gets std 1.
     */
    ZSCORE,
    /** {@code (x - min) / (max - min)} over the training part, so it maps to [0, 1]; a constant column gets range 1. */
    MINMAX
}
