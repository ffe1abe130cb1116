package io.rnn4j.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.spi.BackendProvider;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.LayerKind;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.schema.SchemaExporter;
import java.util.function.Function;

/**
 * Binds the rnn4j application from the {@link Plugins} discovered before it (so discovery errors never
 * happen inside the injector): the registries, and every backend provider, layer kind and data kind in a
 * {@link MapBinder} keyed by id, for applications that look them up by id; the {@link ExperimentLoader}
 * and the {@link SchemaExporter} over the registries.
 */
public final class Rnn4jModule extends AbstractModule {
    private final Plugins plugins;
    private final Function<String, String> env;

    /** Binds the given plugins; {@code env} answers environment lookups. */
    public Rnn4jModule(Plugins plugins, Function<String, String> env) {
        this.plugins = plugins;
        this.env = env;
    }

    /** Discovers plugins on {@code loader} and reads the real environment. */
    public Rnn4jModule(ClassLoader loader) {
        this(loader, System::getenv);
    }

    /** Discovers plugins on {@code loader}; {@code env} answers environment lookups. */
    public Rnn4jModule(ClassLoader loader, Function<String, String> env) {
        this(Plugins.discover(loader, env), env);
    }

    @Override
    protected void configure() {
        MapBinder<String, BackendProvider> backends = MapBinder.newMapBinder(binder(), String.class, BackendProvider.class);
        for (var d : plugins.backends().backends()) {
            backends.addBinding(d.id()).toInstance(d.provider());
        }
        MapBinder<String, LayerKind<?>> kinds = MapBinder.newMapBinder(binder(), new TypeLiteral<String>() { },
                new TypeLiteral<LayerKind<?>>() { });
        for (LayerKind<?> k : plugins.layerKinds().all()) {
            kinds.addBinding(k.id()).toInstance(k);
        }
        MapBinder<String, DataKind<?>> data = MapBinder.newMapBinder(binder(), new TypeLiteral<String>() { },
                new TypeLiteral<DataKind<?>>() { });
        for (DataKind<?> k : plugins.dataKinds().all()) {
            data.addBinding(k.id()).toInstance(k);
        }
        bind(BackendRegistry.class).toInstance(plugins.backends());
        bind(LayerKindRegistry.class).toInstance(plugins.layerKinds());
        bind(DataKindRegistry.class).toInstance(plugins.dataKinds());
        bind(EngineRegistry.class).toInstance(plugins.engines());
        bind(new TypeLiteral<Function<String, String>>() { }).annotatedWith(Names.named("env")).toInstance(env);
    }

    /** The experiment loader over the registered kinds. */
    @Provides
    @Singleton
    ExperimentLoader experimentLoader(LayerKindRegistry kinds, DataKindRegistry dataKinds) {
        return new ExperimentLoader(kinds, dataKinds);
    }

    /** The JSON Schema exporter over the registered kinds. */
    @Provides
    @Singleton
    SchemaExporter schemaExporter(LayerKindRegistry kinds, DataKindRegistry dataKinds) {
        return new SchemaExporter(kinds, dataKinds);
    }
}
