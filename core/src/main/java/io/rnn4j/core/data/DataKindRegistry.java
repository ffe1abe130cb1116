package io.rnn4j.core.data;

import io.rnn4j.core.PluginRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.spec.Variant;
import io.rnn4j.core.spi.DataKind;
import java.util.List;
import java.util.Optional;

/**
 * The data kinds known to an application, found like every plugin through a {@link PluginRegistry}:
 * an object, never a static. Besides the registry's checks, a kind's spec record must carry
 * {@code @Variant("<its id>")} so that a resolved experiment is written back with its {@code type:}.
 */
public final class DataKindRegistry {
    private final PluginRegistry<DataKind<?>> kinds;

    /**
     * A registry over the given kinds.
     *
     * @throws Rnn4jException {@code RNN4J-PLUGIN-002} for a duplicate id, {@code RNN4J-PLUGIN-003} for a
     *                        malformed id or a spec record whose {@code @Variant} differs from the id
     */
    public DataKindRegistry(Iterable<? extends DataKind<?>> kinds) {
        this.kinds = new PluginRegistry<DataKind<?>>("data kind", kinds, DataKind::id);
        for (DataKind<?> k : this.kinds.all()) {
            Variant v = k.specType().getAnnotation(Variant.class);
            if (v == null || !v.value().equals(k.id())) {
                throw new Rnn4jException("RNN4J-PLUGIN-003", "data kind " + k.getClass().getName() + " from "
                        + PluginRegistry.location(k.getClass()) + " has the id '" + k.id() + "' but its spec record "
                        + k.specType().getName() + " is annotated " + (v == null ? "without @Variant" : "@Variant(\""
                        + v.value() + "\")") + ". Annotate the record with @Variant(\"" + k.id() + "\").");
            }
        }
    }

    /** Discovers kinds listed in {@code META-INF/services/io.rnn4j.core.spi.DataKind} on {@code loader}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static DataKindRegistry discover(ClassLoader loader) {
        List kinds = PluginRegistry.load(DataKind.class, loader);
        return new DataKindRegistry((List<DataKind<?>>) kinds);
    }

    /** The kind with this id, if any. */
    public Optional<DataKind<?>> find(String id) {
        return kinds.find(id);
    }

    /** The kind whose spec type is the class of {@code spec}. */
    @SuppressWarnings("unchecked")
    public <S extends io.rnn4j.core.spec.DataSpec> DataKind<S> of(S spec) {
        for (DataKind<?> k : kinds.all()) {
            if (k.specType() == spec.getClass()) {
                return (DataKind<S>) k;
            }
        }
        throw new Rnn4jException("RNN4J-PLUGIN-004", "no data kind reads " + spec.getClass().getName()
                + "; known kinds: " + String.join(", ", ids()) + ". Add the plugin jar that provides it to the class path.");
    }

    /** All kinds, in discovery order. */
    public List<DataKind<?>> all() {
        return kinds.all();
    }

    /** The kinds' ids, in discovery order. */
    public List<String> ids() {
        return kinds.ids();
    }
}
