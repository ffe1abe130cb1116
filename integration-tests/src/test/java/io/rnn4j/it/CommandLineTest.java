package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as people expect it: help everywhere, shell completion that completes. */
class CommandLineTest {

    /** The subcommands, as the top-level usage lists them. */
    private static List<String> subcommands() {
        CliRun usage = CliRun.of("--help");
        assertThat(usage.code()).isZero();
        String commands = usage.out().substring(usage.out().indexOf("Commands:"));
        return commands.lines().skip(1).filter(l -> l.matches("^  [a-z-]+ .*|^  [a-z-]+$"))
                .map(l -> l.trim().split("\\s+")[0]).toList();
    }

    @Test
    void everySubcommandAcceptsHelpAndH() {
        List<String> names = subcommands();
        assertThat(names).contains("train", "bench", "backends", "completion", "predict", "help").hasSizeGreaterThan(10);
        for (String name : names) {
            for (String flag : List.of("--help", "-h")) {
                CliRun run = CliRun.of(name, flag);
                assertThat(run.code()).as("rnn4j %s %s: %s", name, flag, run.err()).isZero();
                assertThat(run.out()).as("rnn4j %s %s", name, flag).contains("Usage: rnn4j " + name + " ");
                assertThat(run.err()).isEmpty();
            }
        }
    }

    @Test
    void backendsShowsEachBackendsDescriptionAndWhereItCameFrom() {
        CliRun text = CliRun.of("backends");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("reference backend: plain Java, float64 accumulation",
                "test plugin: the reference backend, counting matrix products", "from ");
        CliRun json = CliRun.of("backends", "--json");
        assertThat(json.out()).contains("\"description\" : \"reference backend: plain Java, float64 accumulation\"");
    }

    @Test
    void benchHelpNamesTheWorkloadDocumentThatIsInTheRepository() {
        CliRun run = CliRun.of("bench", "--help");
        assertThat(run.out()).contains("docs/BENCHMARKS.md").doesNotContain("shared/");
        Path doc = Path.of(System.getProperty("rnn4j.repository"), "docs/BENCHMARKS.md");
        assertThat(doc).content().contains("| W1 |", "| W2 |", "| W3 |", "| W4 |", "| W5 |");
    }

    @Test
    void bashCompletionCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        CliRun script = CliRun.of("completion", "bash");
        assertThat(script.code()).as(script.err()).isZero();
        Path file = Files.writeString(dir.resolve("rnn4j-completion.bash"), script.out());
        assertThat(complete(file, "rnn4j", "tr")).isEqualTo("train");
        assertThat(complete(file, "rnn4j", "compl")).isEqualTo("completion");
        assertThat(complete(file, "rnn4j", "bench", "--work")).isEqualTo("--workload");
        assertThat(complete(file, "rnn4j", "completion", "z")).isEqualTo("zsh");
    }

    @Test
    void zshGetsTheScriptThatEnablesBashcompinitUnderZsh() {
        CliRun zsh = CliRun.of("completion", "zsh");
        assertThat(zsh.code()).isZero();
        assertThat(zsh.out()).contains("ZSH_VERSION", "bashcompinit", "complete -F _complete_rnn4j");
        CliRun bad = CliRun.of("completion", "fish");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("fish", "bash", "zsh");
    }

    /** What bash's programmable completion offers for the words typed, the last one being completed. */
    private static String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String program = "source '" + script + "'; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_rnn4j; printf '%s\\n' \"${COMPREPLY[@]}\"";
        // stderr dropped: outside a real completion, bash's compopt complains that it is not completing
        Process p = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
