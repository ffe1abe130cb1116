package io.rnn4j.runtime;

import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.PluginRegistry;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spi.BackendProvider;
import java.util.List;
import java.util.function.Function;

/**
 * Every plugin found on a class loader, through the one {@link PluginRegistry} mechanism: backends,
 * layer kinds, data kinds and distributed engines. Discovery happens when this object is made, before any injector exists,
 * so that a duplicate id or a broken plugin jar is an ordinary {@link io.rnn4j.core.Rnn4jException}
 * that the command line reports like any other error.
 *
 * @param backendProviders the backend providers, in discovery order
 * @param backends         the backend registry over them
 * @param layerKinds       the layer kinds
 * @param dataKinds        the data kinds
 * @param engines          the distributed engines ({@code spark} when rnn4j-spark is on the class path)
 */
public record Plugins(List<BackendProvider> backendProviders, BackendRegistry backends, LayerKindRegistry layerKinds,
        DataKindRegistry dataKinds, EngineRegistry engines) {

    /**
     * Discovers every plugin on {@code loader}.
     *
     * @param env environment lookup for the backend choice ({@code System::getenv})
     * @throws io.rnn4j.core.Rnn4jException {@code RNN4J-PLUGIN-001/002/003} for a broken jar, a duplicate or
     *                                      malformed id
     */
    public static Plugins discover(ClassLoader loader, Function<String, String> env) {
        List<BackendProvider> providers = PluginRegistry.load(BackendProvider.class, loader);
        return new Plugins(providers, new BackendRegistry(providers, env), LayerKindRegistry.discover(loader),
                DataKindRegistry.discover(loader), EngineRegistry.discover(loader));
    }
}
