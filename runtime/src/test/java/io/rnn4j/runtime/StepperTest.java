package io.rnn4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.dsl.ExperimentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generation that steps the recurrent state equals generation that re-runs the whole context: for every
 * cell kind in a stack of two layers, the logits of each token fed as one step from the carried state are
 * those of a forward pass over the whole context so far, to 1e-5.
 */
class StepperTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"simple_rnn", "lstm", "gru"})
    void steppedLogitsEqualReRunningTheWholeContext(String cell) throws Exception {
        Files.writeString(dir.resolve("corpus.txt"), "the quick brown fox jumps over the lazy dog. ".repeat(20));
        Path exp = dir.resolve("lm.yaml");
        Files.writeString(exp, """
                version: 1
                name: step
                data: {type: text, train: corpus.txt, tokenizer: {type: char, lowercase: false, max_vocab: 0},
                       sequence_length: 16}
                model:
                  layers:
                    - embedding: {dim: 5}
                    - %s: {units: 7, layers: 2}
                  head: {many_to_many: {}}
                """.formatted(cell));
        Plugins plugins = Plugins.discover(getClass().getClassLoader(), k -> null);
        ExperimentPreparer preparer = new ExperimentPreparer(new ExperimentLoader(plugins.layerKinds(),
                plugins.dataKinds()), plugins.layerKinds());
        Prepared p = preparer.prepare(exp, List.of());
        try (Backend backend = plugins.backends().select("cpu", BackendOptions.threads(1))) {
            Network network = new Network(p.graph(), backend);
            network.initialize(new RandomSource(11));
            int vocabulary = p.graph().input().vocabulary();
            Random r = new Random(4);
            int[] ids = new int[48];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1 + r.nextInt(vocabulary - 1);
            }
            Stepper stepper = Stepper.of(network);
            assertThat(stepper).isNotNull();
            int prompt = 9;
            Tensor stepped = stepper.feed(java.util.Arrays.copyOf(ids, prompt));
            double worst = 0;
            for (int t = prompt; t <= ids.length; t++) {
                float[] last = lastStep(stepped);
                float[] whole = lastStep(network.forward(Flow.sequences(tokens(ids, t)), LayerContext.inference()).values());
                for (int k = 0; k < whole.length; k++) {
                    worst = Math.max(worst, Math.abs(whole[k] - last[k]));
                }
                if (t < ids.length) {
                    stepped = stepper.feed(new int[] {ids[t]});
                }
            }
            assertThat(stepper.steps()).isEqualTo(ids.length);
            assertThat(worst).as(cell + ": largest difference of a logit").isLessThan(1e-5);
        }
    }

    private static Tensor tokens(int[] ids, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = ids[i];
        }
        return Tensor.of(x, 1, n);
    }

    private static float[] lastStep(Tensor logits) {
        int n = logits.dim(1);
        int v = logits.dim(2);
        float[] out = new float[v];
        for (int k = 0; k < v; k++) {
            out[k] = logits.getFlat((n - 1) * v + k);
        }
        return out;
    }
}
