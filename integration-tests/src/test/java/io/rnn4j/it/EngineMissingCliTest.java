package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the rnn4j-spark jar on the class path (as here: the command line does not depend on it), an
 * experiment with a {@code distributed:} section and {@code predict --engine spark} are refused with what
 * to add and where, before any output is written (issue 12).
 */
class EngineMissingCliTest {

    @Test
    void trainWithADistributedSectionAndPredictOnSparkSayWhichJarToAdd(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append("{\"x\": [[").append(i % 3).append(", 1], [0.5, ").append(i % 2).append("]], \"y\": ").append(i % 2)
                    .append("}\n");
        }
        Files.writeString(dir.resolve("d.jsonl"), sb, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("e.yaml"), """
                version: 1
                name: on-spark
                data: {type: sequences, train: d.jsonl, validation: 0.2}
                model: {layers: [{lstm: {units: 3}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 8}
                distributed: {engine: spark, master: "local[2]", workers: 2}
                """);
        Path out = dir.resolve("out");
        CliRun train = CliRun.of("train", dir.resolve("e.yaml").toString(), "--out", out.toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isEqualTo(1);
        assertThat(train.err()).contains("RNN4J-PLUGIN-005", "e.yaml: distributed.engine is 'spark'",
                "no distributed engine 'spark' is on the class path (found: none)", "rnn4j-spark-<version>-all.jar",
                "plugins/", "RNN4J_PLUGINS", "remove the distributed section");
        assertThat(out).doesNotExist();

        // a model trained on one JVM, predicted with --engine spark: the same refusal, no output file
        Files.writeString(dir.resolve("e.yaml"), Files.readString(dir.resolve("e.yaml")).replaceAll("(?m)^distributed:.*\n", ""));
        CliRun local = CliRun.of("train", dir.resolve("e.yaml").toString(), "--out", out.toString(), "--threads", "1");
        assertThat(local.code()).as(local.err()).isZero();
        Path predictions = dir.resolve("p.jsonl");
        CliRun predict = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input",
                dir.resolve("d.jsonl").toString(), "--output", predictions.toString(), "--engine", "spark", "--master", "local[2]");
        assertThat(predict.code()).as(predict.err()).isEqualTo(1);
        assertThat(predict.err()).contains("RNN4J-PLUGIN-005", "--engine is 'spark'", "rnn4j-spark");
        assertThat(predictions).doesNotExist();

        CliRun masterAlone = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input",
                dir.resolve("d.jsonl").toString(), "--master", "local[2]");
        assertThat(masterAlone.code()).isEqualTo(2);
        assertThat(masterAlone.err()).contains("--master local[2] names a cluster master, but no --engine was given");
    }
}
