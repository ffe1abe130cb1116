package io.rnn4j.backend.cpu;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import java.util.Objects;

/**
 * Registers the reference backend ({@link CpuBackend}) under the id {@value #ID}. It needs nothing but
 * a JVM, so it is always available; its low priority lets any faster available backend win when none
 * is named.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The id of this backend ({@code backend: cpu}, {@code --backend cpu}, {@code RNN4J_BACKEND=cpu}). */
    public static final String ID = "cpu";

    /** Low on purpose: the reference backend is the fallback, not the default of choice. */
    public static final int PRIORITY = 10;

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public CpuBackendProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String description() {
        return "reference backend: plain Java, float64 accumulation";
    }

    /** Creates a {@link CpuBackend}; it is single-threaded, so {@code options.threads()} is ignored. */
    @Override
    public Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        return new CpuBackend();
    }
}
