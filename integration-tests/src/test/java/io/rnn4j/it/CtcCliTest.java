package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CTC model end to end through the CLI (issue 13): images of glyph strings read column by column train
 * with the ctc head, export to ONNX, and {@code predict --backend onnxruntime} gives the same greedy and beam
 * transcripts as the default backend. The glyphs are three 4 x 3 patterns (labels a, b, c) set side by side
 * with a blank column between; the task is easy enough to learn in a few seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CtcCliTest {
    private static final float[][][] GLYPHS = {
        {{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}},
        {{0, 0, 1, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}},
        {{1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1, 1, 1}}};
    @TempDir
    static Path dir;
    private final List<String> truth = new ArrayList<>();

    /** A JSON Lines record of an image (4 rows) with its text. */
    private static String record(String text, Random r, boolean withText) {
        List<float[]> columns = new ArrayList<>();
        columns.add(new float[4]);
        for (char ch : text.toCharArray()) {
            for (float[] col : GLYPHS[ch - 'a']) {
                float[] c = col.clone();
                for (int i = 0; i < 4; i++) {
                    c[i] = Math.min(1f, Math.max(0f, c[i] + (r.nextFloat() - 0.5f) * 0.2f));
                }
                columns.add(c);
            }
            columns.add(new float[4]);
        }
        StringBuilder rows = new StringBuilder("[");
        for (int y = 0; y < 4; y++) {
            rows.append(y == 0 ? "[" : ", [");
            for (int x = 0; x < columns.size(); x++) {
                rows.append(x == 0 ? "" : ", ").append(columns.get(x)[y]);
            }
            rows.append(']');
        }
        rows.append(']');
        return "{\"image\": " + rows + (withText ? ", \"text\": \"" + text + "\"" : "") + "}\n";
    }

    private static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(3)));
        }
        return sb.toString();
    }

    @BeforeAll
    void trainAndExport() throws Exception {
        Random r = new Random(11);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            train.append(record(text(r), r, true));
        }
        Files.writeString(dir.resolve("glyphs.jsonl"), train, StandardCharsets.UTF_8);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String t = text(r);
            truth.add(t);
            input.append(record(t, r, false));
        }
        Files.writeString(dir.resolve("input.jsonl"), input, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("glyphs.yaml"), """
                version: 1
                name: glyphs
                seed: 3
                data: {type: images, train: glyphs.jsonl, validation: 0.1, read: columns, target: sequence, scale: 1.0}
                model:
                  layers: [{gru: {units: 12, bidirectional: true}}]
                  head: {ctc: {beam_width: 4}}
                training: {epochs: 25, batch_size: 8, optimizer: {adam: {lr: 0.02}}, clip_norm: 5.0}
                export: {onnx: glyphs.onnx}
                """);
        CliRun run = CliRun.of("train", dir.resolve("glyphs.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--threads", "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("onnx_parity_max_abs_diff", "greedy_cer", "beam_cer", "baseline_cer");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> predict(String backend) throws Exception {
        CliRun r = CliRun.of("predict", dir.resolve("out/model.rnn4j").toString(), "--input",
                dir.resolve("input.jsonl").toString(), "--backend", backend);
        assertThat(r.code()).as(r.err()).isZero();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            out.add(new ObjectMapper().readValue(line, Map.class));
        }
        return out;
    }

    @Test
    void onnxRuntimeGivesTheSameTranscriptsAsTheDefaultBackend() throws Exception {
        List<Map<String, Object>> cpu = predict("cpu");
        List<Map<String, Object>> ort = predict("onnxruntime");
        assertThat(cpu).hasSize(12);
        int right = 0;
        for (int i = 0; i < 12; i++) {
            assertThat(ort.get(i).get("text")).as("greedy transcript %d", i).isEqualTo(cpu.get(i).get("text"));
            assertThat(ort.get(i).get("beam")).as("beam transcript %d", i).isEqualTo(cpu.get(i).get("beam"));
            right += truth.get(i).equals(cpu.get(i).get("beam")) ? 1 : 0;
        }
        // the transcripts are real: the model learnt the glyphs (not a comparison of empty strings)
        assertThat(right).as("correct beam transcripts of 12: %s vs %s", cpu, truth).isGreaterThanOrEqualTo(9);
    }

    @Test
    void transcriptsWithAnotherHeadAreRefusedWithTheFix() throws Exception {
        Files.writeString(dir.resolve("wrong.yaml"), """
                version: 1
                name: wrong
                data: {type: images, train: glyphs.jsonl, read: columns, target: sequence, scale: 1.0}
                model: {layers: [{gru: {units: 4}}], head: {many_to_many: {}}}
                training: {epochs: 1, batch_size: 8}
                """);
        CliRun r = CliRun.of("train", dir.resolve("wrong.yaml").toString(), "--out", dir.resolve("wrong").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("RNN4J-RUN-031", "the data's targets are label sequences (transcripts), which only "
                + "a head trained with CTC reads, but the head is 'many_to_many'. Use 'head: {ctc: {}}'.");
    }
}
