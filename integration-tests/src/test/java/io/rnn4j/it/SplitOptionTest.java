package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.cli.Main;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --split} is read by one parser for {@code evaluate} and {@code backtest}: the same names in any
 * case, the same message for a name that is not a split.
 */
class SplitOptionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evaluate", "backtest"})
    void bothCommandsRefuseAnUnknownSplitWithTheSameMessage(String command) {
        CliRun run = CliRun.of(command, dir.resolve("model.rnn4j").toString(), "--split", "tset");
        assertThat(run.code()).as(run.err()).isEqualTo(Main.EXIT_INVALID);
        assertThat(run.err()).contains("Invalid value for option '--split': 'tset' is not a split: use validation, "
                + "test or train");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"evaluate", "backtest"})
    void bothCommandsTakeTheSplitNamesInAnyCase(String command) {
        for (String split : new String[] {"TEST", "Validation", "val", "train"}) {
            CliRun run = CliRun.of(command, dir.resolve("model.rnn4j").toString(), "--split", split);
            // the split is taken: what fails is the missing model file, with its own error
            assertThat(run.code()).as(split + ": " + run.err()).isEqualTo(Main.EXIT_ERROR);
            assertThat(run.err()).as(split).doesNotContain("--split").contains("model.rnn4j");
        }
    }
}
