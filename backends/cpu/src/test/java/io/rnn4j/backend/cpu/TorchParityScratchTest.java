package io.rnn4j.backend.cpu;

import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.testkit.TorchParityChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

class TorchParityScratchTest {
    @TestFactory
    Stream<DynamicNode> parity() {
        return TorchParityChecks.all(new CpuBackendProvider().create(BackendOptions.threads(1)));
    }
}
