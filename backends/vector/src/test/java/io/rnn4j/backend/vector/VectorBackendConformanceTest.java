package io.rnn4j.backend.vector;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.testkit.BackendConformanceSuite;

/** The vector backend passes the conformance suite, with its two-thread kernels ({@link FusedKernelTest} covers one thread). */
class VectorBackendConformanceTest extends BackendConformanceSuite {
    @Override protected Backend createBackend() { return new VectorBackendProvider().create(BackendOptions.threads(2)); }
}
