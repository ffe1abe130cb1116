package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} streams batches in input order and refuses what does not fit the model, with the line
 * number and the expected and found shape, on the default backend and on ONNX Runtime (issue 10, point 1;
 * issue 9, section 3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictTest {
    @TempDir
    static Path dir;
    private Path features;
    private Path texts;

    @BeforeAll
    void trainTwoSmallModels() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 60; i++) {
            int steps = 2 + r.nextInt(4);
            StringBuilder x = new StringBuilder();
            for (int t = 0; t < steps; t++) {
                x.append(t == 0 ? "" : ", ").append('[').append(r.nextFloat()).append(", ").append(r.nextFloat()).append(']');
            }
            sb.append("{\"x\": [").append(x).append("], \"y\": ").append(r.nextInt(2)).append("}\n");
        }
        Files.writeString(dir.resolve("two.jsonl"), sb, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("two.yaml"), """
                version: 1
                name: two-features
                data: {type: sequences, train: two.jsonl, validation: 0.2}
                model: {layers: [{lstm: {units: 4}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 16}
                """);
        CliRun a = CliRun.of("train", dir.resolve("two.yaml").toString(), "--out", dir.resolve("two").toString(),
                "--threads", "1");
        assertThat(a.code()).as(a.err()).isZero();
        features = dir.resolve("two/model.rnn4j");
        Files.write(dir.resolve("tc.csv"), Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv")).subList(0, 81));
        Files.writeString(dir.resolve("tc.yaml"), """
                version: 1
                name: tc
                data: {type: text_classification, train: tc.csv, text: review, label: score, max_length: 20, validation: 0.2}
                model: {layers: [{embedding: {dim: 4}}, {gru: {units: 4}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 16}
                """);
        CliRun b = CliRun.of("train", dir.resolve("tc.yaml").toString(), "--out", dir.resolve("tc").toString(),
                "--threads", "1");
        assertThat(b.code()).as(b.err()).isZero();
        texts = dir.resolve("tc/model.rnn4j");
    }

    private static Path input(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "onnxruntime"})
    void extraFeaturesAreRefusedWithTheLineAndTheExpectedShapeNotDropped(String backend) throws Exception {
        Path in = input("extra.jsonl", "{\"x\": [[0.1, 0.2], [0.3, 0.4]]}\n{\"x\": [[0.1, 0.2, 99], [0.3, 0.4, -99]]}\n");
        CliRun r = CliRun.of("predict", features.toString(), "--input", in.toString(), "--backend", backend);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("RNN4J-PRED-001", in + ":2:", "\"x\"[0] has 3 features, but this model takes 2 per step",
                "expected shape [2, 2]");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "onnxruntime"})
    void missingFeaturesAreRefusedWithTheExpectedShape(String backend) throws Exception {
        Path in = input("fewer.jsonl", "{\"x\": [[0.1], [0.3]]}\n");
        CliRun r = CliRun.of("predict", features.toString(), "--input", in.toString(), "--backend", backend);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(in + ":1:", "\"x\"[0] has 1 feature, but this model takes 2 per step");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "onnxruntime"})
    void aNumberWhereTextBelongsIsRefusedNotReadAsText(String backend) throws Exception {
        Path in = input("number.jsonl", "{\"text\": 5}\n");
        CliRun r = CliRun.of("predict", texts.toString(), "--input", in.toString(), "--backend", backend);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(in + ":1:", "\"text\" must be a string, found the number 5");
    }

    @Test
    void unknownAndMissingFieldsAreRefused() throws Exception {
        Path in = input("fields.jsonl", "{\"text\": \"good\", \"stars\": 5}\n");
        CliRun r = CliRun.of("predict", texts.toString(), "--input", in.toString());
        assertThat(r.err()).contains(in + ":1:", "unknown field \"stars\"");
        Path none = input("none.jsonl", "{\"review\": \"good\"}\n");
        assertThat(CliRun.of("predict", texts.toString(), "--input", none.toString()).err())
                .contains(none + ":1:", "unknown field \"review\"");
        Path missing = input("missing.jsonl", "{}\n");
        assertThat(CliRun.of("predict", texts.toString(), "--input", missing.toString()).err())
                .contains(missing + ":1:", "missing field \"text\" (the object is empty)");
    }

    @Test
    void anEmptyInputGivesANoticeNotSilence() throws Exception {
        Path in = input("empty.jsonl", "");
        CliRun r = CliRun.of("predict", features.toString(), "--input", in.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("note: " + in + " holds no JSON records (it is empty)");
    }

    @Test
    void batchesKeepTheInputOrderAndGiveTheSameOutputsAsOneRecordAtATime() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < 300; i++) {
            int steps = 1 + r.nextInt(7);
            StringBuilder x = new StringBuilder();
            for (int t = 0; t < steps; t++) {
                x.append(t == 0 ? "" : ", ").append('[').append(r.nextFloat()).append(", ").append(r.nextFloat()).append(']');
            }
            sb.append("{\"x\": [").append(x).append("]}\n");
        }
        Path in = input("many.jsonl", sb.toString());
        CliRun one = CliRun.of("predict", features.toString(), "--input", in.toString(), "--batch-size", "1");
        CliRun batched = CliRun.of("predict", features.toString(), "--input", in.toString(), "--batch-size", "7");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(batched.code()).as(batched.err()).isZero();
        String[] a = one.out().split("\n");
        String[] b = batched.out().split("\n");
        assertThat(a).hasSize(300);
        assertThat(b).hasSize(300);
        for (int i = 0; i < a.length; i++) {
            var ja = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a[i]).get("probabilities");
            var jb = new com.fasterxml.jackson.databind.ObjectMapper().readTree(b[i]).get("probabilities");
            for (String k : java.util.List.of("0", "1")) {
                assertThat(jb.get(k).asDouble()).as("line " + (i + 1)).isCloseTo(ja.get(k).asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void anOutputThatIsAnInputFileIsRefusedAndTheInputKept() throws Exception {
        String lines = "{\"x\": [[0.1, 0.2]]}\n{\"x\": [[0.5, 0.6]]}\n";
        Path in = input("same.jsonl", lines);
        Path link = dir.resolve("same-link.jsonl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, in);
        for (Path out : List.of(in, dir.resolve("./same.jsonl"), link)) {
            CliRun r = CliRun.of("predict", features.toString(), "--input", in.toString(), "--output", out.toString());
            assertThat(r.code()).as(out.toString()).isEqualTo(1);
            assertThat(r.err()).contains("RNN4J-RUN-016", "is the --input file", "would replace the lines", "Choose another --output");
            assertThat(Files.readString(in)).isEqualTo(lines);
        }
        // export and import refuse to write over what they read, too
        Path copy = dir.resolve("copy.rnn4j");
        Files.copy(features, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(copy);
        CliRun export = CliRun.of("export", copy.toString(), "--onnx", copy.toString());
        assertThat(export.code()).isEqualTo(1);
        assertThat(export.err()).contains("RNN4J-RUN-016", "--onnx " + copy + " is the MODEL file",
                "would replace the trained model archive");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        Path onnx = dir.resolve("copy.onnx");
        CliRun ok = CliRun.of("export", copy.toString(), "--onnx", onnx.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        byte[] onnxBytes = Files.readAllBytes(onnx);
        CliRun imp = CliRun.of("import", onnx.toString(), "--out", onnx.toString());
        assertThat(imp.code()).isEqualTo(1);
        assertThat(imp.err()).contains("RNN4J-RUN-016", "--out " + onnx + " is the MODEL.onnx file");
        assertThat(Files.readAllBytes(onnx)).isEqualTo(onnxBytes);
    }

    @Test
    void aMissingFileIsNamedByTheOptionThatGaveItAndResolvedAgainstTheCurrentDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();
        CliRun p = CliRun.of("predict", features.toString(), "--input", "no-such-lines.jsonl");
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.err()).contains("RNN4J-DATA-001", "(from `--input`)", "resolved against the current directory ("
                + cwd + ")").doesNotContain("experiment file's folder");
        CliRun e = CliRun.of("evaluate", features.toString(), "--data", "no-such-data.jsonl");
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("RNN4J-DATA-001", "(from `--data`)", "current directory").doesNotContain("`test`");
    }

    @Test
    void withFailNoOutputFileIsLeftAndWithSkipBadLinesAreListedAndCounted() throws Exception {
        Path in = input("mixed.jsonl", "{\"x\": [[0.1, 0.2]]}\nnot json\n{\"x\": [[0.5, 0.6]]}\n{\"x\": [[1, 2, 3]]}\n");
        Path out = dir.resolve("outputs/mixed.out.jsonl");
        CliRun fail = CliRun.of("predict", features.toString(), "--input", in.toString(), "--output", out.toString());
        assertThat(fail.code()).isEqualTo(1);
        // predict reads its input as the training data is read (issue 10): the same located JSON error
        assertThat(fail.err()).contains("RNN4J-DATA-006: bad JSON in " + in + ", line 2, column 1: found the word \"not\"");
        assertThat(out).doesNotExist();
        try (var files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file is left").isEmpty();
        }
        CliRun skip = CliRun.of("predict", features.toString(), "--input", in.toString(), "--output", out.toString(),
                "--on-error", "skip");
        assertThat(skip.code()).as(skip.err()).isZero();
        assertThat(skip.err()).contains("skipped RNN4J-DATA-006: bad JSON in " + in + ", line 2,", "skipped RNN4J-PRED-001: " + in + ":4:",
                "predicted 2 lines, skipped 2 (lines 2, 4)");
        CliRun good = CliRun.of("predict", features.toString(), "--input", input("good.jsonl",
                "{\"x\": [[0.1, 0.2]]}\n{\"x\": [[0.5, 0.6]]}\n").toString());
        assertThat(Files.readString(out)).isEqualTo(good.out());
    }
    /**
     * The input is read one window ahead of the model on another thread: a bad line many windows in
     * (batches of 2, so windows of 32 lines) still fails the run with its line number and no output file,
     * or with skip is left out while every other line keeps its place and its prediction.
     */
    @Test
    void aBadLineSeveralWindowsInFailsWithItsNumberOrIsSkippedWithTheOtherLinesInOrder() throws Exception {
        java.util.List<String> good = new java.util.ArrayList<>();
        java.util.Random r = new java.util.Random(13);
        for (int i = 0; i < 200; i++) {
            good.add("{\"x\": [[" + r.nextFloat() + ", " + r.nextFloat() + "], [" + r.nextFloat() + ", " + r.nextFloat()
                    + "]]}");
        }
        java.util.List<String> mixed = new java.util.ArrayList<>(good);
        mixed.add(150, "{\"x\": [[1, 2, 3]]}"); // line 151: three features where the model takes two
        Path in = input("deep.jsonl", String.join("\n", mixed) + "\n");
        Path out = dir.resolve("deep/out.jsonl");
        CliRun fail = CliRun.of("predict", features.toString(), "--input", in.toString(), "--output", out.toString(),
                "--batch-size", "2");
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.err()).contains(in + ":151:");
        assertThat(out).doesNotExist();
        try (var files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file is left").isEmpty();
        }
        CliRun skip = CliRun.of("predict", features.toString(), "--input", in.toString(), "--output", out.toString(),
                "--batch-size", "2", "--on-error", "skip");
        assertThat(skip.code()).as(skip.err()).isZero();
        assertThat(skip.err()).contains("predicted 200 lines, skipped 1 (lines 151)");
        CliRun clean = CliRun.of("predict", features.toString(), "--input", input("deep-good.jsonl",
                String.join("\n", good) + "\n").toString(), "--batch-size", "2");
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out().split("\n")).hasSize(200);
        assertThat(Files.readString(out)).isEqualTo(clean.out());
    }
}
