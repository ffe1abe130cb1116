package io.rnn4j.backend.cpu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.core.Initializer;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.archive.ArchiveContents;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.diag.SourceLocation;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.LayerGraph;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.layers.GruSpec;
import io.rnn4j.layers.Merge;
import io.rnn4j.layers.heads.ManyToOneSpec;
import io.rnn4j.layers.heads.Pooling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real network's weights through an archive: the same predictions after loading; a model of another shape is refused. */
class NetworkArchiveTest {
    private static final LayerKindRegistry KINDS = LayerKindRegistry.discover(NetworkArchiveTest.class.getClassLoader());

    private static Network gru(int units, int classes, long seed) {
        Diagnostics diags = new Diagnostics();
        GruSpec spec = new GruSpec(units, 1, true, Merge.CONCAT, 0f, 0f, false, Initializer.GLOROT_UNIFORM,
                Initializer.ORTHOGONAL);
        LayerGraph g = LayerGraph.compile(ValueType.sequence(3), List.of(new LayerGraph.Item("gru", spec, "model.layers[0]")),
                new LayerGraph.Item("many_to_one", new ManyToOneSpec(Pooling.LAST, classes, null), "model.head"), KINDS,
                diags, p -> SourceLocation.unknown("x.yaml"));
        diags.throwIfErrors("x.yaml");
        Network n = new Network(g, new CpuBackendProvider().create(BackendOptions.threads(1)));
        n.initialize(new RandomSource(seed));
        return n;
    }

    @Test
    void weightsLoadedFromAnArchiveGiveTheSamePredictions(@TempDir Path dir) {
        Network trained = gru(5, 3, 1);
        Path file = dir.resolve("gru.rnn4j");
        ModelArchive.write(file, ArchiveContents.builder().experimentYaml("model: gru\n").weights(trained.parameters())
                .backend(trained.backend().id()).build());

        Network fresh = gru(5, 3, 99);
        ModelArchive archive = ModelArchive.read(file);
        archive.weights().loadInto(fresh.parameters());

        Tensor x = Tensor.zeros(2, 4, 3);
        RandomSource r = new RandomSource(5);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, (float) r.nextGaussian());
        }
        Flow in = Flow.sequences(x, 4, 2);
        assertThat(fresh.forward(in, LayerContext.inference()).values().toArray())
                .containsExactly(trained.forward(in, LayerContext.inference()).values().toArray());
        assertThat(archive.manifest().backend()).isEqualTo("cpu");
        assertThat(archive.weights().entries()).extracting(e -> e.name()).contains("gru_0/weight_ih/0/reverse",
                "many_to_one_out/kernel/0/forward");
    }

    @Test
    void loadingIntoAModelWithOtherClassesNamesTheMismatch(@TempDir Path dir) {
        Path file = dir.resolve("gru.rnn4j");
        ModelArchive.write(file, ArchiveContents.builder().experimentYaml("model: gru\n").weights(gru(5, 3, 1).parameters())
                .build());

        assertThatThrownBy(() -> ModelArchive.read(file).weights().loadInto(gru(5, 2, 1).parameters()))
                .hasMessage("RNN4J-ARCHIVE-006: the weights of " + file + " do not fit this model (2 problems):\n"
                        + "  shape differs: many_to_one_out/kernel/0/forward is [10, 3] in the archive but [10, 2] in the model\n"
                        + "  shape differs: many_to_one_out/bias/0/forward is [3] in the archive but [2] in the model\n"
                        + "Build the model from the archive's experiment.yaml (the same layers, units, vocabulary and "
                        + "classes) before loading its weights.");
    }
}
