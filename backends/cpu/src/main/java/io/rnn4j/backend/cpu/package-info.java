/**
 * The reference backend of rnn4j: every primitive of {@link io.rnn4j.core.spi.Backend} in plain,
 * single-threaded Java, written to be read and believed rather than to be fast.
 *
 * <p>It is the ground truth that the conformance suite ({@code rnn4j-testkit}) holds every other backend
 * to, so it follows the {@code Backend} Javadoc to the letter and is stricter than it needs to be:
 * <ul>
 *   <li>products and reductions ({@code gemm}, {@code sumRows}, {@code dot}, {@code sum},
 *       {@code softmaxRows}) accumulate in {@code double} and round to {@code float} once per output
 *       element ({@link io.rnn4j.core.spi.Capability#FLOAT64_ACCUMULATION}); element-wise operations
 *       also compute in {@code double} and round once, so each result is the correctly rounded value of
 *       its formula;</li>
 *   <li>every call checks shapes, vector and mask ranges, and that an output does not partially overlap
 *       an input (or, for {@code gemm}, overlap at all), and throws {@link IllegalArgumentException}
 *       naming the operation and the shapes; a contract violation in layer code therefore fails here
 *       instead of silently giving different numbers on a faster backend;</li>
 *   <li>NaN propagates (including through {@code relu}), except where the contract says a value is
 *       ignored: {@code gemm} with {@code beta == 0} and the unchosen row of {@code selectRows}.</li>
 * </ul>
 *
 * <p>It has no fused recurrent kernels: on this backend the layers compose the primitives, and that
 * composition is the reference that fused kernels of other backends are compared with.
 * {@link io.rnn4j.backend.cpu.CpuBackendProvider} registers it under the id {@code cpu} with priority 10,
 * so any faster backend that is available wins by default.
 */
package io.rnn4j.backend.cpu;
