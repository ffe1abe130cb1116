package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party data kind ({@code vector_rows} in integration-tests/plugin-fixture, written against the
 * core SPI only) works end to end from the command line with no change to rnn4j's modules: validate,
 * train, evaluate, predict (with its own record checks), export to ONNX, and after the archive is moved
 * away from its data, predict again the same.
 */
class PluginDataKindTest {
    @TempDir
    Path dir;

    @Test
    void aPluginDataKindValidatesTrainsEvaluatesPredictsAndExports() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,label\n");
        Random r = new Random(7);
        for (int i = 0; i < 160; i++) {
            boolean up = r.nextBoolean();
            float start = r.nextFloat();
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                row.append(String.format(java.util.Locale.ROOT, "%.3f,", start + (up ? 0.15f : -0.15f) * k));
            }
            csv.append(row).append(up ? "up" : "down").append('\n');
        }
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        Path exp = dir.resolve("rows.yaml");
        Files.writeString(exp, """
                version: 1
                name: rows
                data: {type: vector_rows, train: rows.csv, validation: 0.2, test: 0.2}
                model:
                  layers:
                    - lstm: {units: 8}
                  head: {many_to_one: {}}
                training: {epochs: 12, batch_size: 16, optimizer: {adam: {lr: 0.02}},
                           early_stopping: {monitor: val_accuracy, patience: 20}}
                export: {onnx: rows.onnx}
                """, StandardCharsets.UTF_8);
        assertThat(CliRun.of("validate", exp.toString()).code()).isZero();
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(exp).replace("monitor: val_accuracy", "monitor: val_acuracy"));
        CliRun bad = CliRun.of("validate", typo.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("RNN4J-DSL-048", "training.early_stopping.monitor", "did you mean 'val_accuracy'");

        Path out = dir.resolve("out");
        CliRun train = CliRun.of("train", exp.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(out.resolve("rows.onnx")).exists();

        CliRun eval = CliRun.of("evaluate", out.resolve("model.rnn4j").toString(), "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(eval.out());
        assertThat(e.get("split").asText()).isEqualTo("test");
        assertThat(e.get("accuracy").asDouble()).isGreaterThan(0.8);

        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"values\": [0.1, 0.25, 0.4, 0.55, 0.7, 0.85]}\n"
                + "{\"values\": [0.9, 0.75, 0.6, 0.45, 0.3, 0.15]}\n", StandardCharsets.UTF_8);
        CliRun p = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", in.toString());
        assertThat(p.code()).as(p.err()).isZero();
        String[] lines = p.out().strip().split("\n");
        assertThat(new ObjectMapper().readTree(lines[0]).get("label").asText()).isEqualTo("up");
        assertThat(new ObjectMapper().readTree(lines[1]).get("label").asText()).isEqualTo("down");

        Path wrong = dir.resolve("wrong.jsonl");
        Files.writeString(wrong, "{\"values\": [0.1, 0.2]}\n", StandardCharsets.UTF_8);
        CliRun refused = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", wrong.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(wrong + ":1:", "\"values\" has 2 numbers, the model takes 6");

        Path moved = Files.createDirectories(dir.resolve("elsewhere")).resolve("model.rnn4j");
        Files.copy(out.resolve("model.rnn4j"), moved);
        Files.delete(data);
        CliRun again = CliRun.of("predict", moved.toString(), "--input", in.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(p.out());
        CliRun export = CliRun.of("export", moved.toString(), "--onnx", dir.resolve("again.onnx").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(dir.resolve("again.onnx")).exists();
    }
}
