/**
 * The service-provider interface for execution backends. A plugin author implements this package and
 * nothing else.
 *
 * <h2>Writing a backend</h2>
 * <ol>
 *   <li>Implement {@link io.rnn4j.core.spi.BackendProvider}: an {@code id}, a {@code priority}, a cheap
 *       {@code isAvailable()} (does the native library load? is this the right CPU?) and a lazy
 *       {@code create(BackendOptions)}. Register the class in
 *       {@code META-INF/services/io.rnn4j.core.spi.BackendProvider}.</li>
 *   <li>Implement {@link io.rnn4j.core.spi.Backend}: declare {@link io.rnn4j.core.spi.Capability
 *       capabilities} and the primitive operations. Every primitive works on
 *       {@link io.rnn4j.core.spi.MatrixView}s, BLAS-style windows of {@code float[]} buffers with a
 *       row stride, so the layer math in {@code rnn4j-layers} can address a gate's columns or one time
 *       step's rows without copying. Semantics of each primitive are in its Javadoc; the reference
 *       backend ({@code rnn4j-backend-cpu}) is a plain implementation of exactly those semantics.
 *       {@link io.rnn4j.core.spi.MatrixChecks} validates arguments with the same messages rnn4j's own
 *       backends give; {@link io.rnn4j.core.spi.ForwardingBackend} is the base for a backend that
 *       decorates or delegates to another one.</li>
 *   <li>Optionally return a fused {@link io.rnn4j.core.spi.RecurrentKernel} from
 *       {@link io.rnn4j.core.spi.Backend#recurrentKernel(io.rnn4j.core.spi.CellKind)}: a whole-sequence
 *       forward and backward for one direction of one layer. Where a backend returns none, the layers
 *       compose the primitives, so a backend with primitives alone is complete.</li>
 *   <li>Extend {@code io.rnn4j.testkit.BackendConformanceSuite} in a test class of your plugin (one
 *       line) with {@code rnn4j-backend-cpu} on the test class path: it checks every primitive and every
 *       fused kernel against the reference backend, and the layers built on your backend against PyTorch
 *       reference outputs and gradients.</li>
 * </ol>
 */
package io.rnn4j.core.spi;
