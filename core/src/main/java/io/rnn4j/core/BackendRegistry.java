package io.rnn4j.core;

import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends found on a class path, and the rule that picks one.
 *
 * <p>An object, not a static: build one from a {@link ClassLoader} with {@link #discover(ClassLoader)}
 * (or from explicit providers in tests). Construction fails when two providers share an id.
 *
 * <p>Selection ({@link #select(String, BackendOptions)}): an explicit id (YAML {@code backend:},
 * {@code --backend}) wins; else the environment variable {@value #ENV_VAR}; else the available
 * backend with the highest priority. An unknown id fails with the list of what was discovered.
 */
public final class BackendRegistry {
    /** Environment variable that names the backend when no explicit choice is given. */
    public static final String ENV_VAR = "RNN4J_BACKEND";

    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, DiscoveredBackend> byId;
    private final Function<String, String> env;

    /**
     * A registry over the given providers.
     *
     * @param providers the providers, in discovery order
     * @param env       environment lookup (normally {@code System::getenv})
     * @throws Rnn4jException {@code RNN4J-PLUGIN-002} if two providers share an id (as for every plugin, see {@link PluginRegistry})
     */
    public BackendRegistry(Iterable<? extends BackendProvider> providers, Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
        List<DiscoveredBackend> found = new ArrayList<>();
        for (BackendProvider p : providers) {
            DiscoveredBackend d = describe(p);
            if (d != null) {
                found.add(d);
                LOG.info("discovered backend {}", d.describe());
            }
        }
        PluginRegistry<DiscoveredBackend> registry = new PluginRegistry<>("backend provider", found,
                DiscoveredBackend::id, d -> d.provider().getClass());
        Map<String, DiscoveredBackend> map = new LinkedHashMap<>();
        registry.all().forEach(d -> map.put(d.id(), d));
        this.byId = map;
    }

    /**
     * Discovers providers with {@link java.util.ServiceLoader} on {@code loader}; reads the real environment.
     *
     * @throws Rnn4jException {@code RNN4J-PLUGIN-001} if a listed provider class cannot be loaded
     */
    public static BackendRegistry discover(ClassLoader loader) {
        List<BackendProvider> providers = PluginRegistry.load(BackendProvider.class, loader);
        return new BackendRegistry(providers, System::getenv);
    }

    /** Describes a provider; a provider whose id cannot be read is logged and skipped. */
    private static DiscoveredBackend describe(BackendProvider p) {
        String id;
        String version;
        int priority;
        try {
            id = p.id();
            version = p.version();
            priority = p.priority();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("skipping backend provider {} from {}: it failed to describe itself: {}", p.getClass().getName(),
                    location(p.getClass()), e.toString());
            return null;
        }
        boolean available;
        String reason;
        try {
            available = p.isAvailable();
            reason = available ? "" : p.unavailableReason();
        } catch (RuntimeException | LinkageError e) {
            available = false;
            reason = "availability check failed: " + e;
        }
        return new DiscoveredBackend(id, version, priority, available, reason, location(p.getClass()),
                p.getClass().getName(), p);
    }

    private static String location(Class<?> c) {
        return PluginRegistry.location(c);
    }

    /** Everything discovered, highest priority first. */
    public List<DiscoveredBackend> backends() {
        List<DiscoveredBackend> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(DiscoveredBackend::priority).reversed()
                .thenComparing(DiscoveredBackend::id));
        return list;
    }

    /**
     * The provider with this id.
     *
     * @throws Rnn4jException {@code RNN4J-BACKEND-002} naming the discovered backends if there is none
     */
    public DiscoveredBackend get(String id) {
        DiscoveredBackend d = byId.get(id);
        if (d == null) {
            throw new Rnn4jException("RNN4J-BACKEND-002", "no backend with id '" + id + "' is on the class path. "
                    + discoveredList() + "Add the backend's jar to the class path or choose one of these ids.");
        }
        return d;
    }

    /**
     * Decides which backend to use without creating it: {@code explicitId} if not null or blank, else
     * {@value #ENV_VAR}, else the available backend of highest priority.
     *
     * @throws Rnn4jException {@code RNN4J-BACKEND-002} for an unknown id, {@code RNN4J-BACKEND-003} if
     *                        the chosen backend is unavailable, {@code RNN4J-BACKEND-004} if none is
     */
    public DiscoveredBackend choose(String explicitId) {
        String id = explicitId;
        String source = "the explicit choice";
        if (id == null || id.isBlank()) {
            id = env.apply(ENV_VAR);
            source = "the environment variable " + ENV_VAR;
        }
        if (id != null && !id.isBlank()) {
            DiscoveredBackend d = byId.get(id.trim());
            if (d == null) {
                throw new Rnn4jException("RNN4J-BACKEND-002", "no backend with id '" + id.trim() + "' (chosen by "
                        + source + ") is on the class path. " + discoveredList()
                        + "Add the backend's jar to the class path or choose one of these ids.");
            }
            if (!d.available()) {
                throw new Rnn4jException("RNN4J-BACKEND-003", "backend '" + d.id() + "' (chosen by " + source
                        + ") cannot run here: " + d.reason() + ". " + discoveredList()
                        + "Choose an available backend.");
            }
            return d;
        }
        return backends().stream().filter(DiscoveredBackend::available).findFirst()
                .orElseThrow(() -> new Rnn4jException("RNN4J-BACKEND-004", "no available backend. "
                        + discoveredList() + "Add rnn4j-backend-cpu (the reference backend) to the class path."));
    }

    /** Chooses as {@link #choose(String)} does and creates the backend. */
    public Backend select(String explicitId, BackendOptions options) {
        DiscoveredBackend d = choose(explicitId);
        LOG.info("using backend {}", d.describe());
        return d.provider().create(options);
    }

    private String discoveredList() {
        if (byId.isEmpty()) {
            return "No backend was discovered (no META-INF/services/io.rnn4j.core.spi.BackendProvider on the class path). ";
        }
        return "Discovered backends:\n" + backends().stream().map(d -> "  " + d.describe())
                .collect(Collectors.joining("\n")) + "\n";
    }
}
