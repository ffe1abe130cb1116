package io.rnn4j.data;

import java.util.Locale;

/**
 * A transform of a time series' values applied before differencing and normalization. YAML:
 * {@code transform: log} (the lower-case name). {@link #BOX_COX} has a parameter, so it is applied
 * through a {@link ValueTransform} that carries it; the other kinds need none.
 *
 * <p>Domains: {@code log} and {@code box_cox} need values &gt; 0, {@code sqrt} values &ge; 0,
 * {@code log1p} values &gt; -1 (so counts with zeros are fine); {@code none} takes any value.
 */
public enum SeriesTransform {
    /** Values are used as they are. */
    NONE,
    /**
     * The natural logarithm: turns multiplicative seasonality and exponential growth (a seasonal swing
     * proportional to the level) into additive ones. Every value must be greater than 0.
     */
    LOG,
    /** {@code log(1 + x)}: like {@code log} for large values, and defined at 0 (counts with zeros). */
    LOG1P,
    /** The square root: a milder variance-stabilising transform for counts; values must be &ge; 0. */
    SQRT,
    /**
     * Box-Cox (Box and Cox 1964), {@code (x^lambda - 1) / lambda} ({@code log x} for lambda 0), with
     * lambda given or fitted by maximum likelihood on the training part; values must be &gt; 0.
     */
    BOX_COX;

    /** The YAML name, such as {@code box_cox}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The transformed value of {@code x}.
     *
     * @throws IllegalStateException for {@link #BOX_COX}, which needs its lambda: use a {@link ValueTransform}
     */
    public double apply(double x) {
        return ValueTransform.of(this).apply(x);
    }

    /**
     * The original value of a transformed {@code u}.
     *
     * @throws IllegalStateException for {@link #BOX_COX}, which needs its lambda: use a {@link ValueTransform}
     */
    public double invert(double u) {
        return ValueTransform.of(this).invert(u);
    }

    /** Whether {@code x} is in the transform's domain. */
    public boolean accepts(double x) {
        return switch (this) {
            case NONE -> Double.isFinite(x);
            case LOG, BOX_COX -> x > 0 && Double.isFinite(x);
            case LOG1P -> x > -1 && Double.isFinite(x);
            case SQRT -> x >= 0 && Double.isFinite(x);
        };
    }

    /** The domain in words, for messages: {@code "greater than 0"}. */
    public String domain() {
        return switch (this) {
            case NONE -> "finite";
            case LOG, BOX_COX -> "greater than 0";
            case LOG1P -> "greater than -1";
            case SQRT -> "at least 0";
        };
    }
}
