package io.rnn4j.core;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one discovery mechanism for every kind of plugin (backends, layer kinds, data kinds, ONNX layer
 * exporters): an object built from a {@link ClassLoader} or from explicit plugins, never a static.
 *
 * <p>It fails on two plugins with one id with {@code RNN4J-PLUGIN-002}, naming both classes and the
 * jars they came from, on an id that is not lower case with underscores with {@code RNN4J-PLUGIN-003},
 * and on a {@code META-INF/services} entry whose class cannot be loaded with {@code RNN4J-PLUGIN-001}.
 * Every plugin it accepts is logged (INFO) with its id, version and jar.
 *
 * @param <T> the plugin interface
 */
public final class PluginRegistry<T> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    private final String what;
    private final Map<String, T> byId;

    /**
     * A registry over {@code plugins}.
     *
     * @param what    the kind of plugin in words, for messages ({@code "data kind"})
     * @param plugins the plugins in discovery order
     * @param id      a plugin's id
     * @param origin  the class whose jar a plugin comes from (normally {@code Object::getClass})
     * @throws Rnn4jException {@code RNN4J-PLUGIN-002} for a duplicate id, {@code RNN4J-PLUGIN-003} for a
     *                        malformed one
     */
    public PluginRegistry(String what, Iterable<? extends T> plugins, Function<? super T, String> id,
            Function<? super T, Class<?>> origin) {
        this.what = what;
        Map<String, T> map = new LinkedHashMap<>();
        Map<String, Class<?>> origins = new LinkedHashMap<>();
        for (T p : plugins) {
            String key = id.apply(p);
            Class<?> from = origin.apply(p);
            if (key == null || !ID.matcher(key).matches()) {
                throw new Rnn4jException("RNN4J-PLUGIN-003", what + " " + from.getName() + " from " + location(from)
                        + " has the id '" + key + "'; ids must be lower case letters, digits and underscores, starting "
                        + "with a letter. Give it such an id.");
            }
            T previous = map.putIfAbsent(key, p);
            if (previous != null) {
                Class<?> first = origins.get(key);
                throw new Rnn4jException("RNN4J-PLUGIN-002", "two " + what + "s have the id '" + key + "':\n  "
                        + first.getName() + " from " + location(first) + "\n  " + from.getName() + " from "
                        + location(from) + "\nRemove one of the jars from the class path, or give one of them another id.");
            }
            origins.put(key, from);
            LOG.info("discovered {} {} (version {}) from {}", what, key, version(from), location(from));
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** A registry over {@code plugins}, each coming from its own class's jar. */
    public PluginRegistry(String what, Iterable<? extends T> plugins, Function<? super T, String> id) {
        this(what, plugins, id, Object::getClass);
    }

    /**
     * The plugins of {@code type} listed in {@code META-INF/services} on {@code loader}, in discovery order.
     *
     * @throws Rnn4jException {@code RNN4J-PLUGIN-001} if a listed class cannot be loaded or created
     */
    public static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> out = new ArrayList<>();
        var it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new Rnn4jException("RNN4J-PLUGIN-001", "a plugin listed in META-INF/services/" + type.getName()
                        + " could not be loaded: " + e.getMessage() + ". Check that the plugin jar is complete and built "
                        + "for this rnn4j version.", e);
            }
        }
    }

    /** The plugin with this id, if any. */
    public Optional<T> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All plugins, in discovery order. */
    public List<T> all() {
        return List.copyOf(byId.values());
    }

    /** All ids, in discovery order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The kind of plugin in words. */
    public String what() {
        return what;
    }

    /** The jar (or directory) a class was loaded from, for messages and logs. */
    public static String location(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? "(unknown location)" : cs.getLocation().getPath();
        } catch (SecurityException e) {
            return "(unknown location)";
        }
    }

    /** The implementation version in the jar's manifest of a class, or {@code "unversioned"}. */
    public static String version(Class<?> c) {
        Package p = c.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unversioned" : v;
    }
}
