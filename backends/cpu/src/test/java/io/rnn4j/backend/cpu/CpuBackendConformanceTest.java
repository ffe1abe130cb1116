package io.rnn4j.backend.cpu;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.testkit.BackendConformanceSuite;

/** The reference backend passes the conformance suite (comparing with itself, and with values computed in the tests). */
class CpuBackendConformanceTest extends BackendConformanceSuite {
    @Override protected Backend createBackend() { return new CpuBackendProvider().create(BackendOptions.threads(1)); }
}
