package io.rnn4j.core;

/**
 * Element-wise activation functions. Each derivative is expressed through the function's output
 * {@code y = f(x)}, which is what backward passes keep.
 */
public enum Activation {
    /** {@code y = x}. */
    IDENTITY,
    /** {@code y = 1 / (1 + e^-x)}; {@code dy/dx = y (1 - y)}. */
    SIGMOID,
    /** {@code y = tanh(x)}; {@code dy/dx = 1 - y^2}. */
    TANH,
    /** {@code y = max(0, x)}; {@code dy/dx = 1 if y > 0 else 0}. */
    RELU;

    /** Applies the function to one value. */
    public float apply(float x) {
        return switch (this) {
            case IDENTITY -> x;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case RELU -> x > 0 ? x : 0f;
        };
    }

    /** The derivative at the point whose output is {@code y}. */
    public float derivativeFromOutput(float y) {
        return switch (this) {
            case IDENTITY -> 1f;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case RELU -> y > 0 ? 1f : 0f;
        };
    }

    /** Lower-case id used in configuration files ({@code tanh}, {@code relu}, ...). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
