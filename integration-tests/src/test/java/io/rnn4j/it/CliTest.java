package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rnn4j} command end to end on small real data: train (archive, metrics, plots, report,
 * ONNX export checked in ONNX Runtime), evaluate, predict on two backends, inspect, export; and bad
 * input of each kind earns one clear message and a non-zero exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
    private static final Path FORECAST = Path.of("../examples/forecasting/experiment.yaml");

    @TempDir
    static Path dir;
    private Path out;


    @BeforeAll
    void trainOnce() {
        out = dir.resolve("forecast");
        // without differencing, so that predict can take raw windows (see aDifferencedForecasterRefusesRawWindows)
        CliRun r = CliRun.of("train", FORECAST.toString(), "--out", out.toString(), "--set", "training.epochs=4", "--set",
                "data.difference=0", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 4/4", "seasonal_naive_rmse", "wrote");
    }

    @Test
    void trainingWritesTheArchiveMetricsPlotsReportAndACheckedOnnxFile() throws Exception {
        for (String f : new String[] {"model.rnn4j", "metrics.csv", "resolved.yaml", "report.json", "loss.png",
            "forecast.png", "forecast.onnx"}) {
            assertThat(out.resolve(f)).as(f).exists().isNotEmptyFile();
        }
        assertThat(Files.readAllLines(out.resolve("metrics.csv")).get(0)).startsWith("epoch,loss,val_loss");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").isNumber()).as("parity figure present").isTrue();
        assertThat(report.at("/figures/onnx_parity_max_abs_diff").asDouble()).isLessThan(1e-4);
        assertThat(Files.readString(out.resolve("resolved.yaml"))).contains("lookback: 24", "epochs: 4");
        assertThat(out.resolve("checkpoint.rnn4j")).exists();
    }

    @Test
    void evaluateJsonHasTheMetricsAndTheSeasonalNaiveBaseline() throws Exception {
        CliRun r = CliRun.of("evaluate", out.resolve("model.rnn4j").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.has("loss_normalized")).isTrue();
        assertThat(j.has("rmse")).isTrue();
        assertThat(j.get("seasonal_naive_rmse").asDouble()).isPositive();
    }

    @Test
    void predictGivesTheSameOutputsOnTheReferenceAndOnnxRuntimeBackends() throws Exception {
        Path in = dir.resolve("in.jsonl");
        StringBuilder x = new StringBuilder("{\"x\": [");
        for (int i = 0; i < 24; i++) {
            x.append(i == 0 ? "" : ",").append(100 + 3 * i);
        }
        Files.writeString(in, x + "]}\n", StandardCharsets.UTF_8);
        CliRun cpu = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", in.toString());
        CliRun ort = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", in.toString(), "--backend", "onnxruntime");
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(ort.code()).as(ort.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(cpu.out()).get("y");
        JsonNode b = new ObjectMapper().readTree(ort.out()).get("y");
        assertThat(a.size()).isEqualTo(12);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).asDouble()).isCloseTo(a.get(i).asDouble(), org.assertj.core.data.Offset.offset(
                    1e-4 * Math.max(1, Math.abs(a.get(i).asDouble()))));
        }
    }

    @Test
    void aDifferencedForecasterRefusesRawWindowsAndPointsToGenerate() throws Exception {
        Path model = dir.resolve("diff");
        assertThat(CliRun.of("train", FORECAST.toString(), "--out", model.toString(), "--set", "training.epochs=1",
                "--threads", "1").code()).isZero();
        Path in = dir.resolve("in2.jsonl");
        Files.writeString(in, "{\"x\": [1, 2, 3]}\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("predict", model.resolve("model.rnn4j").toString(), "--input", in.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-RUN-019", "difference", "rnn4j generate");
    }

    @Test
    void inspectAndExportWorkOnTheArchive() {
        CliRun i = CliRun.of("inspect", out.resolve("model.rnn4j").toString());
        assertThat(i.code()).as(i.err()).isZero();
        assertThat(i.out()).contains("lstm_0", "(batch, 12)", "total parameters: 4,876", "air_passengers.csv");
        CliRun e = CliRun.of("export", out.resolve("model.rnn4j").toString(), "--onnx", dir.resolve("again.onnx").toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("checked in ONNX Runtime");
    }

    @Test
    void aTextClassifierTrainsWithATestFileAndPredictsLabelsWithProbabilities() throws Exception {
        java.util.List<String> rows = Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv"));
        Path d = Files.createDirectories(dir.resolve("text"));
        Files.write(d.resolve("train.csv"), rows.subList(0, 161));
        java.util.List<String> test = new java.util.ArrayList<>(rows.subList(0, 1));
        test.addAll(rows.subList(161, 201));
        Files.write(d.resolve("test.csv"), test);
        Path exp = d.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-sentiment
                data: {type: text_classification, train: train.csv, test: test.csv, text: review, label: score,
                       max_length: 30, validation: 0.25}
                model:
                  layers: [{embedding: {dim: 8}}, {gru: {units: 8}}]
                  head: {many_to_one: {pooling: last}}
                training: {epochs: 2, batch_size: 16}
                export: {onnx: tiny.onnx}
                """);
        CliRun r = CliRun.of("train", exp.toString(), "--out", d.resolve("out").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("test:", "accuracy", "majority_baseline_accuracy");
        Path in = d.resolve("in.jsonl");
        Files.writeString(in, "{\"text\": \"the best coffee I ever had\"}\n{\"text\": \"stale and bitter\"}\n");
        CliRun p = CliRun.of("predict", d.resolve("out/model.rnn4j").toString(), "--input", in.toString());
        assertThat(p.code()).as(p.err()).isZero();
        String[] lines = p.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("y").asText()).isIn("great", "other");
        assertThat(first.get("probabilities").get("great").asDouble() + first.get("probabilities").get("other").asDouble())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        // only the training file must stay as it was: a changed test file is simply evaluated as it is now
        Files.writeString(d.resolve("test.csv"), rows.get(300) + "\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun again = CliRun.of("evaluate", d.resolve("out/model.rnn4j").toString(), "--json");
        assertThat(again.code()).as(again.err()).isZero();
        // the model holds its vocabulary, labels and baseline: a test file is evaluated with the training file gone
        Files.delete(d.resolve("train.csv"));
        CliRun gone = CliRun.of("evaluate", d.resolve("out/model.rnn4j").toString(), "--json");
        assertThat(gone.code()).as(gone.err()).isZero();
        assertThat(gone.out()).isEqualTo(again.out());
    }

    @Test
    void badGenerationOptionsAreUsageErrors() {
        CliRun r = CliRun.of("generate", out.resolve("model.rnn4j").toString(), "--top-k", "-1");
        assertThat(r.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.err()).contains("--top-k must be >= 0");
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOne() throws Exception {
        Path whole = dir.resolve("whole");
        Path split = dir.resolve("split");
        assertThat(CliRun.of("train", FORECAST.toString(), "--out", whole.toString(), "--set", "training.epochs=4",
                "--threads", "1").code()).isZero();
        assertThat(CliRun.of("train", FORECAST.toString(), "--out", split.toString(), "--set", "training.epochs=2",
                "--threads", "1").code()).isZero();
        CliRun resumed = CliRun.of("train", FORECAST.toString(), "--out", split.toString(), "--set", "training.epochs=4",
                "--threads", "1", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readString(split.resolve("metrics.csv"))).isEqualTo(Files.readString(whole.resolve("metrics.csv")));
        assertThat(io.rnn4j.core.archive.ModelArchive.read(split.resolve("model.rnn4j")).weights().entries())
                .isEqualTo(io.rnn4j.core.archive.ModelArchive.read(whole.resolve("model.rnn4j")).weights().entries());
        CliRun other = CliRun.of("train", FORECAST.toString(), "--out", split.toString(), "--set", "training.epochs=5",
                "--set", "training.batch_size=8", "--threads", "1", "--resume");
        assertThat(other.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(other.err()).contains("RNN4J-RUN-005", "different experiment");
    }

    @Test
    void aSeq2SeqModelExportsAsAPairAndPredictsTheSameTextOnBothBackends() throws Exception {
        java.util.List<String> rows = Files.readAllLines(Path.of("../examples/data/dates_train.csv"));
        Path d = Files.createDirectories(dir.resolve("dates"));
        Files.write(d.resolve("train.csv"), rows.subList(0, 241));
        Path exp = d.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-dates
                data: {type: pairs, train: train.csv, validation: 0.2,
                       source_tokenizer: {type: char, max_vocab: 0}, target_tokenizer: {type: char, lowercase: false, max_vocab: 0}}
                model:
                  layers: [{embedding: {dim: 8}}, {gru: {units: 12}}]
                  head: {seq2seq: {cell: gru, embedding_dim: 8, max_length: 12}}
                training: {epochs: 1, batch_size: 32}
                export: {onnx: dates.onnx}
                """);
        CliRun r = CliRun.of("train", exp.toString(), "--out", d.resolve("out").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("exact_match");
        assertThat(d.resolve("out/dates.onnx")).exists();
        assertThat(d.resolve("out/dates.decoder.onnx")).exists();
        Path in = d.resolve("in.jsonl");
        Files.writeString(in, "{\"text\": \"23 Nov 2026\"}\n{\"text\": \"11/23/26\"}\n");
        CliRun cpu = CliRun.of("predict", d.resolve("out/model.rnn4j").toString(), "--input", in.toString());
        CliRun ort = CliRun.of("predict", d.resolve("out/model.rnn4j").toString(), "--input", in.toString(), "--backend", "onnxruntime");
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(ort.code()).as(ort.err()).isZero();
        assertThat(ort.out()).isEqualTo(cpu.out());
        assertThat(new ObjectMapper().readTree(cpu.out().lines().findFirst().orElseThrow()).get("y").isTextual()).isTrue();

        // a decoder that may write fewer tokens than the longest target (10 characters and <eos>) is refused at
        // once, where before it trained and cut every such date at test time
        Files.writeString(exp, Files.readString(exp).replace("max_length: 12", "max_length: 9"));
        CliRun shorter = CliRun.of("train", exp.toString(), "--out", d.resolve("out-short").toString(), "--threads", "1");
        assertThat(shorter.code()).isNotZero();
        assertThat(shorter.err()).contains("error RNN4J-DSL-074 at model.head.seq2seq.max_length: the decoder writes at "
                + "most 9 tokens (<eos> included), but the longest target of the data has 10 tokens and needs 11",
                "hint: raise max_length to at least 11, or cut the targets to 8 tokens with data.max_target_length");
        assertThat(d.resolve("out-short/model.rnn4j")).doesNotExist();
    }

    @Test
    void aMissingExperimentFileIsOneClearMessage() {
        CliRun r = CliRun.of("train", dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).startsWith("error: RNN4J-DSL-027: experiment file").doesNotContain("\tat ");
    }

    @Test
    void anInvalidExperimentListsEveryProblemWithExitCode2() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "version: 1\nname: x\ndata: {type: text, train: t.txt}\nmodel: {layers: [{lstm: {unit: 3}}], "
                + "head: {many_to_many: {}}}\n");
        CliRun r = CliRun.of("validate", f.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.err()).contains("bad.yaml:4:26: error RNN4J-DSL-003 at model.layers[0].lstm.unit: unknown key 'unit'");
    }

    @Test
    void aMissingDataFileIsNamedBeforeTraining() throws Exception {
        Path f = dir.resolve("nodata.yaml");
        Files.writeString(f, Files.readString(FORECAST).replace("../data/air_passengers.csv", "missing.csv"));
        CliRun r = CliRun.of("train", f.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-DATA-", "missing.csv");
    }

    @Test
    void aCorruptArchiveIsRefusedClearly() throws Exception {
        Path bad = dir.resolve("bad.rnn4j");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        CliRun r = CliRun.of("evaluate", bad.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-ARCHIVE-001", "bad.rnn4j");
    }

    @Test
    void divergingTrainingStopsWithTheEpochStepAndLikelyCause() {
        CliRun r = CliRun.of("train", FORECAST.toString(), "--out", dir.resolve("nan").toString(), "--set",
                "training.optimizer={sgd: {lr: 1.0e30}}", "--set", "training.epochs=3");
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-TRAIN-002", "epoch", "learning rate");
        // it diverges in epoch 1: there is no trained model to keep, and an untrained one is not passed off as one
        assertThat(r.err()).contains("No epoch completed, so no model or checkpoint was written; wrote "
                + dir.resolve("nan/metrics.csv"));
        assertThat(dir.resolve("nan/model.rnn4j")).doesNotExist();
    }

    @Test
    void backendsListsTheReferenceAndTheOnnxRuntimeBackend() throws Exception {
        CliRun r = CliRun.of("backends", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"id\" : \"cpu\"", "\"id\" : \"onnxruntime\"");
    }

    @Test
    void renderConfigAndSchemaPrintToStandardOutput() {
        assertThat(CliRun.of("render-config", FORECAST.toString()).out()).contains("batch_size: 16", "optimizer:");
        assertThat(CliRun.of("schema").out()).contains("\"$defs\"");
    }
}
