package io.rnn4j.testkit;

import io.rnn4j.core.spi.Backend;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/** TODO. */
public final class KernelChecks {
    private KernelChecks() {
    }

    public static Stream<DynamicNode> all(Backend backend, Backend reference) {
        return Stream.empty();
    }
}
