package io.rnn4j.runtime;

import io.rnn4j.core.PluginRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.runtime.spi.DistributedEngine;
import java.util.List;

/**
 * The {@link DistributedEngine}s found on a class loader (through the one {@link PluginRegistry}
 * mechanism): {@code rnn4j-spark} registers {@code spark}. The runner asks it for the engine an
 * experiment's {@code distributed:} section names, {@code predict --engine} for the one given.
 */
public final class EngineRegistry {
    private final PluginRegistry<DistributedEngine> engines;

    /** A registry over these engines ({@code RNN4J-PLUGIN-002} for two with one id). */
    public EngineRegistry(List<? extends DistributedEngine> engines) {
        this.engines = new PluginRegistry<>("distributed engine", engines, DistributedEngine::id);
    }

    /** The engines listed in {@code META-INF/services} on {@code loader}. */
    public static EngineRegistry discover(ClassLoader loader) {
        return new EngineRegistry(PluginRegistry.load(DistributedEngine.class, loader));
    }

    /** The ids found, in discovery order. */
    public List<String> ids() {
        return engines.ids();
    }

    /**
     * The engine with this id.
     *
     * @param id    the engine id ({@code spark})
     * @param where what asked for it, for the message ({@code "experiment.yaml: distributed.engine"})
     * @throws Rnn4jException {@code RNN4J-PLUGIN-005} when no such engine is on the class path, saying which
     *                        jar to add
     */
    public DistributedEngine choose(String id, String where) {
        return engines.find(id).orElseThrow(() -> new Rnn4jException("RNN4J-PLUGIN-005", where + " is '" + id
                + "', but no distributed engine '" + id + "' is on the class path (found: "
                + (engines.ids().isEmpty() ? "none" : String.join(", ", engines.ids())) + "). The '" + id + "' engine "
                + "comes in the rnn4j-" + id + " jar: put rnn4j-" + id + "-<version>-all.jar in rnn4j's plugins/ folder "
                + "or name it in RNN4J_PLUGINS, together with the engine's own jars (for Spark: $SPARK_HOME/jars, e.g. "
                + "RNN4J_PLUGINS=$SPARK_HOME/jars:/path/to/rnn4j-spark-<version>-all.jar). To run on one JVM instead, "
                + "remove the distributed section (train) or the --engine option (predict)."));
    }
}
