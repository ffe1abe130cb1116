package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;

/**
 * The result of a fused forward pass, kept by the caller and handed back to
 * {@link RecurrentKernel#backward}.
 *
 * @param call   the inputs of the pass
 * @param output {@code [batch, time, hidden]}, zero at padded steps
 * @param hN     final hidden state {@code [batch, hidden]} (the state at each sequence's last processed
 *               valid step)
 * @param cN     final cell state for LSTM, else {@code null}
 * @param saved  whatever the kernel keeps for its backward pass (opaque to callers; {@code null} when
 *               the call was not for training)
 */
public record RecurrentPass(RecurrentCall call, Tensor output, Tensor hN, Tensor cN, Object saved) {
}
