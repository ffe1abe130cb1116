package io.rnn4j.it.plugin;

import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;

/** The {@code counting} backend: the reference backend's primitives, counting matrix products. */
public final class CountingBackendProvider implements BackendProvider {
    @Override
    public String id() {
        return "counting";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String description() {
        return "test plugin: the reference backend, counting matrix products";
    }

    @Override
    public Backend create(BackendOptions options) {
        return new CountingBackend(new CpuBackendProvider().create(options));
    }
}
