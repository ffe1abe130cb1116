package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --data} memory does not grow with the rows (issue 10): a 40,000-row review file is evaluated
 * in a child JVM whose heap is {@link #HEAP}, a little above what a 400-row file needs. Read whole (as before
 * the file was read in windows), the 40,000 rows need several hundred MB and the run ends in an
 * OutOfMemoryError; read in windows it completes. Not a timed test: it asserts only that the run completes
 * with the figures.
 */
class EvaluateMemoryTest {
    /** The child's heap: enough for the model and one window, far too little for 40,000 reviews at once. */
    static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    @Test
    void evaluatingFortyThousandRowsFitsTheHeapOfFourHundred() throws Exception {
        List<String> reviews = Files.readAllLines(Path.of("../examples/data/fine_foods_train.csv"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("train.csv"), reviews.subList(0, 201), StandardCharsets.UTF_8);
        Path exp = dir.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: evaluate-memory
                data: {type: text_classification, train: train.csv, text: review, label: score, max_length: 60,
                       validation: 0.2}
                model: {layers: [{embedding: {dim: 4}}, {gru: {units: 4}}], head: {many_to_one: {}}}
                training: {epochs: 1, batch_size: 32}
                """, StandardCharsets.UTF_8);
        CliRun train = CliRun.of("train", exp.toString(), "--out", dir.resolve("out").toString(), "--threads", "1");
        assertThat(train.code()).as(train.err()).isZero();
        Path model = dir.resolve("out/model.rnn4j");

        Path small = rows(dir.resolve("small.csv"), reviews, 400);
        Path big = rows(dir.resolve("big.csv"), reviews, 40_000);
        assertThat(Files.size(big)).as("the big file is a quarter of the heap or more").isGreaterThan(12L << 20);

        String smallRun = evaluate(model, small);
        assertThat(smallRun).contains("\"split\":\"test\"");
        String bigRun = evaluate(model, big);
        assertThat(bigRun).contains("\"split\":\"test\"").contains("\"accuracy\":");
    }

    /** {@code n} rows drawn in turn from the review file, with its header. */
    private static Path rows(Path file, List<String> reviews, int n) throws IOException {
        List<String> out = new ArrayList<>(n + 1);
        out.add(reviews.get(0));
        for (int i = 0; i < n; i++) {
            out.add(reviews.get(1 + i % (reviews.size() - 1)));
        }
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    /** The command's own class path, as the launcher builds it: the cli jar and its dependencies (cli/target/lib). */
    private static String classPath() {
        Path cli = Path.of("../cli/target").toAbsolutePath().normalize();
        Path jar = cli.resolve("rnn4j-cli-" + System.getProperty("rnn4j.version") + ".jar");
        assertThat(jar).as("the cli module is packaged before the integration tests").isRegularFile();
        return jar + java.io.File.pathSeparator + cli.resolve("lib") + java.io.File.separator + "*";
    }

    /** {@code rnn4j evaluate MODEL --data FILE --json} in a JVM with a heap of {@link #HEAP}; its standard output. */
    private String evaluate(Path model, Path data) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve(data.getFileName() + ".log");
        Process p = new ProcessBuilder(java.toString(), HEAP, "-XX:+IgnoreUnrecognizedVMOptions",
                "--add-modules=jdk.incubator.vector", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath(), "io.rnn4j.cli.Main", "evaluate", model.toString(),
                "--data", data.toString(), "--json")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("evaluate of " + data + " did not finish in 10 minutes");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("evaluate " + data.getFileName() + " with " + HEAP + ":\n" + out).isZero();
        return out;
    }
}
