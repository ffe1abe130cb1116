package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.cli.Main;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.runtime.OutputFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 end to end: the output folder is locked and a finished run is never replaced silently (point 2),
 * a divergence stops once with one message and keeps the best weights (point 3), predict reads its input as
 * the training data is read (point 4), and the smaller things of point 5.
 */
class OutputSafetyCliTest {
    private static final Path FORECAST = Path.of("../examples/forecasting/experiment.yaml");

    @TempDir
    Path dir;

    private static CliRun train(Path out, String... more) {
        String[] base = {"train", FORECAST.toString(), "--out", out.toString(), "--threads", "1", "--set",
            "training.epochs=1"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void aUsersFilesNamedAsTheRunsAreNotWrittenOverWithoutOverwrite() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("forecast.onnx"), "my own model");
        CliRun r = train(out);
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-OUT-004: " + out + " holds forecast.onnx, which this run writes, but no "
                + "trained model or checkpoint");
        assertThat(out.resolve("forecast.onnx")).hasContent("my own model");
        assertThat(out.resolve("model.rnn4j")).doesNotExist();
    }

    @Test
    void aFinishedRunIsRefusedUnlessOverwriteOrResumeIsGiven() throws Exception {
        Path out = dir.resolve("run");
        CliRun first = train(out);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("training 1 epoch on ").doesNotContain("1 epochs");
        byte[] model = Files.readAllBytes(out.resolve("model.rnn4j"));

        CliRun again = train(out, "--set", "training.epochs=2");
        assertThat(again.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(again.err()).isEqualTo("error: RNN4J-OUT-003: " + out + " already holds a trained model (model.rnn4j, "
                + "checkpoint.rnn4j, metrics.csv, resolved.yaml, report.json, loss.png, forecast.png, mae.png, rmse.png, forecast.onnx); "
                + "a new run would replace it. Continue it with --resume, replace it with --overwrite, or write this run "
                + "to another folder with --out.\n");
        assertThat(out.resolve("model.rnn4j")).hasBinaryContent(model);

        CliRun both = train(out, "--resume", "--overwrite");
        assertThat(both.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(both.err()).contains("--resume (continue the run in the output directory) and --overwrite (replace it) "
                + "cannot be combined");

        // a killed save's temporary file is removed by the next run that holds the folder, here a resume
        Files.writeString(out.resolve(".checkpoint.rnn4j.4711.tmp"), "half a zip");
        CliRun resumed = train(out, "--resume", "--set", "training.epochs=2");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming at epoch 2 of 2 (1 done, 1 to go) on ").doesNotContain("training 2 epochs");
        assertThat(resumed.err()).contains("note: removed 1 temporary file of an interrupted save from " + out
                + " (.checkpoint.rnn4j.4711.tmp)");
        assertThat(out.resolve(".checkpoint.rnn4j.4711.tmp")).doesNotExist();

        CliRun overwritten = train(out, "--overwrite");
        assertThat(overwritten.code()).as(overwritten.err()).isZero();
        assertThat(overwritten.err()).contains("note: --overwrite: removed the previous run's model.rnn4j, checkpoint.rnn4j");
        assertThat(Files.readString(out.resolve("metrics.csv")).lines().count()).isEqualTo(2); // header and epoch 1
    }

    @Test
    void aRunIntoAFolderThatAnotherRunHoldsFailsAtOnceWritingNothing() {
        Path out = dir.resolve("busy");
        try (OutputFolder held = OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, s -> { })) {
            CliRun r = train(out);
            assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
            assertThat(r.err()).startsWith("error: RNN4J-OUT-002: another rnn4j run is writing to " + out + " (pid "
                    + ProcessHandle.current().pid() + " on ");
            assertThat(out.resolve("resolved.yaml")).doesNotExist();
        }
    }

    @Test
    void aDivergedRunKeepsTheBestEpochInTheModelTheLastGoodStateInTheCheckpointAndSaysItOnce() throws Exception {
        // plain SGD at a rate that trains for a few epochs and then blows up; the guard off, so that the loss reaches
        // infinity (the guard's own stop is tested in DivergenceTest)
        String[] sets = {"--set", "training.optimizer={sgd: {lr: 10}}", "--set", "training.early_stopping=null",
            "--set", "training.explosion_guard.action=off", "--set", "training.epochs=40"};
        Path out = dir.resolve("diverged");
        CliRun r = train(out, sets);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.EXIT_ERROR);
        String all = r.out() + r.err();
        assertThat(all.split("training diverged", -1)).as(all).hasSize(2); // said once
        assertThat(r.err()).doesNotContain("TrainingDivergedException", "lastGoodState");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("training diverged in epoch (\\d+), step (\\d+) \\(batch "
                + "\\d+ of \\d+\\): .*, at learning rate 10\\.0 with gradient clipping off\\. Likely causes: .* Wrote "
                + java.util.regex.Pattern.quote(out.resolve("model.rnn4j").toString()) + " \\(the weights of epoch (\\d+), "
                + "the best by val_loss_normalized: [^)]*\\), " + java.util.regex.Pattern.quote(out.resolve("checkpoint.rnn4j")
                        .toString()) + " \\(the state after epoch (\\d+), the last completed\\) and "
                + java.util.regex.Pattern.quote(out.resolve("metrics.csv").toString()) + "\\.\n").matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        int epoch = Integer.parseInt(m.group(1));
        int best = Integer.parseInt(m.group(3));
        int lastGood = Integer.parseInt(m.group(4));
        assertThat(lastGood).isEqualTo(epoch - 1);
        assertThat(best).isLessThan(lastGood); // a run whose best epoch is not its last: the case the issue reports

        // the model is exactly what the same run trained for `best` epochs ends with; the checkpoint what `lastGood` give
        Path shortRun = dir.resolve("best");
        sets[sets.length - 1] = "training.epochs=" + best;
        assertThat(train(shortRun, sets).code()).isZero();
        assertThat(ModelArchive.read(out.resolve("model.rnn4j")).weights().entries())
                .isEqualTo(ModelArchive.read(shortRun.resolve("model.rnn4j")).weights().entries());
        Path lastRun = dir.resolve("last");
        sets[sets.length - 1] = "training.epochs=" + lastGood;
        assertThat(train(lastRun, sets).code()).isZero();
        assertThat(ModelArchive.read(out.resolve("checkpoint.rnn4j")).weights().entries())
                .isEqualTo(ModelArchive.read(lastRun.resolve("checkpoint.rnn4j")).weights().entries());
        assertThat(Files.readString(out.resolve("metrics.csv")).lines().count()).isEqualTo(lastGood + 1L);
    }

    @Test
    void validateAndRenderConfigTakeSetAndValidateNamesAMissingDataFile() throws Exception {
        CliRun render = CliRun.of("render-config", FORECAST.toString(), "--set", "training.epochs=3");
        assertThat(render.code()).as(render.err()).isZero();
        assertThat(render.out()).contains("epochs: 3").doesNotContain("epochs: 300");
        CliRun ok = CliRun.of("validate", FORECAST.toString(), "--set", "training.batch_size=8");
        assertThat(ok.code()).as(ok.err()).isZero();
        CliRun bad = CliRun.of("validate", FORECAST.toString(), "--set", "training.batch_size=0");
        assertThat(bad.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(bad.err()).contains("training.batch_size");

        Path f = dir.resolve("nodata.yaml");
        Files.writeString(f, Files.readString(FORECAST).replace("../data/air_passengers.csv", "missing.csv"));
        CliRun missing = CliRun.of("validate", f.toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(missing.out()).doesNotContain("OK");
        assertThat(missing.err()).isEqualTo("error: RNN4J-DATA-001: " + f + " is valid, but a data file it names does not "
                + "exist: data.train: " + dir.resolve("missing.csv") + " (no such file). Check the paths; a relative path is "
                + "resolved against the experiment file's folder.\n");
    }

    @Test
    void theExplosionGuardIsValidatedLikeEveryOption() {
        CliRun r = CliRun.of("validate", FORECAST.toString(), "--set", "training.explosion_guard.loss_factor=0.5",
                "--set", "training.explosion_guard.action=explode");
        assertThat(r.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(r.err()).contains("training.explosion_guard.loss_factor", "training.explosion_guard.action", "stop",
                "warn", "off");
        CliRun rendered = CliRun.of("render-config", FORECAST.toString());
        assertThat(rendered.out()).contains("explosion_guard:", "loss_factor: 10000.0", "steps: 20", "action: stop");
    }

    @Test
    void badCommandLineValuesAreRefusedWithWhy() throws Exception {
        CliRun threads = CliRun.of("train", FORECAST.toString(), "--out", dir.resolve("t").toString(), "--threads", "-2");
        assertThat(threads.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(threads.err()).contains("--threads must be at least 1, was -2");
        assertThat(dir.resolve("t")).doesNotExist();

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun outFile = train(file);
        assertThat(outFile.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(outFile.err()).isEqualTo("error: RNN4J-OUT-001: cannot use " + file + " as the output folder: it is a "
                + "file, not a folder. Choose a folder with --out (it is created if it does not exist).\n");

        CliRun length = CliRun.of("generate", dir.resolve("any.rnn4j").toString(), "--length", "100000000");
        assertThat(length.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(length.err()).contains("--length must be between 1 and 1000000 tokens, was 100000000");
    }

    @Test
    void modelCheckpointAndOnnxFilesFollowTheUmaskAndPredictReadsAByteOrderMark() throws Exception {
        Path out = dir.resolve("modes");
        CliRun r = train(out, "--set", "data.difference=0"); // a model of levels: predict takes raw windows
        assertThat(r.code()).as(r.err()).isZero();
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            // what this process's umask gives a new file (0600 would be the old, umask-blind mode)
            Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(out.resolve("probe")));
            for (String f : new String[] {"model.rnn4j", "checkpoint.rnn4j", "forecast.onnx"}) {
                assertThat(Files.getPosixFilePermissions(out.resolve(f))).as(f).isEqualTo(usual);
            }
        }
        StringBuilder x = new StringBuilder("{\"x\": [");
        for (int i = 0; i < 24; i++) {
            x.append(i == 0 ? "" : ",").append(100 + 3 * i);
        }
        Path in = dir.resolve("bom.jsonl");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write((x + "]}\n").getBytes(StandardCharsets.UTF_8));
        Files.write(in, b.toByteArray());
        CliRun p = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", in.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(new ObjectMapper().readTree(p.out()).get("y").size()).isEqualTo(12);
        Path dup = Files.writeString(dir.resolve("dup.jsonl"), "{\"x\": [1], \"x\": [2]}\n");
        CliRun d = CliRun.of("predict", out.resolve("model.rnn4j").toString(), "--input", dup.toString());
        assertThat(d.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(d.err()).startsWith("error: RNN4J-DATA-006: bad JSON in " + dup + ", line 1, column ")
                .contains("the key \"x\" twice in one object");
    }
}
