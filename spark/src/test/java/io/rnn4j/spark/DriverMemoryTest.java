package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver of a distributed run does not hold the training set (issue 12, data on the executors): a
 * {@code sequences} file of 40,000 lines (about 28 MB of JSON) is prepared and planned as the driver does it
 * ({@link DriverPlanMain}) in a child JVM whose heap is {@link #HEAP}. With the {@code distributed:} section
 * the driver streams the file (labels, splits, input lengths) and keeps a few numbers per training example:
 * it completes. The same experiment without the section loads the file as one machine does (every line parsed
 * and kept) and runs out of memory in the same heap: the control that shows the heap cannot hold the parsed
 * training set. Not a timed test.
 */
class DriverMemoryTest {
    /** The child's heap: far too little for the parsed file, enough for its lines' indices and lengths. */
    static final String HEAP = "-Xmx64m";
    static final int LINES = 40_000;

    @TempDir
    Path dir;

    @Test
    void theDriverPlansATrainingSetItsHeapCannotHold() throws Exception {
        Random r = new Random(3);
        Path data = dir.resolve("train.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                int len = 10 + r.nextInt(21);
                StringBuilder x = new StringBuilder("{\"x\": [");
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    x.append(t == 0 ? "[" : ",[");
                    for (int f = 0; f < 4; f++) {
                        double v = r.nextGaussian();
                        sum += f == 0 ? v : 0;
                        x.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
                    }
                    x.append(']');
                }
                w.write(x.append("], \"y\": \"").append(sum > 0 ? "up" : "down").append("\"}\n").toString());
            }
        }
        assertThat(Files.size(data)).as("the file alone is a third of the heap").isGreaterThan(20L << 20);
        String experiment = """
                version: 1
                name: driver-memory
                seed: 4
                data: {type: sequences, train: train.jsonl, validation: 0.05}
                model:
                  layers: [{gru: {units: 4}}]
                  head: {many_to_one: {}}
                training: {epochs: 2, batch_size: 64, bucket_by_length: true}
                """;
        Files.writeString(dir.resolve("local.yaml"), experiment, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("spark.yaml"), experiment
                + "distributed: {engine: spark, master: \"local[2]\", workers: 2, strategy: sync}\n", StandardCharsets.UTF_8);

        Run streamed = plan(dir.resolve("spark.yaml"));
        System.out.println("distributed, " + HEAP + ": " + streamed.out().strip());
        assertThat(streamed.code()).as(streamed.out()).isZero();
        assertThat(streamed.out()).contains("planned " + (LINES - 2_000) + " training examples", "2000 validation examples");

        Run whole = plan(dir.resolve("local.yaml"));
        System.out.println("loaded whole, " + HEAP + ": exit " + whole.code() + ", "
                + whole.out().lines().filter(l -> l.contains("OutOfMemoryError")).findFirst().orElse("(no OutOfMemoryError)"));
        assertThat(whole.code()).as("the parsed training set does not fit " + HEAP).isNotZero();
        assertThat(whole.out()).contains("OutOfMemoryError");
    }

    private record Run(int code, String out) {
    }

    /** {@link DriverPlanMain} on {@code experiment} in a JVM with a heap of {@link #HEAP}. */
    private Run plan(Path experiment) throws Exception {
        Path log = dir.resolve(experiment.getFileName() + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), DriverPlanMain.class.getName(), experiment.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("planning " + experiment + " did not finish in 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
