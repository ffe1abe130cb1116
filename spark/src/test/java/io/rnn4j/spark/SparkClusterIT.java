package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Trainer;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A real Spark standalone cluster on this machine: a master and two worker JVMs on loopback (Spark's own
 * {@code Master} and {@code Worker} classes from the Maven artifacts, a Spark home whose {@code jars/} are
 * those artifacts), and the training submitted from a separate driver JVM ({@link ClusterDriver}) with
 * the application as jars that Spark ships to the executors: the {@code -all} jar (rnn4j with its merged
 * {@code META-INF/services}, which the executors' registries read) and the test classes. After epoch 1
 * the test kills one worker JVM and its executor mid-task; Spark retries the lost tasks on the other
 * executor and training goes on. The weights equal the single-JVM trainer's to 1e-5.
 */
@EnabledIfSystemProperty(named = "rnn4j.spark.allJar", matches = ".+",
        disabledReason = "runs in the 'cluster' surefire execution after 'package', which builds the -all jar")
class SparkClusterIT {
    private final List<Process> processes = new ArrayList<>();

    /** The model: the LSTM classifier with Adam, 3 epochs of 5 batches (15 steps). */
    static Models.Recipe recipe(long pauseMillis) {
        return new Models.Recipe(Models.Kind.LSTM_CLASSIFIER, true, 3, 11, pauseMillis);
    }

    static BatchSource data() {
        return Models.data(Models.Kind.LSTM_CLASSIFIER, 38, 5);
    }

    @AfterEach
    void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aStandaloneClusterWithALostWorkerTrainsTheSingleMachineWeights() throws Exception {
        long start = System.nanoTime();
        // under target/ (not a JUnit temp dir): the logs stay for a failed run, and jars/ links into ~/.m2
        Path dir = Path.of("target/cluster-test");
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Path home = sparkHome(dir.resolve("spark-home"));
        Path testsJar = jarOf(Path.of("target/test-classes"), dir.resolve("rnn4j-spark-tests.jar"));
        Path allJar = Path.of(System.getProperty("rnn4j.spark.allJar"));
        assertThat(allJar).as("the -all jar from 'package'").exists();
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;

        start(dir, home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port, 90);
        start(dir, home, "worker-1", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                "--memory", "768m", "--webui-port", String.valueOf(freePort()), "--work-dir",
                dir.resolve("work-1").toString(), master);
        Process worker2 = start(dir, home, "worker-2", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "1", "--memory", "768m", "--webui-port", String.valueOf(freePort()), "--work-dir",
                dir.resolve("work-2").toString(), master);

        Path weights = dir.resolve("weights.bin");
        Path marker = dir.resolve("epoch1.marker");
        Process driver = start(dir, home, "driver", ClusterDriver.class.getName(), master, allJar.toAbsolutePath() + ","
                + testsJar.toAbsolutePath(), weights.toString(), marker.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(420);
        while (!Files.exists(marker) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(marker).as("the driver finished epoch 1; its log:\n%s", log(dir, "driver")).exists();
        worker2.descendants().forEach(ProcessHandle::destroyForcibly); // the executor and the worker: a lost machine
        worker2.destroyForcibly();
        assertThat(driver.waitFor(420, TimeUnit.SECONDS)).as("driver finished").isTrue();
        String driverLog = log(dir, "driver");
        assertThat(driver.exitValue()).as("driver exit code; its log:\n%s", driverLog).isZero();
        assertThat(driverLog).as("the driver lost an executor").containsPattern("(?i)lost (executor|task)");

        float[] got = read(weights);
        Models.Recipe recipe = recipe(0);
        Network net = recipe.network(1);
        Trainer.builder(net, recipe.training()).loss(recipe.loss()).metrics(List.of()).random(new RandomSource(7)).build()
                .fit(data(), null);
        assertThat(SyncEquivalenceTest.maxAbsDiff(got, net.parameters().values())).isLessThan(1e-5);
        System.out.printf("cluster test: %.1f s wall; %s%n", (System.nanoTime() - start) / 1e9,
                driverLog.lines().filter(l -> l.startsWith("rnn4j cluster driver")).findFirst().orElse(""));
    }

    /** A Spark home whose jars/ holds this test's third-party jars (Spark, Scala, ...), as a Spark distribution would. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !entry.contains("rnn4j")) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        return home;
    }

    /** A jar of a class directory. */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private Process start(Path dir, Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("rnn4j.spark.javaOptions", "").split(" ")));
        cmd.add("-Xmx512m");
        cmd.add("-Drnn4j.spark.javaOptions=" + System.getProperty("rnn4j.spark.javaOptions", ""));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static String log(Path dir, String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "(no log)";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on port " + port + " within " + seconds + " s");
    }

    private static float[] read(Path f) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
            float[] w = new float[in.readInt()];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readFloat();
            }
            return w;
        }
    }

}
