package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.optim.AdamSpec;
import io.rnn4j.layers.LstmSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.data.kind.TextClassificationData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
    private final ExperimentLoader loader = new ExperimentLoader(LayerKindRegistry.discover(getClass().getClassLoader()),
            io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader()));

    static List<Path> exampleFiles() throws java.io.IOException {
        try (Stream<Path> s = Files.walk(Path.of("../examples"))) {
            return s.filter(p -> p.getFileName().toString().equals("experiment.yaml")).sorted().toList();
        }
    }

    @Test
    void everyExampleExperimentValidates() throws Exception {
        List<Path> files = exampleFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            ExperimentLoader.Loaded l = loader.load(f);
            assertThat(l.spec().version()).isEqualTo(1);
            assertThat(l.graph().nodes()).isNotEmpty();
        }
    }

    @Test
    void everyDefaultIsResolved() {
        ExperimentLoader.Loaded l = loader.parse("x.yaml", """
                version: 1
                name: defaults
                data: {type: text_classification, train: t.csv}
                model:
                  layers: [{embedding: {dim: 8}}, {lstm: {units: 4}}]
                  head: {many_to_one: {classes: 2}}
                """);
        ExperimentSpec s = l.spec();
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.training().epochs()).isEqualTo(10);
        assertThat(s.training().optimizer()).isEqualTo(AdamSpec.defaults());
        TextClassificationData d = (TextClassificationData) s.data();
        assertThat(d.validation().fraction()).isEqualTo(0.1);
        assertThat(d.tokenizer().maxVocab()).isEqualTo(20000);
        LstmSpec lstm = (LstmSpec) s.model().layers().get(1).spec();
        assertThat(lstm.layers()).isEqualTo(1);
        assertThat(lstm.merge()).isEqualTo(Merge.CONCAT);
        assertThat(lstm.forgetBias()).isEqualTo(1f);
        assertThat(s.export().opset()).isEqualTo(17);
    }

    @Test
    void theDefaultsBlockSetsOptionsForEveryLayerOfAKindAndALayersOwnValueWins() {
        ExperimentLoader.Loaded l = loader.parse("x.yaml", """
                version: 1
                name: defaults
                data: {type: text_classification, train: t.csv}
                model:
                  defaults:
                    lstm: {dropout: 0.3, units: 16}
                  layers:
                    - embedding: {dim: 8}
                    - lstm: {layers: 2}
                    - lstm: {units: 4, dropout: 0.1}
                  head: {many_to_one: {classes: 2}}
                """);
        LstmSpec a = (LstmSpec) l.spec().model().layers().get(1).spec();
        LstmSpec b = (LstmSpec) l.spec().model().layers().get(2).spec();
        assertThat(a.units()).isEqualTo(16);
        assertThat(a.dropout()).isEqualTo(0.3f);
        assertThat(b.units()).isEqualTo(4);
        assertThat(b.dropout()).isEqualTo(0.1f);
    }

    @Test
    void renderedConfigIsAValidFileThatBindsToTheSameSpec() throws Exception {
        for (Path f : exampleFiles()) {
            ExperimentSpec spec = loader.load(f).spec();
            String yaml = SpecWriter.toYaml(spec);
            assertThat(loader.parse("rendered.yaml", yaml).spec()).as(f.toString()).isEqualTo(spec);
        }
    }

    @Test
    void commandLineOverridesAreValidatedLikeWrittenValues() throws Exception {
        Path f = Path.of("../examples/forecasting/experiment.yaml");
        ExperimentLoader.Loaded l = loader.load(f, List.of("training.epochs=2", "model.layers[0].lstm.units=8",
                "training.optimizer={sgd: {lr: 0.1}}"));
        assertThat(l.spec().training().epochs()).isEqualTo(2);
        assertThat(((LstmSpec) l.spec().model().layers().get(0).spec()).units()).isEqualTo(8);
        assertThat(l.spec().training().optimizer()).isInstanceOf(io.rnn4j.core.optim.SgdSpec.class);
        assertThatThrownBy(() -> loader.load(f, List.of("training.epochs=-3")))
                .hasMessageContaining("--set training.epochs=-3: error RNN4J-DSL-007 at training.epochs: value -3 is out of range");
        assertThatThrownBy(() -> loader.load(f, List.of("model.layers[5].lstm.units=8")))
                .hasMessageContaining("RNN4J-DSL-030").hasMessageContaining("there is no item 5 to override");
    }

    @Test
    void aModelWithoutRecurrentLayersIsValid() {
        ExperimentLoader.Loaded l = loader.parse("x.yaml", """
                version: 1
                name: one-to-one
                data: {type: time_series, train: s.csv, targets: [a, b], lookback: 1}
                model:
                  layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 4, activation: tanh}}]
                  head: {many_to_one: {outputs: 2}}
                """);
        assertThat(l.graph().summary()).contains("dense_0", "dense_1", "(batch, 2)");
    }

    /**
     * A forecaster's validation metrics are in original units and its validation loss is on normalized values:
     * named val_loss_normalized, which a monitor left to its default becomes; val_rmse is in original units;
     * the old names are refused with the new ones (golden file forecaster-val-loss).
     */
    @Test
    void aForecastersMonitorNamesSayWhichAreNormalized() {
        String base = """
                version: 1
                name: f
                data: {type: time_series, train: s.csv, targets: [a], lookback: 4}
                model:
                  layers: [{lstm: {units: 4}}]
                  head: {many_to_one: {}}
                training:
                  early_stopping: %s
                """;
        assertThat(loader.parse("x.yaml", base.formatted("{patience: 2}")).spec().training().earlyStopping().monitor())
                .isEqualTo("val_loss_normalized");
        assertThat(loader.parse("x.yaml", base.formatted("{monitor: val_rmse}")).spec().training().earlyStopping()
                .monitor()).isEqualTo("val_rmse");
        assertThat(loader.parse("x.yaml", base.formatted("{monitor: rmse_normalized}")).spec().training().earlyStopping()
                .monitor()).isEqualTo("rmse_normalized");
        assertThatThrownBy(() -> loader.parse("x.yaml", base.formatted("{monitor: mae}")))
                .hasMessageContaining("RNN4J-DSL-048").hasMessageContaining("did you mean 'mae_normalized'");
        // another kind keeps the plain names, and its default monitor
        String classes = """
                version: 1
                name: c
                data: {type: sequences, train: s.jsonl}
                model:
                  layers: [{lstm: {units: 4}}]
                  head: {many_to_one: {}}
                training:
                  early_stopping: {patience: 2}
                """;
        assertThat(loader.parse("x.yaml", classes).spec().training().earlyStopping().monitor()).isEqualTo("val_loss");
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .isInstanceOfSatisfying(Rnn4jException.class, e -> assertThat(e.id()).isEqualTo("RNN4J-DSL-027"))
                .hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void theGraphHasInferredShapes() throws Exception {
        ExperimentLoader.Loaded l = loader.load(Path.of("../examples/forecasting/experiment.yaml"));
        assertThat(l.graph().summary()).contains("lstm_0", "(batch, 32)", "many_to_one", "(batch, 12)");
    }
}
