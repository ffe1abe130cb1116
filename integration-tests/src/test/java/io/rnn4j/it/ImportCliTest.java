package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnn4j import} of a PyTorch LSTM (a fixture of {@code tools/onnx/import_fixtures.py}), then fine-tuning it
 * from YAML with {@code model: {init_from: ...}}: the loss falls and the fine-tuned model exports through the parity
 * check; {@code --experiment} gives an archive that {@code inspect} reads; a layer graph that does not match is
 * refused naming the layer and the shapes.
 */
class ImportCliTest {
    private static final Path LSTM = Path.of("../onnx/src/test/resources/io/rnn4j/onnx/import/lstm_last_torchscript.onnx");

    @TempDir
    Path dir;

    /** 3 features over 5 steps; the class is the feature with the largest sum over the steps. */
    private Path data() throws Exception {
        Random r = new Random(5);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            double[] sum = new double[3];
            StringBuilder x = new StringBuilder("[");
            for (int t = 0; t < 5; t++) {
                x.append(t == 0 ? "[" : ",[");
                for (int f = 0; f < 3; f++) {
                    double v = Math.round((r.nextDouble() * 2 - 1) * 1000) / 1000.0;
                    sum[f] += v;
                    x.append(f == 0 ? "" : ",").append(v);
                }
                x.append("]");
            }
            int y = sum[0] >= sum[1] && sum[0] >= sum[2] ? 0 : sum[1] >= sum[2] ? 1 : 2;
            s.append("{\"x\": ").append(x).append("], \"y\": ").append(y).append("}\n");
        }
        Path f = dir.resolve("train.jsonl");
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    private static String head(String model) {
        return "version: 1\nname: fine-tune\nseed: 3\ndata: {type: sequences, train: train.jsonl, classes: 3, "
                + "validation: 0.2, test: 0.1}\n" + model;
    }

    @Test
    void importedPyTorchLstmFineTunesFromYamlAndExportsThroughTheParityCheck() throws Exception {
        data();
        Path imported = dir.resolve("imported.rnn4j");
        CliRun imp = CliRun.of("import", LSTM.toString(), "--out", imported.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("lstm", "many_to_one", "max |diff|", "init_from: " + imported.toAbsolutePath());
        String model = imp.out().substring(imp.out().indexOf("model:"));
        Path yaml = dir.resolve("fine-tune.yaml");
        Files.writeString(yaml, head(model) + "training: {epochs: 6, batch_size: 8, optimizer: {adam: {lr: 0.02}}}\n"
                + "export: {onnx: fine-tuned.onnx}\n", StandardCharsets.UTF_8);

        CliRun train = CliRun.of("train", yaml.toString(), "--out", dir.resolve("out").toString(), "--backend", "cpu");

        assertThat(train.code()).as(train.err() + train.out()).isZero();
        List<String> metrics = Files.readAllLines(dir.resolve("out/metrics.csv"));
        double first = Double.parseDouble(metrics.get(1).split(",")[1]);
        double last = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[1]);
        assertThat(last).as("training loss after fine-tuning vs the first epoch's").isLessThan(first);
        assertThat(dir.resolve("out/fine-tuned.onnx")).exists().isNotEmptyFile();
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").isNumber()).as("parity figure").isTrue();
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").asDouble()).isLessThan(1e-4);
    }

    @Test
    void importWithAnExperimentGivesAnArchiveThatInspectReads() throws Exception {
        data();
        Path exp = dir.resolve("data.yaml");
        Files.writeString(exp, head(""), StandardCharsets.UTF_8);
        Path imported = dir.resolve("with-data.rnn4j");
        CliRun imp = CliRun.of("import", LSTM.toString(), "--out", imported.toString(), "--experiment", exp.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        CliRun inspect = CliRun.of("inspect", imported.toString());
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("model 'fine-tune'", "lstm", "many_to_one", "trained on");
    }

    @Test
    void anArchiveImportedWithoutDataSaysHowToAddItAndInitFromAnotherGraphNamesTheFirstDifferingLayer() throws Exception {
        data();
        Path imported = dir.resolve("imported.rnn4j");
        assertThat(CliRun.of("import", LSTM.toString(), "--out", imported.toString()).code()).isZero();
        CliRun inspect = CliRun.of("inspect", imported.toString());
        assertThat(inspect.code()).isNotZero();
        assertThat(inspect.err()).contains("RNN4J-RUN-010", "without data", "--experiment", "init_from");
        Path yaml = dir.resolve("other.yaml");
        Files.writeString(yaml, head("model:\n  init_from: imported.rnn4j\n  layers:\n    - lstm: {units: 6}\n"
                + "  head:\n    many_to_one: {classes: 3}\n") + "training: {epochs: 1}\n", StandardCharsets.UTF_8);
        CliRun train = CliRun.of("train", yaml.toString(), "--out", dir.resolve("o2").toString(), "--backend", "cpu");
        assertThat(train.code()).isNotZero();
        assertThat(train.err().toLowerCase(Locale.ROOT)).contains("rnn4j-run-021", "layer 'lstm_0'", "[24, 3]",
                "[16, 3]");
    }
}
