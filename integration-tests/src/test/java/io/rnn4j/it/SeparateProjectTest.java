package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A separate, tiny Maven project that uses rnn4j only through the README's "Use rnn4j from Java" section
 * (its Maven snippet and its Java program, taken from README.md as they are written) is built against the
 * artifacts installed in this build's local Maven repository, offline, by this build's Maven, and run.
 *
 * <p>The artifacts are installed by {@code mvn install} (the README's test command, and CI's), which
 * installs each module before this one runs. Under {@code mvn verify} nothing is installed, so the test is
 * skipped, saying so; it is also skipped when the local repository holds rnn4j jars that differ from this
 * build's (an older install), because testing those would prove nothing. {@code .ci/run} fails when CI
 * skipped it.
 */
class SeparateProjectTest {
    private static final String VERSION = System.getProperty("rnn4j.version");
    private static final Path ROOT = Path.of(System.getProperty("rnn4j.repository"));
    private static final Path REPO = Path.of(System.getProperty("rnn4j.local.repository"));

    /** The modules the program reaches (directly or through rnn4j-runtime), by their directories here. */
    private static final List<String> MODULES = List.of("core", "layers", "data", "dsl", "onnx", "runtime",
            "backends/cpu", "backends/vector", "backends/onnxruntime");

    /**
     * Plugin versions for the tiny project's build, so that it runs offline with what this build has
     * already downloaded; not part of what a user copies.
     */
    private static final String BUILD = """
              <build>
                <pluginManagement>
                  <plugins>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                    <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                    <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
                  </plugins>
                </pluginManagement>
              </build>
            """;

    @Test
    void aProjectBuiltFromTheReadmeSnippetsAgainstTheInstalledArtifactsTrainsAnExample(@TempDir Path dir)
            throws Exception {
        assumeThisBuildIsInstalled();
        String section = readmeSection("## Use rnn4j from Java");
        String maven = block(section, "xml");
        String program = block(section, "java");
        assertThat(maven).as("the README's Maven snippet names this build's version").contains(
                "<version>" + VERSION + "</version>");

        Path project = Files.createDirectories(dir.resolve("uses-rnn4j"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>uses-rnn4j</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                """ + maven + "\n" + BUILD + "</project>\n");
        Matcher className = Pattern.compile("public class (\\w+)").matcher(program);
        assertThat(className.find()).as("the README's program declares a public class").isTrue();
        Path source = Files.createDirectories(project.resolve("src/main/java"))
                .resolve(className.group(1) + ".java");
        Files.writeString(source, program);

        Path classpath = project.resolve("classpath.txt");
        String mvn = Path.of(System.getProperty("rnn4j.maven.home"), "bin", "mvn").toString();
        Result build = exec(project, mvn, "-o", "-B", "-q", "-Dmaven.repo.local=" + REPO, "package",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + classpath, "-Dmdep.includeScope=runtime");
        assertThat(build.code()).as("mvn package of the tiny project:\n%s", build.output()).isZero();

        String cp = project.resolve("target/classes") + File.pathSeparator + Files.readString(classpath).trim();
        Path out = dir.resolve("out");
        Result run = exec(project, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", cp, className.group(1),
                ROOT.resolve("examples/forecasting/experiment.yaml").toString(), out.toString());
        assertThat(run.code()).as("the README's program:\n%s", run.output()).isZero();
        assertThat(run.output()).contains("trained 'air-passengers-forecast' on vector");
        assertThat(out.resolve("model.rnn4j")).isRegularFile();
        assertThat(out.resolve("forecast.onnx")).isRegularFile();
    }

    /** Skips (with the reason) unless the local repository holds exactly this build's jars and POMs. */
    private static void assumeThisBuildIsInstalled() throws Exception {
        List<String> stale = new ArrayList<>();
        check(stale, ROOT.resolve("pom.xml"), "rnn4j-parent", "pom");
        check(stale, ROOT.resolve("bom/pom.xml"), "rnn4j-bom", "pom");
        for (String module : MODULES) {
            Path dir = ROOT.resolve(module);
            String artifact = artifactId(dir.resolve("pom.xml"));
            check(stale, dir.resolve("pom.xml"), artifact, "pom");
            check(stale, dir.resolve("target/" + artifact + "-" + VERSION + ".jar"), artifact, "jar");
        }
        Assumptions.assumeTrue(stale.isEmpty(), () -> "SKIPPED: the local repository " + REPO + " does not hold "
                + "this build's rnn4j artifacts (" + String.join(", ", stale) + "); `mvn install` installs them "
                + "before this test runs, `mvn verify` does not");
    }

    private static void check(List<String> stale, Path built, String artifact, String ext) throws Exception {
        Path installed = REPO.resolve("io/rnn4j/" + artifact + "/" + VERSION + "/" + artifact + "-" + VERSION + "." + ext);
        if (!Files.isRegularFile(built) || !Files.isRegularFile(installed)
                || !Arrays.equals(Files.readAllBytes(built), Files.readAllBytes(installed))) {
            stale.add(installed.getFileName().toString());
        }
    }

    private static String artifactId(Path pom) throws Exception {
        String text = Files.readString(pom);
        Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(text);
        assertThat(m.find()).as("artifactId after <parent> in %s", pom).isTrue();
        return m.group(1);
    }

    private static String readmeSection(String heading) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README.md has the section '%s'", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String block(String section, String language) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(m.find()).as("a ```%s block in the README section", language).isTrue();
        return m.group(1);
    }

    private static Result exec(Path dir, String... command) throws Exception {
        Path log = Files.createTempFile("rnn4j-separate-project", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().remove("RNN4J_BACKEND");
            Process p = pb.start();
            if (!p.waitFor(8, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 8 minutes");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Exit code and combined output of a process. */
    private record Result(int code, String output) {
    }
}
