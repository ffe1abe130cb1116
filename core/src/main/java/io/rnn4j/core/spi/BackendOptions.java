package io.rnn4j.core.spi;

import java.util.Map;

/**
 * Options passed to {@link BackendProvider#create(BackendOptions)}.
 *
 * @param threads    number of threads a backend may use inside operations ({@code >= 1})
 * @param properties backend-specific settings, by key (unknown keys are ignored by a backend)
 */
public record BackendOptions(int threads, Map<String, String> properties) {

    /** Validates and copies. */
    public BackendOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        properties = Map.copyOf(properties);
    }

    /** One thread per available processor, no properties. */
    public static BackendOptions defaults() {
        return new BackendOptions(Runtime.getRuntime().availableProcessors(), Map.of());
    }

    /** The given number of threads, no properties. */
    public static BackendOptions threads(int threads) {
        return new BackendOptions(threads, Map.of());
    }
}
