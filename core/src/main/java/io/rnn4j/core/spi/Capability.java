package io.rnn4j.core.spi;

/**
 * What a backend can do. A model is checked against its backend's capabilities when it is compiled,
 * so a missing capability is an error before training starts, never in the middle of it.
 */
public enum Capability {
    /** Can run backward passes, so models can be trained on it. */
    TRAINING,
    /** Can run forward passes. */
    INFERENCE,
    /** Provides a fused whole-sequence kernel for simple RNN cells. */
    FUSED_RNN,
    /** Provides a fused whole-sequence kernel for LSTM cells. */
    FUSED_LSTM,
    /** Provides a fused whole-sequence kernel for GRU cells. */
    FUSED_GRU,
    /** Provides a fused whole-sequence kernel for reset-before GRU cells ({@code CellKind.GRU_RESET_BEFORE}). */
    FUSED_GRU_RESET_BEFORE,
    /** Accumulates products and reductions in float64 (useful for gradient checks). */
    FLOAT64_ACCUMULATION,
    /** Uses more than one thread inside operations. */
    MULTITHREADED
}
