package io.rnn4j.backend.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import io.rnn4j.core.spi.Capability;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VectorBackendProviderTest {

    @Test
    void isTheDefaultBackendWhenAvailable() {
        VectorBackendProvider p = new VectorBackendProvider();
        assertThat(p.id()).isEqualTo("vector");
        assertThat(p.priority()).isEqualTo(100);
        // the tests run with --add-modules jdk.incubator.vector on an AVX2/AVX-512 machine
        assertThat(p.isAvailable()).as(p.unavailableReason()).isTrue();
        assertThat(p.unavailableReason()).isEmpty();
        // an empty environment, so that RNN4J_BACKEND on the machine running the tests does not decide
        BackendRegistry registry = new BackendRegistry(ServiceLoader.load(BackendProvider.class), name -> null);
        try (Backend b = registry.select(null, BackendOptions.threads(1))) {
            assertThat(b.id()).isEqualTo("vector");
        }
    }

    @Test
    void declaresFusedKernelsAndThreadsOnlyWhenAllowedMoreThanOne() {
        try (Backend one = new VectorBackendProvider().create(BackendOptions.threads(1));
                Backend two = new VectorBackendProvider().create(new BackendOptions(4, Map.of()))) {
            assertThat(one.capabilities()).containsExactlyInAnyOrder(Capability.TRAINING, Capability.INFERENCE,
                    Capability.FUSED_RNN, Capability.FUSED_LSTM, Capability.FUSED_GRU);
            assertThat(two.capabilities()).contains(Capability.MULTITHREADED);
            for (io.rnn4j.core.spi.CellKind c : io.rnn4j.core.spi.CellKind.values()) {
                // the reset-before GRU has no fused kernel: the layer composes the vector primitives
                assertThat(one.recurrentKernel(c).isPresent()).as("fused kernel for %s", c)
                        .isEqualTo(c != io.rnn4j.core.spi.CellKind.GRU_RESET_BEFORE);
            }
        }
    }
}
