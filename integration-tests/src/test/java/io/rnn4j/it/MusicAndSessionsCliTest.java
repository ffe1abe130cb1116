package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.data.tunes.Abc2Midi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The music and recommendation examples' data kinds end to end through the command line, trained tiny:
 * {@code tunes} with a {@code one_to_many} decoder, {@code sessions} with a GRU over items; predictions on
 * the default backend and in ONNX Runtime agree, and the tunes run leaves a generated tune in its output
 * folder ({@code sample.abc}, and {@code sample.mid} when {@code abc2midi} is installed and parses it).
 */
class MusicAndSessionsCliTest {

    @Test
    void aOneToManyDecoderWritesTuneBodiesFromTheirHeadersAndExportsAPair(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../examples/data/oneills_tunes.abc"));
        int end = 0;
        int blank = 0;
        while (blank < 40) { // the first 40 tunes
            if (lines.get(end++).isEmpty()) {
                blank++;
            }
        }
        Files.write(dir.resolve("tunes.abc"), lines.subList(0, end));
        Path exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-tunes
                data: {type: tunes, train: tunes.abc, validation: 0.1, test: 0.1, task: from_header, max_length: 64,
                       judged: 4}
                model:
                  layers: [{dense: {units: 8, activation: tanh}}]
                  head: {one_to_many: {cell: gru, units: 16, length: 40, embedding_dim: 8}}
                training: {epochs: 1, batch_size: 16}
                export: {onnx: tunes.onnx}
                """);
        CliRun r = CliRun.of("train", exp.toString(), "--out", dir.resolve("out").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("generated_metered").contains("real_metered").contains("baseline_metered");
        assertThat(dir.resolve("out/tunes.decoder.onnx")).exists();
        JsonNode figures = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile()).get("figures");
        String abc = Files.readString(dir.resolve("out/sample.abc"));
        assertThat(abc).isEqualTo(figures.get("sample").asText()).startsWith("X:");
        String midi = figures.get("sample_midi").asText();
        assertThat(r.out()).contains("sample_midi: " + midi).contains("wrote " + dir.resolve("out/sample.abc"));
        if (Abc2Midi.find().isEmpty()) {
            assertThat(midi).startsWith("not written: abc2midi is not installed (apt-get install abcmidi)");
            assertThat(dir.resolve("out/sample.mid")).doesNotExist();
        } else if (midi.equals("sample.mid")) { // the first generated tune abc2midi parses
            assertThat(new String(Files.readAllBytes(dir.resolve("out/sample.mid")), 0, 4, StandardCharsets.US_ASCII))
                    .isEqualTo("MThd");
        } else { // a model trained for one epoch may write nothing abc2midi parses
            assertThat(midi).startsWith("not written: abc2midi parsed none of the");
            assertThat(dir.resolve("out/sample.mid")).doesNotExist();
        }
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"rhythm\": \"reel\", \"meter\": \"C\", \"key\": \"D\"}\n", StandardCharsets.UTF_8);
        CliRun cpu = CliRun.of("predict", dir.resolve("out/model.rnn4j").toString(), "--input", in.toString());
        CliRun ort = CliRun.of("predict", dir.resolve("out/model.rnn4j").toString(), "--input", in.toString(), "--backend",
                "onnxruntime");
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(ort.code()).as(ort.err()).isZero();
        assertThat(ort.out()).isEqualTo(cpu.out());
        JsonNode j = new ObjectMapper().readTree(cpu.out().lines().findFirst().orElseThrow());
        assertThat(j.get("abc").asText()).startsWith("X:1\nT:generated\nR:reel\nM:C\nL:1/8\nK:D\n");
    }

    /** With {@code tie_embedding} too: the export's one table serves the lookup and the output layer. */
    @ParameterizedTest(name = "tie_embedding and exclude_seen {0}")
    @ValueSource(booleans = {false, true})
    void aGruOverSessionsRecommendsTheSameTopKOnBothBackends(boolean tied, @TempDir Path dir) throws Exception {
        List<String> rows = Files.readAllLines(Path.of("../examples/data/movielens_events.csv"));
        Files.write(dir.resolve("events.csv"), rows.subList(0, 6001)); // the first users' events
        Path exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-sessions
                data: {type: sessions, train: events.csv, titles: ../../examples/data/movielens_items.csv, min_count: 2,
                       validation: 0.1, test: 0.2, top_k: 5, exclude_seen: TIED}
                model:
                  layers: [{embedding: {dim: 8, init: INIT}}, {gru: {units: UNITS}}]
                  head: {many_to_many: {tie_embedding: TIED}}
                training: {epochs: 1, batch_size: 16, metrics: [recall_at_20, mrr_at_20]}
                export: {onnx: sessions.onnx}
                """.replace("../../examples", Path.of("../examples").toAbsolutePath().normalize().toString())
                .replace("INIT", tied ? "glorot_uniform" : "normal").replace("UNITS", tied ? "8" : "12")
                .replace("TIED", String.valueOf(tied)));
        CliRun r = CliRun.of("train", exp.toString(), "--out", dir.resolve("out").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("recall_at_20").contains("item_knn_recall_at20").contains("most_popular_mrr_at20");
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"items\": [\"2571\", \"1196\", \"260\"]}\n{\"items\": [\"1\"]}\n", StandardCharsets.UTF_8);
        CliRun cpu = CliRun.of("predict", dir.resolve("out/model.rnn4j").toString(), "--input", in.toString());
        CliRun ort = CliRun.of("predict", dir.resolve("out/model.rnn4j").toString(), "--input", in.toString(), "--backend",
                "onnxruntime");
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(ort.code()).as(ort.err()).isZero();
        List<String> a = cpu.out().lines().toList();
        List<String> b = ort.out().lines().toList();
        assertThat(a).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = new ObjectMapper().readTree(a.get(i)).get("next");
            JsonNode y = new ObjectMapper().readTree(b.get(i)).get("next");
            assertThat(x.size()).isEqualTo(5);
            for (int k = 0; k < 5; k++) {
                assertThat(y.get(k).get("item")).isEqualTo(x.get(k).get("item"));
                assertThat(y.get(k).get("score").asDouble()).isCloseTo(x.get(k).get("score").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(x.get(0).has("title")).isTrue();
            if (tied) { // exclude_seen: true as well: neither backend recommends an item the session gave
                for (int k = 0; k < 5; k++) {
                    assertThat(x.get(k).get("item").asText()).isNotIn("2571", "1196", "260", "1");
                }
            }
        }
    }
}
