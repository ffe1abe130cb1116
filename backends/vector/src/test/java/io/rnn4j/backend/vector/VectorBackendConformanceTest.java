package io.rnn4j.backend.vector;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.testkit.BackendConformanceSuite;
import java.util.Map;

/** The vector backend passes the conformance suite, on its two-thread kernels ({@link FusedKernelTest} covers one). */
class VectorBackendConformanceTest extends BackendConformanceSuite {
    @Override protected Backend createBackend() { return new VectorBackendProvider().create(new BackendOptions(2, Map.of(VectorBackend.THREADING, "fixed"))); }
}
