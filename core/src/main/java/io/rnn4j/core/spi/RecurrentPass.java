package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;

/**
 * The result of a fused forward pass, kept by the caller and handed back to
 * {@link RecurrentKernel#backward}.
 *
 * <p>{@code output}, {@code hN} and {@code cN} belong to the caller: a kernel returns new tensors and does
 * not write them afterwards (a later call reads its initial state from them and writes elsewhere), so
 * generation can carry a final state into the next step without copying it.
 *
 * @param call   the inputs of the pass
 * @param output {@code [batch, time, hidden]}, zero at padded steps; may be {@code null} when the call did
 *               not ask for it ({@link RecurrentCall#sequenceOutput()})
 * @param hN     final hidden state {@code [batch, hidden]} (the state at each sequence's last processed
 *               valid step)
 * @param cN     final cell state for LSTM, else {@code null}
 * @param saved  whatever the kernel keeps for its backward pass (opaque to callers; {@code null} when
 *               the call was not for training)
 */
public record RecurrentPass(RecurrentCall call, Tensor output, Tensor hN, Tensor cN, Object saved) {
}
