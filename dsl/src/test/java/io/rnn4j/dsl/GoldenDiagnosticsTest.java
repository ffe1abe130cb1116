package io.rnn4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnn4j.core.diag.ValidationException;
import io.rnn4j.core.model.LayerKindRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kind of mistake in an experiment file, with the full text of the message it earns, pinned in
 * {@code src/test/resources/golden/NAME.txt} next to {@code NAME.yaml} (the Guice
 * {@code errors/testdata} habit). To update a golden file after a deliberate change of wording, run
 * with {@code -Drnn4j.golden.update=true} and review the diff.
 */
class GoldenDiagnosticsTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private final ExperimentLoader loader = new ExperimentLoader(LayerKindRegistry.discover(getClass().getClassLoader()),
            io.rnn4j.core.data.DataKindRegistry.discover(getClass().getClassLoader()));

    @TestFactory
    Stream<DynamicTest> eachMistakeEarnsItsGoldenMessage() throws IOException {
        List<Path> inputs;
        try (Stream<Path> s = Files.list(DIR)) {
            inputs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(15);
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> check(in)));
    }

    private void check(Path input) throws IOException {
        String name = input.getFileName().toString();
        String text = Files.readString(input, StandardCharsets.UTF_8);
        Path golden = DIR.resolve(name.replace(".yaml", ".txt"));
        String actual = messageOf(name, text);
        if (Boolean.getBoolean("rnn4j.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file for %s", name).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private String messageOf(String name, String text) {
        try {
            loader.parse(name, text);
        } catch (ValidationException e) {
            return e.getMessage() + "\n";
        }
        throw new AssertionError(name + " was accepted but is meant to be invalid");
    }

    @org.junit.jupiter.api.Test
    void allProblemsOfAFileAreReportedTogetherSortedByPosition() throws IOException {
        String text = Files.readString(DIR.resolve("many-errors.yaml"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> loader.parse("many-errors.yaml", text))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.diagnostics()).hasSizeGreaterThanOrEqualTo(5);
                    assertThat(e.diagnostics()).isSortedAccordingTo(
                            java.util.Comparator.comparing(io.rnn4j.core.diag.Diagnostic::location));
                });
    }
}
