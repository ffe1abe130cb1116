package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recognizer's archive stores the baseline its report compares with (the majority class, or the most
 * frequent label repeated the median transcript length), and a tune model's its character frequencies, so
 * {@code evaluate --data} needs no training data; an archive of an earlier rnn4j without it re-derives it from
 * the training file while that is there (the same figures), and is refused with a located error naming the
 * file when it is gone.
 */
class StoredBaselineTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"images_rows_class", "images_columns_transcript", "tunes_from_header"})
    void theBaselineIsStoredAndAnArchiveWithoutItReDerivesItOrSaysWhatToDo(String name) throws Exception {
        boolean tunes = name.startsWith("tunes");
        MoveModelTest.Case c = MoveModelTest.kinds().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
        Path project = Files.createDirectories(dir.resolve("project"));
        c.data().write(project);
        Path exp = project.resolve("experiment.yaml");
        Files.writeString(exp, c.yaml(), StandardCharsets.UTF_8);
        CliRun train = CliRun.of("train", exp.toString(), "--out", project.resolve("out").toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        Path model = project.resolve("out/model.rnn4j");
        Path data = Files.createDirectories(dir.resolve("elsewhere")).resolve(c.evalFile());
        Files.copy(project.resolve(c.evalFile()), data);

        if (tunes) {
            ObjectNode entry = entry(model, "data/char_frequencies.json");
            assertThat(entry).as("data/char_frequencies.json").isNotNull();
            assertThat(entry.get("chars").size()).isGreaterThan(5).isEqualTo(entry.get("cumulative").size());
        } else {
            ObjectNode entry = entry(model, "data/images.json");
            assertThat(entry.has("baseline")).as("data/images.json stores the baseline: " + entry).isTrue();
            assertThat(entry.get("baseline").size()).isGreaterThan(0);
        }
        CliRun now = CliRun.of("evaluate", model.toString(), "--data", data.toString(), "--json");
        assertThat(now.code()).as(now.err()).isZero();

        Path old = dir.resolve("old.rnn4j");
        withoutBaseline(model, old);
        assertThat(tunes ? entry(old, "data/char_frequencies.json") : entry(old, "data/images.json").get("baseline"))
                .isNull();
        CliRun rederived = CliRun.of("evaluate", old.toString(), "--data", data.toString(), "--json");
        assertThat(rederived.code()).as(rederived.err()).isZero();
        assertThat(rederived.out()).as("re-derived from the training list: the same figures").isEqualTo(now.out());

        Path trainFile = project.resolve(tunes ? "tunes.abc" : "train.jsonl");
        Files.delete(trainFile);
        CliRun gone = CliRun.of("evaluate", old.toString(), "--data", data.toString(), "--json");
        assertThat(gone.code()).as(gone.out()).isEqualTo(1);
        assertThat(gone.err()).startsWith(tunes ? "error: RNN4J-DATA-155: " : "error: RNN4J-DATA-154: ")
                .contains(tunes ? "stores no char_frequencies.json" : "images.json stores no baseline")
                .contains(trainFile.toString()).contains("Put that file back")
                .doesNotContain("Exception").doesNotContain("\tat ");
        CliRun stored = CliRun.of("evaluate", model.toString(), "--data", data.toString(), "--json");
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(stored.out()).as("the stored baseline needs no training list").isEqualTo(now.out());
    }

    /** An archive's JSON entry, or null if it has none of that name. */
    private static ObjectNode entry(Path model, String name) throws Exception {
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(model))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return (ObjectNode) new ObjectMapper().readTree(zin.readAllBytes());
                }
            }
        }
        return null;
    }

    /** A copy of {@code model} as rnn4j wrote it before the baseline was stored. */
    private static void withoutBaseline(Path model, Path old) throws Exception {
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(model));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(old))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals("data/char_frequencies.json")) {
                    continue;
                }
                if (e.getName().equals("data/images.json")) {
                    ObjectNode n = (ObjectNode) new ObjectMapper().readTree(b);
                    n.remove("baseline");
                    b = n.toPrettyString().getBytes(StandardCharsets.UTF_8);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
    }
}
