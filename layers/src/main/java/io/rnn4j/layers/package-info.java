/**
 * The layer kinds of rnn4j and their math, written once over the backend primitives: recurrent layers
 * ({@code simple_rnn}, {@code lstm}, {@code gru}; stacked, bidirectional, with dropout between layers and
 * recurrent dropout), {@code embedding}, {@code dense} and {@code dropout}.
 *
 * <p>Each kind has a spec record (pure data, validated in its compact constructor: {@link
 * io.rnn4j.layers.RecurrentSpec}, {@link io.rnn4j.layers.DenseSpec}, {@link io.rnn4j.layers.EmbeddingSpec},
 * {@link io.rnn4j.layers.DropoutSpec}) and a runtime class built from the spec, a backend and the
 * model's {@link io.rnn4j.core.ParameterSet}. Runtime layers keep what their backward pass needs from
 * the last forward pass, so one instance serves one training or inference loop at a time.
 *
 * <p>Values flow between layers as {@link io.rnn4j.core.model.Flow}s: a {@code [batch, time, features]}
 * sequence batch with its {@link io.rnn4j.core.SequenceMask}, or a {@code [batch, features]} batch of
 * vectors. Every layer honours the mask: outputs at padded steps are zero and padded steps receive no
 * gradient.
 */
package io.rnn4j.layers;
