/**
 * The {@code vector} backend: rnn4j's fast CPU backend, written on the JDK Vector API
 * ({@code jdk.incubator.vector}), with no native code.
 *
 * <h2>Using it</h2>
 * It registers as {@code vector} with priority 100, so it is the default whenever it can run: the JVM
 * must be started with {@code --add-modules jdk.incubator.vector} (the JVM then prints one warning line
 * that the module is incubating) and the CPU's preferred vector must be at least 256 bits (AVX2,
 * AVX-512, SVE). Otherwise {@link io.rnn4j.backend.vector.VectorBackendProvider#unavailableReason()}
 * says which, and the registry falls back to the reference backend.
 *
 * <h2>What is fast, and why</h2>
 * <ul>
 *   <li>Products ({@code Gemm}): the right-hand operand in panels of four vectors (64 floats with
 *       AVX-512), a register block of four rows by four vectors with fused multiply-add, blocked over
 *       {@code k} and rows to stay in L1; about 200 GFLOP/s on one Zen 5 core for the shapes of an
 *       LSTM step. C2 does not vectorize plain loops over {@code float[]} here, so every hot loop is
 *       explicit Vector API code.</li>
 *   <li>Fused recurrent kernels ({@code FusedRecurrentKernel}) for {@code simple_rnn} (tanh, relu),
 *       {@code lstm} and {@code gru}, forward and backward through time: weights packed once per call
 *       with gate rows reordered so that each group of columns holds whole hidden units; input
 *       projections as large products a block of steps ahead; only the recurrent product inside the
 *       step loop, accumulated into the projections; gates in one sigmoid pass and one cell pass; weight
 *       gradients as products over all steps; masks decided per row; all buffers reused across calls
 *       (nothing is allocated in a step loop).</li>
 *   <li>Two threads, when the thread budget allows: a batch of eight or more is split in two halves
 *       that run their whole step loops independently; a smaller batch splits the hidden units with one
 *       barrier per step. Whether the second thread is used is measured per call shape, because on a
 *       busy machine it can make things slower (see {@code ThreadChooser}); work that needs no barrier
 *       is offered as items that either thread takes, so a worker that gets no core in time costs
 *       nothing. Large primitive products (a dense layer over all steps) are shared the same way.</li>
 * </ul>
 *
 * <h2>Numerics</h2>
 * float32 with fused multiply-add; products accumulate in float ({@code dot}, {@code sum},
 * {@code sumRows} and bias gradients in double); {@code exp}, {@code sigmoid} and {@code tanh} are our
 * own ({@code VMath}, within a few ulp). Results agree with the reference backend within the
 * conformance suite's tolerances, and are the same bits on one thread or two and before or after the
 * JIT compiles the code (the Vector API's own {@code EXP}/{@code TANH} are not: their interpreted and
 * compiled forms differ in the last bits, which made losses non-deterministic).
 *
 * <h2>Settings</h2>
 * {@link io.rnn4j.core.spi.BackendOptions#threads()} caps the threads (this backend uses one or two);
 * the property {@value io.rnn4j.backend.vector.VectorBackend#THREADING} is {@code adaptive} (default)
 * or {@code fixed} (always use both threads, e.g. for benchmarks on an idle machine).
 *
 * <h2>Limits</h2>
 * A backend instance is used by one thread at a time (as the SPI allows). A training forward pass keeps
 * its buffers until its backward pass; a pass whose buffers were taken by a later forward pass is
 * refused with a message. Java arrays cannot be aligned to cache lines, which costs a little on loads
 * that straddle two lines.
 */
package io.rnn4j.backend.vector;
