package io.rnn4j.core.model;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.spi.LayerKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The layer kinds known to an application: an object built from a class loader (or explicit kinds),
 * never a static. Two kinds with one id fail.
 */
public final class LayerKindRegistry {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private final Map<String, LayerKind<?>> byId;

    /**
     * A registry over the given kinds.
     *
     * @throws Rnn4jException {@code RNN4J-LAYER-002} for a duplicate id, {@code RNN4J-LAYER-003} for an
     *                        id that is not lower case with underscores
     */
    public LayerKindRegistry(Iterable<? extends LayerKind<?>> kinds) {
        Map<String, LayerKind<?>> map = new LinkedHashMap<>();
        for (LayerKind<?> k : kinds) {
            if (!ID.matcher(k.id()).matches()) {
                throw new Rnn4jException("RNN4J-LAYER-003", "layer kind " + k.getClass().getName() + " has the id '"
                        + k.id() + "'; ids must be lower case letters, digits and underscores, starting with a letter");
            }
            LayerKind<?> previous = map.putIfAbsent(k.id(), k);
            if (previous != null) {
                throw new Rnn4jException("RNN4J-LAYER-002", "two layer kinds have the id '" + k.id() + "': "
                        + previous.getClass().getName() + " and " + k.getClass().getName()
                        + ". Remove one of the plugin jars or give one kind another id.");
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** Discovers kinds with {@link ServiceLoader} on {@code loader}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static LayerKindRegistry discover(ClassLoader loader) {
        List<LayerKind<?>> kinds = new ArrayList<>();
        for (LayerKind k : ServiceLoader.load(LayerKind.class, loader)) {
            kinds.add(k);
        }
        return new LayerKindRegistry(kinds);
    }

    /** The kind with this id, if any. */
    public Optional<LayerKind<?>> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All kinds, in discovery order. */
    public List<LayerKind<?>> all() {
        return List.copyOf(byId.values());
    }

    /** Ids of the layer kinds (not heads). */
    public List<String> layerIds() {
        return byId.values().stream().filter(k -> !k.isHead()).map(LayerKind::id).sorted().toList();
    }

    /** Ids of the heads. */
    public List<String> headIds() {
        return byId.values().stream().filter(LayerKind::isHead).map(LayerKind::id).sorted().toList();
    }
}
