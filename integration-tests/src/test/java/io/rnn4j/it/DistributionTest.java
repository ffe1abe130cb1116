package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The distribution archive ({@code dist/target/rnn4j-VERSION.tar.gz}, built by {@code mvn package}) is
 * unpacked into a temporary directory far from the repository and its {@code bin/rnn4j} is run as a user
 * runs it: through a symlink, from another working directory, in fresh JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionTest {
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";

    private Path tmp;
    private Path home;
    private Path link;
    private Path work;

    @BeforeAll
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("rnn4j.dist.archive"));
        assertThat(archive).as("the distribution archive, built by `mvn package` in dist/").exists();
        tmp = Files.createTempDirectory("rnn4j-dist-it");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", tmp.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        home = tmp.resolve("rnn4j-" + System.getProperty("rnn4j.version"));
        Path onPath = Files.createDirectories(tmp.resolve("on-the-path"));
        link = Files.createSymbolicLink(onPath.resolve("rnn4j"), home.resolve("bin/rnn4j"));
        work = Files.createDirectories(tmp.resolve("somewhere/else"));
    }

    @AfterAll
    void delete() throws IOException {
        if (tmp != null) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void archiveHasTheLauncherJarsExamplesAndLicences() throws IOException {
        assertThat(home.resolve("bin/rnn4j")).isExecutable();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
        assertThat(home.resolve("NOTICE")).content().contains("fine_foods_train.csv", "Pride and Prejudice",
                "onnxruntime", "Lesser General Public License");
        assertThat(home.resolve("plugins")).isDirectory();
        assertThat(home.resolve("examples/data/air_passengers.csv")).isRegularFile();
        assertThat(home.resolve("examples/sentiment/experiment.yaml")).isRegularFile();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("rnn4j-cli-")).anyMatch(n -> n.startsWith("rnn4j-backend-vector-"))
                    .anyMatch(n -> n.startsWith("rnn4j-backend-onnxruntime-")).anyMatch(n -> n.startsWith("picocli-"));
        }
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarball() throws IOException {
        Path zip = Path.of(System.getProperty("rnn4j.dist.archive").replaceFirst("\\.tar\\.gz$", ".zip"));
        TreeSet<String> inZip = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    inZip.add(e.getName());
                }
            }
        }
        TreeSet<String> unpacked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).forEach(p -> unpacked.add(tmp.relativize(p).toString()));
        }
        assertThat(inZip).isEqualTo(unpacked);
    }

    @Test
    void trainPredictAndExportAnExampleThroughASymlinkFromAnotherDirectory() throws Exception {
        Path experiment = home.resolve("examples/forecasting/experiment.yaml");
        Run train = run(Map.of(), null, "train", experiment.toString(), "--out", "out",
                "--set", "training.epochs=2", "--set", "data.difference=0");
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(train.err()).doesNotContain(INCUBATOR_WARNING);
        assertThat(work.resolve("out/model.rnn4j")).isRegularFile();
        assertThat(work.resolve("out/forecast.onnx")).isRegularFile();

        // two 24-month windows on stdin, one JSON line out per line in
        String windows = window(112) + "\n" + window(130) + "\n";
        Run predict = run(Map.of(), windows, "predict", "out/model.rnn4j", "--input", "/dev/stdin");
        assertThat(predict.code()).as(predict.toString()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("{") && l.contains("\"y\""));
        assertThat(predict.err()).doesNotContain(INCUBATOR_WARNING);

        Run export = run(Map.of(), null, "export", "out/model.rnn4j", "--onnx", "again.onnx");
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.out()).contains("checked in ONNX Runtime");
        assertThat(Files.size(work.resolve("again.onnx"))).isPositive();
    }

    @Test
    void versionNamesCommitJvmAndBackendWithoutTheIncubatorWarningAndHonoursJavaOptions() throws Exception {
        Run v = run(Map.of("RNN4J_JAVA_OPTS", "-Xmx77m -XX:+PrintCommandLineFlags"), null, "--version");
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).contains("rnn4j " + System.getProperty("rnn4j.version"), "commit ", "Java ",
                "backend vector");
        assertThat(v.out()).as("-Xmx77m from RNN4J_JAVA_OPTS").contains("-XX:MaxHeapSize=80740352");
        assertThat(v.err()).as("the launcher drops the JVM's incubator warning, and only that").isEmpty();
    }

    @Test
    void otherStderrAndExitCodesPassThroughTheFilter() throws Exception {
        Run missing = run(Map.of(), null, "validate", "no-such-file.yaml");
        CliRun inJvm = CliRun.of("validate", work.resolve("no-such-file.yaml").toString());
        assertThat(missing.code()).isEqualTo(inJvm.code()).isNotZero();
        assertThat(missing.err()).startsWith("error: RNN4J-DSL-027").doesNotContain(INCUBATOR_WARNING);
        // a line the JVM prints before the warning is kept
        Run picked = run(Map.of("JAVA_TOOL_OPTIONS", "-Dx=y"), null, "--version");
        assertThat(picked.code()).isZero();
        assertThat(picked.err()).isEqualTo("Picked up JAVA_TOOL_OPTIONS: -Dx=y\n");
    }

    @Test
    void pluginJarsInPluginsOrRnn4jPluginsAreFoundWithoutRebuilding() throws Exception {
        Path jar = Path.of(System.getProperty("rnn4j.plugin.jar"));
        assertThat(run(Map.of(), null, "backends").out()).doesNotContain("counting");

        Path installed = Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
        try {
            Run backends = run(Map.of(), null, "backends");
            assertThat(backends.code()).as(backends.toString()).isZero();
            assertThat(backends.out()).contains("counting", "test plugin: the reference backend, counting matrix products",
                    installed.toString());
        } finally {
            Files.delete(installed);
        }

        Path elsewhere = Files.copy(jar, Files.createDirectories(tmp.resolve("my-plugins")).resolve("p.jar"));
        Run viaEnv = run(Map.of("RNN4J_PLUGINS", "/no/such/dir:" + elsewhere), null, "backends");
        assertThat(viaEnv.code()).isEqualTo(1);
        assertThat(viaEnv.err()).contains("RNN4J_PLUGINS names '/no/such/dir'");
        viaEnv = run(Map.of("RNN4J_PLUGINS", elsewhere.getParent().toString()), null, "backends");
        assertThat(viaEnv.code()).as(viaEnv.toString()).isZero();
        assertThat(viaEnv.out()).contains("counting", elsewhere.toString());
    }

    @Test
    void aBadJavaHomeIsReportedByName() throws Exception {
        Run r = run(Map.of("JAVA_HOME", tmp.resolve("no-jdk").toString()), null, "--version");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("JAVA_HOME is " + tmp.resolve("no-jdk"), "not an executable");
    }

    private static String window(int start) {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            steps.add("[" + (start + 3 * i + (i % 12 == 6 ? 20 : 0)) + "]");
        }
        return "{\"x\": [" + String.join(", ", steps) + "]}";
    }

    /** One run of the unpacked launcher, through the symlink, in {@link #work}. */
    private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(link.toString());
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("RNN4J_") || k.equals("JAVA_TOOL_OPTIONS"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.putAll(new HashMap<>(env));
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("rnn4j " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), out.get(1, TimeUnit.MINUTES), err.get(1, TimeUnit.MINUTES));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Exit code and output of one launcher run. */
    private record Run(int code, String out, String err) {
    }
}
