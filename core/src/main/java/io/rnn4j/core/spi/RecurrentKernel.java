package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;

/**
 * A whole-sequence recurrent computation for one direction of one layer: forward over all steps, and
 * backpropagation through time. Backends may provide a fused, fast implementation; the layers module
 * provides one composed of {@link Backend} primitives that works on every backend and is the reference
 * that fused kernels are tested against.
 *
 * <p>Semantics (identical for every implementation, and PyTorch's for packed sequences):
 * a padded step leaves {@code h} and {@code c} unchanged and outputs zero; the reverse direction
 * processes steps {@code length-1 .. 0} of each sequence; the final state is the state after the last
 * processed valid step.
 */
public interface RecurrentKernel {

    /** Runs the forward pass. When {@code call.training()}, keeps what {@link #backward} needs. */
    RecurrentPass forward(RecurrentCall call);

    /**
     * Backpropagation through time.
     *
     * @param pass    the result of {@link #forward} for a training call
     * @param dOutput gradient of the loss with respect to {@code pass.output()} ({@code [batch, time,
     *                hidden]}), or {@code null} if the output was not used
     * @param dhN     gradient with respect to {@code pass.hN()}, or {@code null}
     * @param dcN     gradient with respect to {@code pass.cN()}, or {@code null}
     * @param grads   weight gradients, added into (never overwritten)
     * @return gradients with respect to the input and the initial states
     */
    RecurrentGradients backward(RecurrentPass pass, Tensor dOutput, Tensor dhN, Tensor dcN, RecurrentWeights grads);

    /**
     * Gradients of one backward pass.
     *
     * @param dInput {@code [batch, time, input]}, zero at padded steps
     * @param dh0    {@code [batch, hidden]}
     * @param dc0    {@code [batch, hidden]} for LSTM, else {@code null}
     */
    record RecurrentGradients(Tensor dInput, Tensor dh0, Tensor dc0) {
    }
}
