package io.rnn4j.core.spec;

/**
 * The spec of one layer or head: a record whose components are the kind's options. Implemented by the
 * spec records of every {@link io.rnn4j.core.spi.LayerKind}, ours and plugins'.
 */
public interface LayerSpec {
}
