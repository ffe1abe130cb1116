package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.backend.onnxruntime.OnnxRuntimeModel;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import io.rnn4j.core.spi.BackendProvider;
import io.rnn4j.core.spi.ForwardingBackend;
import io.rnn4j.core.spi.WholeModelRunner;
import io.rnn4j.onnx.ExportOptions;
import io.rnn4j.onnx.OnnxExporter;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.Rnn4jModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ModelLoader} asks the backend for a whole-model runner ({@code Backend.wholeModel}) rather than testing its
 * id: a third-party backend that runs ONNX files (here one that exports the network and runs the file in ONNX
 * Runtime, counting its calls) takes the same path as the bundled {@code onnxruntime} backend, and predicts what the
 * reference backend predicts.
 */
class WholeModelBackendTest {
    @TempDir
    Path dir;

    /** A plugin backend: the reference primitives, and whole models run from their ONNX file. */
    static final class OnnxFilesProvider implements BackendProvider {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String id() {
            return "onnx_files";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public Backend create(BackendOptions options) {
            return new ForwardingBackend(new CpuBackendProvider().create(options)) {
                @Override
                public String id() {
                    return "onnx_files";
                }

                @Override
                public Optional<WholeModelRunner> wholeModel(Network network) {
                    byte[] file = new OnnxExporter().export(network, ExportOptions.defaults()).model();
                    OnnxRuntimeModel model = OnnxRuntimeModel.open(file, 64, 1);
                    return Optional.of(new WholeModelRunner() {
                        @Override
                        public Flow predict(Flow input) {
                            calls.incrementAndGet();
                            return model.predict(input);
                        }

                        @Override
                        public void close() {
                            model.close();
                        }
                    });
                }
            };
        }
    }

    @Test
    void aPluginBackendThatRunsOnnxFilesIsUsedByTheLoaderWithoutTestingItsId() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 40; i++) {
            sb.append("{\"x\": [[").append(r.nextFloat()).append(", ").append(r.nextFloat()).append("], [")
                    .append(r.nextFloat()).append(", ").append(r.nextFloat()).append("]], \"y\": ").append(r.nextInt(2))
                    .append("}\n");
        }
        Files.writeString(dir.resolve("two.jsonl"), sb, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("two.yaml"), """
                version: 1
                name: two-features
                data: {type: sequences, train: two.jsonl, validation: 0.2}
                model: {layers: [{gru: {units: 4}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 16}
                """);
        CliRun train = CliRun.of("train", dir.resolve("two.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--backend", "cpu", "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        Path model = dir.resolve("out/model.rnn4j");

        Injector injector = Guice.createInjector(new Rnn4jModule(getClass().getClassLoader(), k -> null));
        OnnxFilesProvider plugin = new OnnxFilesProvider();
        BackendRegistry backends = new BackendRegistry(List.of(new CpuBackendProvider(), plugin), k -> null);
        ModelLoader loader = new ModelLoader(injector.getInstance(ExperimentPreparer.class), backends);
        RandomSource rs = new RandomSource(3);
        float[] x = new float[5 * 3 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = rs.uniform(0f, 1f);
        }
        Flow in = Flow.sequences(Tensor.of(x, 5, 3, 2), 3, 1, 2, 3, 2);
        Tensor expected;
        try (ModelLoader.Loaded cpu = loader.load(model, "cpu")) {
            assertThat(cpu.whole()).as("the reference backend runs layer by layer").isNull();
            expected = cpu.predict(in).values();
        }
        try (ModelLoader.Loaded onPlugin = loader.load(model, "onnx_files")) {
            assertThat(onPlugin.backend().id()).isEqualTo("onnx_files");
            assertThat(onPlugin.whole()).isNotNull();
            Tensor got = onPlugin.predict(in).values();
            assertThat(plugin.calls.get()).as("predictions that went through the plugin's ONNX runner").isEqualTo(1);
            assertThat(got.shape()).isEqualTo(expected.shape());
            for (int i = 0; i < expected.size(); i++) {
                assertThat((double) got.getFlat(i)).isCloseTo(expected.getFlat(i),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
