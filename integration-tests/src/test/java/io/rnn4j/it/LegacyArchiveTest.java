package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives of the first format (written before the data pipeline was stored in them) are read by
 * re-deriving the pipeline from their training file while it is there, and refused with their format
 * version and what to do when it is gone.
 */
class LegacyArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anArchiveWithoutItsPipelineIsReadFromItsTrainingFileOrRefusedSayingWhatToDo() throws Exception {
        Files.write(dir.resolve("train.csv"), Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv"))
                .subList(0, 81));
        Path exp = dir.resolve("tc.yaml");
        Files.writeString(exp, """
                version: 1
                name: legacy
                data: {type: text_classification, train: train.csv, text: review, label: score, max_length: 20,
                       validation: 0.2}
                model: {layers: [{embedding: {dim: 4}}, {gru: {units: 4}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 16}
                """);
        CliRun train = CliRun.of("train", exp.toString(), "--out", dir.resolve("out").toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        Path model = dir.resolve("out/model.rnn4j");
        Path legacy = dir.resolve("legacy.rnn4j");
        asFirstFormat(model, legacy);
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"text\": \"great coffee\"}\n{\"text\": \"stale\"}\n");

        CliRun now = CliRun.of("predict", model.toString(), "--input", in.toString());
        CliRun old = CliRun.of("predict", legacy.toString(), "--input", in.toString());
        assertThat(old.code()).as(old.err()).isZero();
        assertThat(old.out()).isEqualTo(now.out());

        Files.delete(dir.resolve("train.csv"));
        CliRun gone = CliRun.of("predict", legacy.toString(), "--input", in.toString());
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("RNN4J-RUN-011", "written by an earlier rnn4j (archive format 1 without its data "
                + "pipeline)", "train.csv", "retrain");
        assertThat(CliRun.of("predict", model.toString(), "--input", in.toString()).out()).isEqualTo(now.out());
    }

    /** A copy of {@code model} as the first format wrote it: no pipeline entries, no data_pipeline mark. */
    private static void asFirstFormat(Path model, Path legacy) throws Exception {
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(model));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(legacy))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals("data/schema.json")) {
                    continue;
                }
                if (e.getName().equals("provenance.json")) {
                    ObjectNode p = (ObjectNode) new ObjectMapper().readTree(b);
                    assertThat(p.toString()).contains("data_pipeline");
                    java.util.List<String> keys = new java.util.ArrayList<>();
                    p.fieldNames().forEachRemaining(keys::add);
                    keys.stream().filter(k -> k.endsWith("data_pipeline")).forEach(p::remove);
                    b = new ObjectMapper().writeValueAsBytes(p);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        }
    }
}
