package io.rnn4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.Rnn4jException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 point 2: two runs into one folder both succeeded and left a mix of files, and a new run silently
 * replaced a finished one; point 5: temporary files of a killed save were never removed, and an --out that
 * is a file said "cannot create" without why.
 */
class OutputFolderTest {
    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();

    @Test
    void aSecondClaimOnAHeldFolderFailsAtOnceNamingTheOwner() {
        Path out = dir.resolve("run");
        try (OutputFolder first = OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add)) {
            assertThatThrownBy(() -> OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add))
                    .isInstanceOf(Rnn4jException.class)
                    .hasMessageStartingWith("RNN4J-OUT-002: another rnn4j run is writing to " + out + " (pid "
                            + ProcessHandle.current().pid() + " on ")
                    .hasMessageEndingWith("). Wait for it to finish, or write this run to another folder with --out.");
        }
        // released: the next run gets it, and finds no stale lock
        try (OutputFolder again = OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add)) {
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void aFolderHeldByAnotherProcessIsRefusedAndTakenOverWithAMessageOnceThatProcessIsKilled() throws Exception {
        Path out = dir.resolve("shared");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), out.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add))
                    .hasMessageContaining("RNN4J-OUT-002: another rnn4j run is writing to " + out + " (pid " + holder.pid());
        } finally {
            holder.destroyForcibly(); // kill -9: the lock file stays, naming a dead process
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(out.resolve(OutputFolder.LOCK))).startsWith("pid " + holder.pid() + " on ");
        try (OutputFolder taken = OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add)) {
            assertThat(notices).singleElement().asString().startsWith("took over the stale lock " + out.resolve(OutputFolder.LOCK)
                    + " of a run that ended without releasing it (pid " + holder.pid() + " on ")
                    .endsWith("; that process is no longer running)");
            assertThat(Files.readString(out.resolve(OutputFolder.LOCK))).startsWith("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aFolderWithATrainedModelIsRefusedUnlessResumedOrOverwritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("done"));
        for (String f : List.of("model.rnn4j", "checkpoint.rnn4j", "metrics.csv", "report.json", "loss.png", "rmse.png",
                "notes.txt")) {
            Files.writeString(out.resolve(f), f);
        }
        assertThatThrownBy(() -> OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add))
                .hasMessage("RNN4J-OUT-003: " + out + " already holds a trained model (model.rnn4j, checkpoint.rnn4j, "
                        + "metrics.csv, report.json, loss.png, rmse.png); a new run would replace it. Continue it with "
                        + "--resume, replace it with --overwrite, or write this run to another folder with --out.");
        assertThat(out.resolve("model.rnn4j")).hasContent("model.rnn4j");
        try (OutputFolder f = OutputFolder.claim(out, OutputFolder.ExistingRun.RESUME, notices::add)) {
            assertThat(out.resolve("checkpoint.rnn4j")).exists();
        }
        try (OutputFolder f = OutputFolder.claim(out, OutputFolder.ExistingRun.OVERWRITE, notices::add)) {
            assertThat(out.resolve("model.rnn4j")).doesNotExist();
            assertThat(out.resolve("rmse.png")).doesNotExist();
            assertThat(out.resolve("notes.txt")).hasContent("notes.txt"); // not a run's file: kept
        }
        assertThat(notices).containsExactly("--overwrite: removed the previous run's model.rnn4j, checkpoint.rnn4j, "
                + "metrics.csv, report.json, loss.png, rmse.png from " + out);
    }

    @Test
    void aFolderWithTheRunsFileNamesButNoRunIsRefusedUnlessOverwrittenAndOtherFilesAreKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("metrics.csv"), "my own measurements");
        Files.writeString(out.resolve("model.onnx"), "my own model");
        Files.writeString(out.resolve("notes.txt"), "notes");
        assertThatThrownBy(() -> OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add, List.of("model.onnx")))
                .hasMessage("RNN4J-OUT-004: " + out + " holds metrics.csv, model.onnx, which this run writes, but no trained "
                        + "model or checkpoint: they would be written over. Move them away, replace them with --overwrite, "
                        + "or write this run to another folder with --out.");
        assertThat(out.resolve("metrics.csv")).hasContent("my own measurements");
        assertThat(out.resolve("model.onnx")).hasContent("my own model");
        // a folder with other files only (the experiment, its data) is a fine output folder
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("experiment.yaml"), "version: 1");
        try (OutputFolder f = OutputFolder.claim(data, OutputFolder.ExistingRun.REFUSE, notices::add, List.of("model.onnx"))) {
            assertThat(data.resolve("experiment.yaml")).exists();
        }
        try (OutputFolder f = OutputFolder.claim(out, OutputFolder.ExistingRun.OVERWRITE, notices::add, List.of("model.onnx"))) {
            assertThat(out.resolve("metrics.csv")).doesNotExist();
            assertThat(out.resolve("model.onnx")).doesNotExist();
            assertThat(out.resolve("notes.txt")).hasContent("notes");
        }
        assertThat(notices).containsExactly("--overwrite: removed metrics.csv, model.onnx from " + out);
    }

    @Test
    void overwriteAlsoRemovesTheFilesThePreviousReportListsAsArtifactsAndNothingOutsideTheFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("tunes"));
        Files.writeString(out.resolve("model.rnn4j"), "m");
        Files.writeString(out.resolve("sample.abc"), "X:1");
        Files.writeString(out.resolve("sample.mid"), "MThd");
        Files.writeString(dir.resolve("outside.txt"), "keep");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("sub/x.mid"), "keep");
        Files.writeString(out.resolve("report.json"), "{\"figures\": {}, \"artifacts\": [\"sample.abc\", \"sample.mid\", "
                + "\"../outside.txt\", \"sub/x.mid\", \"/etc/hostname\", 3]}");
        try (OutputFolder f = OutputFolder.claim(out, OutputFolder.ExistingRun.OVERWRITE, notices::add)) {
            assertThat(out.resolve("sample.abc")).doesNotExist();
            assertThat(out.resolve("sample.mid")).doesNotExist();
            assertThat(dir.resolve("outside.txt")).hasContent("keep");
            assertThat(out.resolve("sub/x.mid")).hasContent("keep");
        }
        assertThat(notices).containsExactly("--overwrite: removed the previous run's model.rnn4j, report.json, sample.abc, "
                + "sample.mid from " + out);
    }

    @Test
    void anUnfinishedRunIsNamedAsSuch() throws Exception {
        Path out = Files.createDirectories(dir.resolve("half"));
        Files.writeString(out.resolve("checkpoint.rnn4j"), "x");
        assertThatThrownBy(() -> OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add))
                .hasMessageStartingWith("RNN4J-OUT-003: " + out + " already holds an unfinished run (checkpoint.rnn4j)");
    }

    @Test
    void temporaryFilesOfAnInterruptedSaveAreRemovedAndOthersKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(out.resolve(".checkpoint.rnn4j.123456.tmp"), "half");
        Files.writeString(out.resolve(".model.rnn4j.abc.tmp"), "half");
        Files.writeString(out.resolve(".mine.tmp"), "user");
        try (OutputFolder f = OutputFolder.claim(out, OutputFolder.ExistingRun.REFUSE, notices::add)) {
            assertThat(out.resolve(".checkpoint.rnn4j.123456.tmp")).doesNotExist();
            assertThat(out.resolve(".model.rnn4j.abc.tmp")).doesNotExist();
            assertThat(out.resolve(".mine.tmp")).exists();
        }
        assertThat(notices).singleElement().asString().startsWith("removed 2 temporary files of an interrupted save from "
                + out + " (");
    }

    @Test
    void anOutputFolderThatIsAFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> OutputFolder.claim(file, OutputFolder.ExistingRun.REFUSE, notices::add))
                .hasMessage("RNN4J-OUT-001: cannot use " + file + " as the output folder: it is a file, not a folder. "
                        + "Choose a folder with --out (it is created if it does not exist).");
        assertThatThrownBy(() -> OutputFolder.claim(file.resolve("sub"), OutputFolder.ExistingRun.REFUSE, notices::add))
                .hasMessage("RNN4J-OUT-001: cannot create the output folder " + file.resolve("sub") + ": " + file
                        + " is a file, not a folder. Choose another folder with --out.");
    }
}
