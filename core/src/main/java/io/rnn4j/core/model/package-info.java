/**
 * The model: value types flowing between layers, the runtime {@link io.rnn4j.core.model.Layer}
 * interface, the immutable {@link io.rnn4j.core.model.LayerGraph} compiled from a model spec with
 * inferred shapes, and the {@link io.rnn4j.core.model.Network} that runs a graph on a backend.
 */
package io.rnn4j.core.model;
