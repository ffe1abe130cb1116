package io.rnn4j.core.model;

/**
 * A layer that can start from a given recurrent state and reports its final one: what truncated
 * backpropagation through time needs to carry the state of a sequence from one window to the next
 * (and what streaming inference needs from one chunk to the next).
 *
 * <p>A layer kind implements it on its runtime layer, or the application adapts a layer to it (see
 * {@link io.rnn4j.core.train.Trainer.Builder#stateful(java.util.function.Function)}): core cannot see
 * the recurrent layers, which live in the {@code layers} module.
 */
public interface Stateful {

    /**
     * Runs the layer from {@code initial} ({@code null}: zeros). In a training context it keeps what
     * {@link Layer#backward} needs, as {@link Layer#forward} does.
     *
     * @return the output, whose {@link Flow#state()} is the final state (to pass as the next window's
     *         {@code initial})
     */
    Flow forwardFrom(Flow input, RecurrentState initial, LayerContext context);

    /**
     * Whether feeding a sequence in consecutive windows, each started from the previous window's final
     * state, gives the same outputs as feeding it whole. False for a bidirectional layer, whose reverse
     * direction reads every sequence from its end.
     */
    boolean continuesAcrossWindows();
}
