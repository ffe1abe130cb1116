package io.rnn4j.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spi.BackendProvider;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.schema.SchemaExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.ServiceConfigurationError;
import java.util.function.Function;

/**
 * Binds the rnn4j application: every {@link BackendProvider} and {@link LayerKind} found by
 * {@link ServiceLoader} on the given class loader goes into a {@link MapBinder} keyed by its id (a
 * test or an embedding application can add more with its own {@code MapBinder}), and the registries,
 * the {@link ExperimentLoader} and the {@link SchemaExporter} are provided from those maps.
 */
public final class Rnn4jModule extends AbstractModule {
    private final ClassLoader loader;
    private final Function<String, String> env;

    /** Discovers plugins on {@code loader} and reads the real environment. */
    public Rnn4jModule(ClassLoader loader) {
        this(loader, System::getenv);
    }

    /** Discovers plugins on {@code loader}; {@code env} answers environment lookups. */
    public Rnn4jModule(ClassLoader loader, Function<String, String> env) {
        this.loader = loader;
        this.env = env;
    }

    @Override
    protected void configure() {
        MapBinder<String, BackendProvider> backends = MapBinder.newMapBinder(binder(), String.class, BackendProvider.class);
        for (BackendProvider p : load(BackendProvider.class)) {
            backends.addBinding(p.id()).toInstance(p);
        }
        MapBinder<String, LayerKind<?>> kinds = MapBinder.newMapBinder(binder(), new TypeLiteral<String>() { },
                new TypeLiteral<LayerKind<?>>() { });
        for (LayerKind<?> k : load(LayerKind.class)) {
            kinds.addBinding(k.id()).toInstance(k);
        }
        bind(new com.google.inject.TypeLiteral<Function<String, String>>() { }).annotatedWith(Names.named("env"))
                .toInstance(env);
    }

    private <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        try {
            for (T t : ServiceLoader.load(type, loader)) {
                out.add(t);
            }
        } catch (ServiceConfigurationError e) {
            throw new Rnn4jException("RNN4J-PLUGIN-001", "a plugin listed in META-INF/services/" + type.getName()
                    + " could not be loaded: " + e.getMessage() + ". Check that the plugin jar is complete.", e);
        }
        return out;
    }

    /** The backends, by id (duplicates are rejected by the map binder with both sources named). */
    @Provides
    @Singleton
    BackendRegistry backendRegistry(Map<String, BackendProvider> providers, @Named("env") Function<String, String> environment) {
        return new BackendRegistry(providers.values(), environment);
    }

    /** The layer kinds, by id. */
    @Provides
    @Singleton
    LayerKindRegistry layerKindRegistry(Map<String, LayerKind<?>> kinds) {
        return new LayerKindRegistry(kinds.values());
    }

    /** The experiment loader over the registered kinds. */
    @Provides
    @Singleton
    ExperimentLoader experimentLoader(LayerKindRegistry kinds) {
        return new ExperimentLoader(kinds);
    }

    /** The JSON Schema exporter over the registered kinds. */
    @Provides
    @Singleton
    SchemaExporter schemaExporter(LayerKindRegistry kinds) {
        return new SchemaExporter(kinds);
    }
}
