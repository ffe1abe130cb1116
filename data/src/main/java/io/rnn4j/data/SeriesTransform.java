package io.rnn4j.data;

/**
 * A transform of a time series' values applied before differencing and normalization. YAML:
 * {@code transform: log} (the lower-case name).
 */
public enum SeriesTransform {
    /** Values are used as they are. */
    NONE,
    /**
     * The natural logarithm: turns multiplicative seasonality and exponential growth (a seasonal swing
     * proportional to the level) into additive ones. Every value must be greater than 0.
     */
    LOG;

    /** The transformed value of {@code x}. */
    public double apply(double x) {
        return this == LOG ? Math.log(x) : x;
    }

    /** The original value of a transformed {@code u}. */
    public double invert(double u) {
        return this == LOG ? Math.exp(u) : u;
    }
}
