package io.rnn4j.onnx;

/**
 * Whether an exported graph takes the initial states of its recurrent layers as inputs.
 *
 * <p>ONNX has no portable optional input with a default whose shape depends on the batch: an initializer
 * named like an input is such a default in ONNX Runtime's C, C++ and Python APIs, but ONNX Runtime's Java
 * API refuses to feed it (checked with 1.29.0: "Unexpected number of inputs"). So the choice is made at
 * export time. Final states are outputs either way.
 */
public enum StateInputs {
    /**
     * Default. Every recurrent layer has {@code initial_h_<layer>} (and {@code initial_c_<layer>} for LSTM) as
     * a required input {@code [layers * directions, batch, units]}: feed zeros to start, and a chunk's
     * {@code Y_h_<layer>}/{@code Y_c_<layer>} to continue a stream. {@link OnnxModelRunner} feeds zeros for
     * the states a caller does not give.
     */
    REQUIRED,
    /** No state inputs: every recurrent layer starts from zeros (a smaller contract for one-shot use). */
    NONE
}
