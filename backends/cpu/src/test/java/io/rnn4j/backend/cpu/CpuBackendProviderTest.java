package io.rnn4j.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.DiscoveredBackend;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.Capability;
import io.rnn4j.core.spi.CellKind;
import org.junit.jupiter.api.Test;

class CpuBackendProviderTest {

    @Test
    void serviceLoaderDiscoveryFindsTheCpuBackendAndPicksItWhenNothingElseIsAvailable() {
        String env = System.getenv(BackendRegistry.ENV_VAR);
        assumeTrue(env == null || env.isBlank() || env.equals("cpu"), "RNN4J_BACKEND names another backend");
        BackendRegistry registry = BackendRegistry.discover(getClass().getClassLoader());

        assertThat(registry.backends()).extracting(DiscoveredBackend::id).contains("cpu");
        DiscoveredBackend chosen = registry.choose(null);
        assertThat(chosen.id()).isEqualTo("cpu");
        assertThat(chosen.priority()).isEqualTo(10);
        assertThat(chosen.available()).isTrue();
        assertThat(chosen.providerClass()).isEqualTo(CpuBackendProvider.class.getName());
        try (Backend backend = registry.select(null, BackendOptions.threads(1))) {
            assertThat(backend).isInstanceOf(CpuBackend.class);
        }
    }

    @Test
    void providerDescribesTheReferenceBackend() {
        CpuBackendProvider provider = new CpuBackendProvider();
        assertThat(provider.id()).isEqualTo("cpu");
        assertThat(provider.priority()).isEqualTo(10);
        assertThat(provider.isAvailable()).isTrue();
        assertThat(provider.description()).isEqualTo("reference backend: plain Java, float64 accumulation");
    }

    @Test
    void backendCanTrainAndInferWithFloat64AccumulationAndHasNoFusedKernels() {
        Backend backend = new CpuBackendProvider().create(BackendOptions.defaults());
        assertThat(backend.id()).isEqualTo("cpu");
        assertThat(backend.capabilities()).containsExactlyInAnyOrder(Capability.TRAINING, Capability.INFERENCE,
                Capability.FLOAT64_ACCUMULATION);
        for (CellKind cell : CellKind.values()) {
            assertThat(backend.recurrentKernel(cell)).as("fused kernel for %s", cell).isEmpty();
            assertThat(backend.has(cell.fusedCapability())).isFalse();
        }
    }
}
