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
    /** A bidirectional LSTM fed a PackedSequence (its graph takes the lengths as sequence_lens). */
    private static final Path PACKED = Path.of(
            "../onnx/src/test/resources/io/rnn4j/onnx/import/lstm_bi_packed_last_torchscript.onnx");

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
        assertThat(imp.out()).contains("lstm", "many_to_one", "max |diff|", "init_from: " + imported.toAbsolutePath())
                .doesNotContain("sequence lengths");
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

    /** 3 features over 2 to 5 steps; the class is the feature with the largest sum over the steps. */
    private Path variableLengthData() throws Exception {
        Random r = new Random(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 96; i++) {
            double[] sum = new double[3];
            StringBuilder x = new StringBuilder("[");
            int steps = 2 + r.nextInt(4);
            for (int t = 0; t < steps; t++) {
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
        Path f = dir.resolve("varlen.jsonl");
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    /**
     * The whole path a user takes with a PyTorch model trained on padded batches: import it, render its experiment
     * (render-config on the archive, the data given with --set), save and train the rendered file for 2 epochs on
     * variable-length data: it starts from the imported weights, the loss falls and the export passes the parity
     * check. Without data, render-config says how to give it; train on the archive itself says to render it first.
     */
    @Test
    void importedPackedLstmRendersAsACompleteExperimentThatTrainsFromTheImportedWeights() throws Exception {
        variableLengthData();
        Path imported = dir.resolve("packed.rnn4j");
        CliRun imp = CliRun.of("import", PACKED.toString(), "--out", imported.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("takes the sequence lengths as its input 'lengths'");

        CliRun noData = CliRun.of("render-config", imported.toString());
        assertThat(noData.code()).isNotZero();
        assertThat(noData.err()).contains("RNN4J-RUN-023", "without data", "--set data=", "classes: 3", "--experiment");
        CliRun trainArchive = CliRun.of("train", imported.toString(), "--out", dir.resolve("x").toString());
        assertThat(trainArchive.code()).isNotZero();
        assertThat(trainArchive.err()).contains("RNN4J-RUN-024", "is a model archive", "rnn4j render-config");

        CliRun render = CliRun.of("render-config", imported.toString(), "--set",
                "data={type: sequences, train: varlen.jsonl, classes: 3, validation: 0.2}", "--set", "training.epochs=2",
                "--set", "training.batch_size=8", "--set", "training.optimizer={adam: {lr: 0.02}}",
                "--set", "export={onnx: fine-tuned.onnx}");
        assertThat(render.code()).as(render.err()).isZero();
        assertThat(render.out()).contains("version: 1", "name: lstm_bi_packed_last_torchscript", "init_from: "
                + imported.toAbsolutePath().normalize(), "bidirectional: true", "many_to_one", "train: varlen.jsonl",
                "epochs: 2", "seed:");
        Path yaml = dir.resolve("fine-tune.yaml");
        Files.writeString(yaml, render.out(), StandardCharsets.UTF_8);
        CliRun again = CliRun.of("render-config", yaml.toString());
        assertThat(again.code()).as("the rendered file is a valid experiment: " + again.err()).isZero();

        CliRun train = CliRun.of("train", yaml.toString(), "--out", dir.resolve("ft").toString(), "--backend", "cpu",
                "--threads", "1");

        assertThat(train.code()).as(train.err() + train.out()).isZero();
        List<String> metrics = Files.readAllLines(dir.resolve("ft/metrics.csv"));
        assertThat(metrics).hasSize(3);
        double first = Double.parseDouble(metrics.get(1).split(",")[1]);
        double last = Double.parseDouble(metrics.get(2).split(",")[1]);
        assertThat(last).as("training loss of epoch 2 vs epoch 1").isLessThan(first);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("ft/report.json").toFile());
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").isNumber()).as("parity figure").isTrue();
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").asDouble()).isLessThan(1e-4);
        assertThat(dir.resolve("ft/fine-tuned.onnx")).exists().isNotEmptyFile();
        // the fine-tuned model renders too, starting from itself
        CliRun next = CliRun.of("render-config", dir.resolve("ft/model.rnn4j").toString());
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).contains("init_from: " + dir.resolve("ft/model.rnn4j").toAbsolutePath().normalize(),
                "train: varlen.jsonl");
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
