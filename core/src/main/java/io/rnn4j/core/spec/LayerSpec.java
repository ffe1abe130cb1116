package io.rnn4j.core.spec;

/**
 * The spec of one layer or head: a record whose components are the kind's options. Implemented by the
 * spec records of every {@link io.rnn4j.core.spi.LayerKind}, ours and plugins'.
 */
public interface LayerSpec {

    /**
     * The loss a head's outputs must be trained with, when the head decides it (a probabilistic head's
     * likelihood or quantile loss, which also knows how to read its outputs); empty to leave the loss to
     * {@code training.loss} and the task.
     */
    default java.util.Optional<io.rnn4j.core.loss.Loss> headLoss() {
        return java.util.Optional.empty();
    }
}
