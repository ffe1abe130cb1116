package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate MODEL --data FILE} on a {@code sessions} model (issue 9's leftover): the model alone and an
 * events file, the file's sessions the test split, the baselines fitted on the training sessions the archive
 * stores. Sixty users with one session each, user {@code u}'s ending before user {@code u + 1}'s, so the test
 * split (the last 20 % by end time) is users 48 to 59 exactly: the file of their events, evaluated on with the
 * model moved away and its training data deleted, gives the same figures as the experiment's own test split.
 */
class SessionsEvaluateTest {
    @TempDir
    static Path dir;
    private static Path project;
    private static Path model;
    private static Path testEvents;
    private static String splitFigures;

    @BeforeAll
    static void trainTiny() throws Exception {
        project = Files.createDirectories(dir.resolve("project"));
        List<String> all = new ArrayList<>(List.of("user,item,time"));
        List<String> last = new ArrayList<>(List.of("user,item,time"));
        Random r = new Random(7);
        for (int u = 0; u < 60; u++) {
            int item = r.nextInt(20);
            for (int k = 0; k < 8; k++) {
                item = (item + 1 + r.nextInt(3)) % 20; // items follow one another, as sessions do
                String row = "u" + u + ",m" + item + "," + (1_600_000_000L + u * 100_000L + k * 60L);
                all.add(row);
                if (u >= 48) {
                    last.add(row);
                }
            }
        }
        Files.write(project.resolve("events.csv"), all, StandardCharsets.UTF_8);
        testEvents = Files.createDirectories(dir.resolve("elsewhere")).resolve("later.csv");
        Files.write(testEvents, last, StandardCharsets.UTF_8);
        Path exp = project.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-sessions
                seed: 3
                data: {type: sessions, train: events.csv, min_count: 2, validation: 0.1, test: 0.2, top_k: 5}
                model:
                  layers: [{embedding: {dim: 8}}, {gru: {units: 8}}]
                  head: {many_to_many: {tie_embedding: true}}
                training: {epochs: 2, batch_size: 8, metrics: [recall_at_20, mrr_at_20]}
                """, StandardCharsets.UTF_8);
        CliRun train = CliRun.of("train", exp.toString(), "--out", project.resolve("out").toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        model = project.resolve("out/model.rnn4j");
        CliRun split = CliRun.of("evaluate", model.toString(), "--json");
        assertThat(split.code()).as(split.err()).isZero();
        splitFigures = split.out();
    }

    @Test
    void theModelAloneEvaluatesAnotherEventsFileAsItsOwnTestSplit() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved")).resolve("model.rnn4j");
        Files.copy(model, moved);
        Path hidden = project.resolve("events.hidden");
        Files.move(project.resolve("events.csv"), hidden);
        try {
            CliRun r = CliRun.of("evaluate", moved.toString(), "--data", testEvents.toString(), "--json");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertThat(j.get("split").asText()).isEqualTo("test");
            assertThat(j.has("item_knn_recall_at20")).as(r.out()).isTrue();
            assertThat(j.get("events").asInt()).isEqualTo(12 * 7); // 12 sessions of 8 known items
            assertThat(r.out()).as("the same sessions as the split, the same baselines").isEqualTo(splitFigures);
        } finally {
            Files.move(hidden, project.resolve("events.csv"));
        }
    }

    @Test
    void withExcludeSeenTheSplitAndTheFileGiveTheSameFiguresOverSessionsCutIntoPieces() throws Exception {
        // max_length 3 cuts the sessions of 8 into pieces: the file path must leave the earlier pieces' items out
        // as the split path does, and both baselines' figures must be the filtered ones (higher for most popular)
        Path p = Files.createDirectories(dir.resolve("seen"));
        Files.copy(project.resolve("events.csv"), p.resolve("events.csv"));
        Path exp = p.resolve("experiment.yaml");
        Files.writeString(exp, Files.readString(project.resolve("experiment.yaml"))
                .replace("top_k: 5}", "top_k: 5, max_length: 3, exclude_seen: true}"), StandardCharsets.UTF_8);
        CliRun train = CliRun.of("train", exp.toString(), "--out", p.resolve("out").toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        CliRun split = CliRun.of("evaluate", p.resolve("out/model.rnn4j").toString(), "--json");
        CliRun file = CliRun.of("evaluate", p.resolve("out/model.rnn4j").toString(), "--data", testEvents.toString(),
                "--json");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(file.out()).isEqualTo(split.out());
        JsonNode seen = new ObjectMapper().readTree(split.out());
        JsonNode plain = new ObjectMapper().readTree(splitFigures);
        assertThat(seen.get("exclude_seen").asBoolean()).isTrue();
        assertThat(plain.get("exclude_seen").asBoolean()).isFalse();
        assertThat(seen.get("events").asInt()).isEqualTo(plain.get("events").asInt());
        assertThat(seen.get("most_popular_mrr_at20").asDouble()).isGreaterThan(plain.get("most_popular_mrr_at20")
                .asDouble());
    }

    @Test
    void aFileWithoutTheItemColumnIsALocatedError() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "user,movie,time\nu1,m1,1600000000\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("evaluate", model.toString(), "--data", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: RNN4J-DATA-003").contains(bad.toString()).contains("item")
                .doesNotContain("\tat ");
    }

    @Test
    void aFileOfItemsTheModelDoesNotKnowSaysSoWithAnExample() throws Exception {
        Path other = dir.resolve("other-catalogue.csv");
        Files.writeString(other, "user,item,time\nu1,x1,1600000000\nu1,x2,1600000060\nu2,m1,1600000000\n",
                StandardCharsets.UTF_8);
        CliRun r = CliRun.of("evaluate", model.toString(), "--data", other.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: RNN4J-DATA-170").contains(other.toString())
                .contains("3 events in 2 sessions").contains("1 of the events of items this model knows")
                .contains("same catalogue").doesNotContain("\tat ");
    }

    @Test
    void anArchiveWithoutTheBaselineSessionsReDerivesThemOrNamesTheMissingTrainingFile() throws Exception {
        Path old = dir.resolve("old.rnn4j");
        boolean[] had = {false};
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(model));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(old))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals("data/baseline_sessions.txt")) {
                    had[0] = true;
                    assertThat(new String(b, StandardCharsets.UTF_8).lines()).hasSize(42); // the training sessions
                    continue;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
        assertThat(had[0]).as("the archive stores data/baseline_sessions.txt").isTrue();
        CliRun rederived = CliRun.of("evaluate", old.toString(), "--data", testEvents.toString(), "--json");
        assertThat(rederived.code()).as(rederived.err()).isZero();
        assertThat(rederived.out()).isEqualTo(splitFigures);
        Path hidden = project.resolve("events.hidden");
        Files.move(project.resolve("events.csv"), hidden);
        try {
            CliRun gone = CliRun.of("evaluate", old.toString(), "--data", testEvents.toString(), "--json");
            assertThat(gone.code()).as(gone.out()).isEqualTo(1);
            assertThat(gone.err()).startsWith("error: RNN4J-DATA-171: ").contains("baseline_sessions.txt")
                    .contains(project.resolve("events.csv").toString()).contains("Put that file back")
                    .doesNotContain("\tat ");
        } finally {
            Files.move(hidden, project.resolve("events.csv"));
        }
    }
}
