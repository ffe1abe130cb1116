package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.diag.Diagnostic;
import io.rnn4j.core.diag.Diagnostics;
import io.rnn4j.core.model.LayerKindRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of malformed documents, made by mutating the example experiment files, to the
 * loader: every one must come back as diagnostics (each with an id, a location and a message), never
 * as an unexpected exception. Each document gets one mutation that is certain to break it, plus random
 * noise that may break it further.
 */
class FuzzTest {
    private static final int DOCUMENTS = 1500;
    private static final String[] NOISE = {"", " ", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "!!str ", "\t", "#",
        "'", "\"", "null", "~", "1e999", "-", "?", ",", "|", ">", "%", "@", "\u0000", "\u00e9", "0x1F"};

    private final ExperimentLoader loader = new ExperimentLoader(LayerKindRegistry.discover(getClass().getClassLoader()),
            io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader()));

    @Test
    void everyMalformedDocumentYieldsDiagnosticsNeverAnException() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (Path p : ExperimentLoaderTest.exampleFiles()) {
            seeds.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        RandomSource r = new RandomSource(20261123);
        int withDiagnostics = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String doc = breakIt(seeds.get(r.nextInt(seeds.size())), r);
            int noise = r.nextInt(4);
            for (int n = 0; n < noise; n++) {
                doc = noise(doc, r);
            }
            Diagnostics diags = new Diagnostics();
            final String input = doc;
            try {
                loader.tryParse("fuzz-" + i + ".yaml", input, diags);
            } catch (RuntimeException e) {
                throw new AssertionError("document " + i + " threw " + e + "\n---\n" + input, e);
            }
            assertThat(diags.hasErrors()).as("document %d must be rejected:%n%s", i, input).isTrue();
            for (Diagnostic d : diags.sorted()) {
                assertThat(d.id()).startsWith("RNN4J-");
                assertThat(d.message()).isNotBlank();
                assertThat(d.location().file()).isEqualTo("fuzz-" + i + ".yaml");
            }
            withDiagnostics++;
        }
        assertThat(withDiagnostics).isEqualTo(DOCUMENTS);
    }

    /** One mutation that makes any example invalid. */
    private static String breakIt(String doc, RandomSource r) {
        String[] lines = doc.split("\n", -1);
        List<Integer> content = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].trim().startsWith("#")) {
                content.add(i);
            }
        }
        int at = content.get(r.nextInt(content.size()));
        String line = lines[at];
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        switch (r.nextInt(9)) {
            case 0 -> lines[at] = line + "\n" + indent.replace("- ", "  ") + "zz_unknown_" + r.nextInt(100) + ": 1";
            case 1 -> lines[at] = line.replaceAll(":\\s*[-0-9.e]+\\s*$", ": [not-a-number]") + (line.matches(".*:\\s*[-0-9.e]+\\s*$") ? "" : "\nversion: 1");
            case 2 -> lines[at] = line.strip().startsWith("- ") || !line.contains(":")
                    ? line + "\n" + indent.replace("- ", "  ") + "zz_unknown: 2" // an unknown key
                    : line + "\n" + line; // a duplicate key
            case 3 -> lines[0] = "version: " + (2 + r.nextInt(9)) + "\n" + lines[0].replaceFirst("^version:.*", "");
            case 4 -> lines[at] = indent + "[" + line.strip();
            case 5 -> lines[at] = line.replaceFirst("[a-z_]+:", "lstn_" + r.nextInt(9) + ":") + "\n" + indent + "version: x";
            case 6 -> {
                return "- " + String.join("\n  ", lines);
            }
            case 7 -> {
                return doc.substring(0, r.nextInt(Math.max(1, doc.indexOf("model:")))) + "\n: : :";
            }
            default -> { // an anchor in front of a value: anchors are refused
                String anchor = "&anchor_" + r.nextInt(9) + " ";
                if (line.stripTrailing().endsWith(":")) {
                    lines[at] = line.stripTrailing() + " " + anchor + "{}";
                } else if (line.contains(": ")) {
                    lines[at] = line.replaceFirst(": ", ": " + anchor);
                } else {
                    lines[at] = line.replaceFirst("- ", "- " + anchor);
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String noise(String doc, RandomSource r) {
        if (doc.isEmpty()) {
            return NOISE[r.nextInt(NOISE.length)];
        }
        int pos = r.nextInt(doc.length());
        return switch (r.nextInt(3)) {
            case 0 -> doc.substring(0, pos) + NOISE[r.nextInt(NOISE.length)] + doc.substring(pos);
            case 1 -> doc.substring(0, pos) + doc.substring(Math.min(doc.length(), pos + 1 + r.nextInt(5)));
            default -> {
                int other = r.nextInt(doc.length());
                char[] c = doc.toCharArray();
                char t = c[pos];
                c[pos] = c[other];
                c[other] = t;
                yield new String(c);
            }
        };
    }
}
