/**
 * The core of rnn4j: float32 tensors and shapes, sequence masks, typed parameters and their
 * initializers, the seeded random source, and the {@link io.rnn4j.core.BackendRegistry} that finds
 * execution backends through {@link java.util.ServiceLoader}.
 *
 * <p>Conventions that every module follows:
 * <ul>
 *   <li>Tensors are float32 and row-major. A batch of sequences is {@code [batch, time, features]}
 *       (batch-major); variable lengths are described by a {@link io.rnn4j.core.SequenceMask} whose
 *       padding is at the end of each sequence.</li>
 *   <li>Nothing here holds global mutable state: registries and random sources are objects.</li>
 *   <li>Plugin authors implement the types of {@code io.rnn4j.core.spi}; users import this package.</li>
 * </ul>
 */
package io.rnn4j.core;
