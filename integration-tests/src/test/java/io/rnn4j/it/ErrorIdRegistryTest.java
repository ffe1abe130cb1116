package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/ERRORS.md} is the registry of error ids: every id raised in the main sources of every module is
 * listed there exactly once, and every listed id is raised somewhere. Two branches that each take the next free
 * number for different errors then fail here (one id listed twice) instead of shipping one id with two meanings.
 */
class ErrorIdRegistryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RAISED = Pattern.compile("\"(RNN4J-[A-Z]+-\\d{3})\"");
    private static final Pattern LISTED = Pattern.compile("^\\| `(RNN4J-[A-Z]+-\\d{3})` \\| (.+) \\|$");

    /** Id to the main source files that contain it as a string literal. */
    private static Map<String, Set<String>> raised() throws IOException {
        Map<String, Set<String>> ids = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(ROOT)) {
            sources = s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String r = ROOT.relativize(p).toString().replace('\\', '/');
                        return r.contains("/src/main/java/") && !r.contains("/target/") && !r.startsWith(".");
                    })
                    .toList();
        }
        for (Path p : sources) {
            Matcher m = RAISED.matcher(Files.readString(p, StandardCharsets.UTF_8));
            while (m.find()) {
                ids.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(ROOT.relativize(p).toString());
            }
        }
        return ids;
    }

    private static List<String> listed() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/ERRORS.md"), StandardCharsets.UTF_8)) {
            Matcher m = LISTED.matcher(line);
            if (m.matches()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void theSourcesRaiseAHundredOrMoreIdsSoTheScanSeesThem() throws IOException {
        assertThat(raised()).as("ids found in */src/main/java under %s", ROOT).hasSizeGreaterThan(100)
                .containsKeys("RNN4J-DSL-003", "RNN4J-DATA-010", "RNN4J-TRAIN-002");
    }

    @Test
    void everyRaisedIdIsListedInDocsErrors() throws IOException {
        Set<String> listed = new TreeSet<>(listed());
        Map<String, Set<String>> missing = new TreeMap<>(raised());
        missing.keySet().removeAll(listed);
        assertThat(missing).as("ids raised in the sources but not in docs/ERRORS.md: add a row '| `ID` | what it "
                + "means |' under its family (raised in: %s)", missing).isEmpty();
    }

    @Test
    void everyListedIdIsRaisedAndListedOnce() throws IOException {
        List<String> listed = listed();
        Set<String> raised = raised().keySet();
        assertThat(listed).as("docs/ERRORS.md rows").doesNotHaveDuplicates();
        assertThat(listed).as("ids in docs/ERRORS.md that no source raises any more: remove their rows, and "
                + "never reuse their numbers").allMatch(raised::contains);
    }
}
