package io.rnn4j.core.spi;

/**
 * Entry point of a backend plugin, found by {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/io.rnn4j.core.spi.BackendProvider}.
 *
 * <p>A provider must be cheap to construct and to query: no native libraries are loaded and no threads
 * are started until {@link #create(BackendOptions)}.
 */
public interface BackendProvider {

    /** Stable id used in YAML ({@code backend: cpu}), {@code --backend} and {@code RNN4J_BACKEND}. */
    String id();

    /** Chosen among available backends when none is named: the highest priority wins. */
    int priority();

    /** Whether this backend can run here (a cheap check). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, in words a user can act on. */
    default String unavailableReason() {
        return "";
    }

    /** Version of the plugin, by default its jar's {@code Implementation-Version}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** One line that says what this backend is. */
    default String description() {
        return id();
    }

    /** Creates the backend; may be expensive. */
    Backend create(BackendOptions options);
}
