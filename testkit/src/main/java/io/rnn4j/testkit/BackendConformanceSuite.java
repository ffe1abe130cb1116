package io.rnn4j.testkit;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The backend conformance suite: every backend, ours and third parties', passes it. A backend's test
 * extends this class in one line:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceSuite {
 *     @Override protected Backend createBackend() { return new MyBackendProvider().create(BackendOptions.threads(1)); }
 * }
 * }</pre>
 *
 * and has {@code io.rnn4j:rnn4j-backend-cpu} (the reference backend) as a test dependency. Each area is
 * one {@link TestFactory} of named dynamic tests, and can also be run on its own through its class:
 * <ul>
 *   <li>{@link PrimitiveChecks}: every primitive against the reference backend, plus values computed in
 *       the test in double precision;</li>
 *   <li>{@link KernelChecks}: the backend's recurrent kernels (fused, or composed of its primitives)
 *       against the kernels composed of the reference backend's primitives, forward and backward;</li>
 *   <li>{@link GradientChecks}: finite-difference gradient checks of every layer on the backend;</li>
 *   <li>{@link MaskChecks}: the mask semantics (padding never changes a state, padded outputs are zero,
 *       ...);</li>
 *   <li>{@link StateChecks}: chunked sequences equal whole ones, and seeds fix the weights.</li>
 * </ul>
 *
 * <p>The backend is created once for the class (per-class test instance) and closed after all its
 * tests. Areas that need the {@link io.rnn4j.core.spi.Capability#TRAINING} capability are skipped, with
 * a message, for an inference-only backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {
    /** The id of the reference backend. */
    public static final String REFERENCE_ID = "cpu";

    private Backend backend;
    private Backend reference;

    /** Creates the backend under test; called once per test class. */
    protected abstract Backend createBackend();

    /**
     * The reference backend that {@link PrimitiveChecks} and {@link KernelChecks} compare with: the
     * backend with id {@value #REFERENCE_ID}, found with {@link BackendRegistry#discover(ClassLoader)} on
     * this test's class loader and created with one thread.
     *
     * @throws AssertionError naming the missing dependency when no such backend is on the class path
     */
    protected Backend referenceBackend() {
        BackendRegistry registry = BackendRegistry.discover(getClass().getClassLoader());
        Optional<DiscoveredBackend> cpu = registry.backends().stream().filter(d -> d.id().equals(REFERENCE_ID))
                .findFirst();
        if (cpu.isEmpty()) {
            String found = registry.backends().isEmpty() ? "no backend"
                    : registry.backends().stream().map(DiscoveredBackend::describe).collect(Collectors.joining("; "));
            throw new AssertionError("The conformance suite compares " + getClass().getName() + " with the reference "
                    + "backend '" + REFERENCE_ID + "', which is not on the test class path (found: " + found + "). "
                    + "Add the test dependency io.rnn4j:rnn4j-backend-cpu (<scope>test</scope>) to your build.");
        }
        return cpu.get().provider().create(BackendOptions.threads(1));
    }

    /** The backend under test, created on first use. */
    protected final Backend backend() {
        if (backend == null) {
            backend = createBackend();
            if (backend == null) {
                throw new IllegalStateException(getClass().getName() + ".createBackend() returned null");
            }
        }
        return backend;
    }

    /** The reference backend, created on first use. */
    protected final Backend reference() {
        if (reference == null) {
            reference = referenceBackend();
        }
        return reference;
    }

    /** Every primitive against the reference backend, and against values computed in double precision. */
    @TestFactory
    @DisplayName("primitives")
    protected Stream<DynamicNode> primitives() {
        return PrimitiveChecks.all(backend(), reference());
    }

    /** The recurrent kernels against kernels composed of the reference backend's primitives. */
    @TestFactory
    @DisplayName("recurrent kernels")
    protected Stream<DynamicNode> kernels() {
        return KernelChecks.all(backend(), reference());
    }

    /** Finite-difference gradient checks of every layer. */
    @TestFactory
    @DisplayName("gradients")
    protected Stream<DynamicNode> gradients() {
        return GradientChecks.all(backend());
    }

    /** The mask semantics. */
    @TestFactory
    @DisplayName("masks")
    protected Stream<DynamicNode> masks() {
        return MaskChecks.all(backend());
    }

    /** Streaming state and deterministic initialisation. */
    @TestFactory
    @DisplayName("state and seeds")
    protected Stream<DynamicNode> states() {
        return StateChecks.all(backend());
    }

    /** Closes the backends (once each, even when the reference is the backend under test). */
    @AfterAll
    protected void closeBackends() {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            if (reference != null && reference != backend) {
                reference.close();
            }
            backend = null;
            reference = null;
        }
    }
}
