/**
 * The backend conformance suite: the tests that every rnn4j backend, ours and third parties', passes
 * before it is trusted to train or run a model.
 *
 * <h2>Running it on a backend</h2>
 * <p>Add three test dependencies: this module, the reference backend that the suite compares with, and
 * a JUnit 5 engine:
 * <pre>{@code
 * <dependency>
 *   <groupId>io.rnn4j</groupId>
 *   <artifactId>rnn4j-testkit</artifactId>
 *   <version>${rnn4j.version}</version>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>io.rnn4j</groupId>
 *   <artifactId>rnn4j-backend-cpu</artifactId>
 *   <version>${rnn4j.version}</version>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.jupiter</groupId>
 *   <artifactId>junit-jupiter-engine</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and extend {@link io.rnn4j.testkit.BackendConformanceSuite} with one line:
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceSuite {
 *     @Override protected Backend createBackend() { return new MyBackendProvider().create(BackendOptions.threads(1)); }
 * }
 * }</pre>
 * {@code mvn test} then runs about 1,250 named tests in a few seconds. The reference backend (id
 * {@code cpu}) is found through {@link io.rnn4j.core.BackendRegistry#discover(ClassLoader)}; without
 * it, the areas that compare with it fail with a message that names the missing dependency. Override
 * {@link io.rnn4j.testkit.BackendConformanceSuite#referenceBackend()} to compare with another backend.
 * To test a multithreaded backend, create it with several threads; the tolerances allow for sums in
 * another order.
 *
 * <h2>What it checks</h2>
 * <ul>
 *   <li>{@link io.rnn4j.testkit.PrimitiveChecks}: every {@link io.rnn4j.core.spi.Backend} primitive
 *       against the reference on seeded random inputs, for shapes {@code 1x1}, {@code 1xN},
 *       {@code Nx1} and odd sizes, on compact arrays and on strided windows whose surroundings must stay
 *       untouched; in-place use; NaN in outputs that must be overwritten and in rows that must not be
 *       read; shape errors; and, independently of the reference, values computed in the test in double
 *       precision.</li>
 *   <li>{@link io.rnn4j.testkit.KernelChecks}: the backend's recurrent kernels (fused, or composed of its
 *       primitives) against the kernels composed of the reference's primitives, forward and backward,
 *       over batch, time, hidden sizes, masks, directions and recurrent dropout.</li>
 *   <li>{@link io.rnn4j.testkit.GradientChecks}: central finite differences of every layer on the
 *       backend (recurrent layers in every configuration, dense, embedding, dropout).</li>
 *   <li>{@link io.rnn4j.testkit.MaskChecks}: the mask semantics of {@link io.rnn4j.core.SequenceMask}.</li>
 *   <li>{@link io.rnn4j.testkit.StateChecks}: chunked sequences equal whole ones; seeds fix weights.</li>
 * </ul>
 * Each area is a class with a static {@code all(...)} method returning a stream of
 * {@link org.junit.jupiter.api.DynamicNode}s, so it can also be run alone from any
 * {@link org.junit.jupiter.api.TestFactory}. Areas that need backward passes are skipped, with a message,
 * for a backend without {@link io.rnn4j.core.spi.Capability#TRAINING}.
 *
 * <h2>Reading a failure</h2>
 * <p>Test names say the behaviour and the case ({@code recurrent kernels > LSTM > batch 3, time 7,
 * hidden 5 > lengths [7, 4, 1], reverse, recurrent dropout}); messages say which output differs, how many
 * elements, where the worst one is and by how much. Every input is drawn from a
 * {@link io.rnn4j.core.RandomSource} forked by the case's name from a fixed seed, so a failing case
 * fails the same way on every run and alone.
 */
package io.rnn4j.testkit;
