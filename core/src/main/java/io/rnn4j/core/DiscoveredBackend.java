package io.rnn4j.core;

import io.rnn4j.core.spi.BackendProvider;

/**
 * What the {@link BackendRegistry} found about one backend provider.
 *
 * @param id           the provider's id
 * @param version      the provider's version
 * @param priority     the provider's priority
 * @param available    whether it can run here
 * @param reason       why it cannot run, if it cannot
 * @param location     the jar or directory the provider class was loaded from
 * @param providerClass fully qualified name of the provider class
 * @param provider     the provider itself
 */
public record DiscoveredBackend(String id, String version, int priority, boolean available, String reason,
        String location, String providerClass, BackendProvider provider) {

    /** One line for logs and error messages: {@code cpu 0.1.0 (priority 10, available) from /path/x.jar}. */
    public String describe() {
        return id + " " + version + " (priority " + priority + ", "
                + (available ? "available" : "unavailable: " + reason) + ") from " + location;
    }
}
