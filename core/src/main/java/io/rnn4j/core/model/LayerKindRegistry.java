package io.rnn4j.core.model;

import io.rnn4j.core.PluginRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.spi.LayerKind;
import java.util.List;
import java.util.Optional;

/**
 * The layer kinds known to an application: an object built from a class loader (or explicit kinds),
 * never a static. Two kinds with one id fail.
 */
public final class LayerKindRegistry {
    private final PluginRegistry<LayerKind<?>> byId;

    /**
     * A registry over the given kinds.
     *
     * @throws Rnn4jException {@code RNN4J-PLUGIN-002} for a duplicate id, {@code RNN4J-PLUGIN-003} for an
     *                        id that is not lower case with underscores (as for every plugin, see
     *                        {@link PluginRegistry})
     */
    public LayerKindRegistry(Iterable<? extends LayerKind<?>> kinds) {
        this.byId = new PluginRegistry<LayerKind<?>>("layer kind", kinds, LayerKind::id);
    }

    /** Discovers kinds with {@link java.util.ServiceLoader} on {@code loader}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static LayerKindRegistry discover(ClassLoader loader) {
        List kinds = PluginRegistry.load(LayerKind.class, loader);
        return new LayerKindRegistry((List<LayerKind<?>>) kinds);
    }

    /** The kind with this id, if any. */
    public Optional<LayerKind<?>> find(String id) {
        return byId.find(id);
    }

    /** All kinds, in discovery order. */
    public List<LayerKind<?>> all() {
        return byId.all();
    }

    /** Ids of the layer kinds (not heads). */
    public List<String> layerIds() {
        return byId.all().stream().filter(k -> !k.isHead()).map(LayerKind::id).sorted().toList();
    }

    /** Ids of the heads. */
    public List<String> headIds() {
        return byId.all().stream().filter(LayerKind::isHead).map(LayerKind::id).sorted().toList();
    }
}
