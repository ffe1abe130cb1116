package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.dsl.ExperimentSpec;
import io.rnn4j.dsl.schema.SchemaExporter;
import io.rnn4j.it.plugin.CountingBackend;
import io.rnn4j.runtime.Rnn4jModule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A third-party plugin jar on the class path (integration-tests/plugin-fixture) adds a layer kind and a
 * backend that rnn4j finds with no change to its own modules: the DSL accepts the kind, the schema
 * lists it, the graph runs it, and the backend is chosen by id.
 */
class PluginTest {
    private static final String EXPERIMENT = """
            version: 1
            name: plugin
            backend: counting
            data: {type: time_series, train: series.csv, targets: [value], lookback: 8}
            model:
              layers:
                - scale: {init: 2.0}
                - lstm: {units: 4, return_sequences: false}
              head: {many_to_one: {outputs: 1}}
            """;

    private final Injector injector = Guice.createInjector(new Rnn4jModule(getClass().getClassLoader(), k -> null));

    @Test
    void guiceBindsDiscoveredBackendsAndKindsIntoMapsIncludingThePlugin() {
        Map<String, ?> backends = injector.getInstance(com.google.inject.Key.get(
                new com.google.inject.TypeLiteral<Map<String, io.rnn4j.core.spi.BackendProvider>>() { }));
        assertThat(backends).containsKeys("cpu", "counting");
        LayerKindRegistry kinds = injector.getInstance(LayerKindRegistry.class);
        assertThat(kinds.layerIds()).contains("lstm", "gru", "simple_rnn", "embedding", "dense", "dropout", "scale");
        assertThat(kinds.headIds()).contains("many_to_one", "many_to_many", "one_to_many", "seq2seq");
    }

    @Test
    void aPluginLayerKindIsUsableFromYamlWithItsDefaultsAndErrors() {
        ExperimentLoader loader = injector.getInstance(ExperimentLoader.class);
        ExperimentLoader.Loaded loaded = loader.parse("plugin.yaml", EXPERIMENT);
        ExperimentSpec spec = loaded.spec();
        assertThat(spec.model().layers().get(0).kind()).isEqualTo("scale");
        assertThat(loaded.graph().summary()).contains("scale_0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("bad.yaml",
                EXPERIMENT.replace("init: 2.0", "gain: 2.0")))
                .hasMessageContaining("RNN4J-DSL-003 at model.layers[0].scale.gain: unknown key 'gain'")
                .hasMessageContaining("allowed keys: init");
    }

    @Test
    void theJsonSchemaListsThePluginKind() {
        String schema = injector.getInstance(SchemaExporter.class).schemaJson(ExperimentSpec.class, "rnn4j experiment");
        assertThat(schema).contains("\"scale\"", "Multiplies every feature by a learnable gain");
    }

    @Test
    void thePluginBackendIsChosenByIdAndRunsAGraphWithThePluginKind() {
        ExperimentLoader.Loaded loaded = injector.getInstance(ExperimentLoader.class).parse("plugin.yaml", EXPERIMENT);
        BackendRegistry backends = injector.getInstance(BackendRegistry.class);
        try (Backend be = backends.select(loaded.spec().backend(), BackendOptions.threads(1))) {
            assertThat(be).isInstanceOf(CountingBackend.class);
            Network net = new Network(loaded.graph(), be);
            net.initialize(new RandomSource(1));
            Flow out = net.forward(Flow.sequences(Tensor.zeros(2, 8, 1)), LayerContext.inference());
            assertThat(out.values().shape().dims()).containsExactly(2, 1);
            assertThat(((CountingBackend) be).gemmCount()).isPositive();
        }
    }

    @Test
    void withoutAnExplicitChoiceTheHighestPriorityAvailableBackendWins() {
        BackendRegistry backends = injector.getInstance(BackendRegistry.class);
        assertThat(backends.choose(null).id()).isEqualTo("cpu"); // cpu (10) outranks the plugin (0)
    }

    @Test
    void aDuplicateDataKindIdIsReportedByTheCommandLineNamingBothJars(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path services = java.nio.file.Files.createDirectories(tmp.resolve("META-INF/services"));
        java.nio.file.Files.writeString(services.resolve("io.rnn4j.core.spi.DataKind"), "io.rnn4j.it.DuplicateRowsKind\n");
        ClassLoader withDuplicate = new java.net.URLClassLoader(new java.net.URL[] {tmp.toUri().toURL()},
                getClass().getClassLoader());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.rnn4j.cli.Main.run(new String[] {"backends"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), withDuplicate);
        assertThat(code).isEqualTo(io.rnn4j.cli.Main.EXIT_ERROR);
        assertThat(err.toString()).startsWith("error: RNN4J-PLUGIN-002: two data kinds have the id 'vector_rows'")
                .contains(io.rnn4j.it.plugin.VectorRowsKind.class.getName() + " from ",
                        DuplicateRowsKind.class.getName() + " from ")
                .doesNotContain("\tat ");
    }

    @Test
    void guiceBindsTheDiscoveredDataKindsIncludingThePlugins() {
        io.rnn4j.core.data.DataKindRegistry kinds = injector.getInstance(io.rnn4j.core.data.DataKindRegistry.class);
        assertThat(kinds.ids()).contains("sequences", "time_series", "text_classification", "text", "pairs", "vector_rows");
    }
}
