package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chicago example (weather and calendar covariates, a Gaussian head) trained for one epoch: figures in
 * original units with the loss and metrics named as normalized, {@code evaluate --split} and
 * {@code --data} with the stored normalization, intervals from {@code generate --horizon} with future
 * covariates from a file, and {@code backtest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbabilisticForecastCliTest {
    private static final Path CHICAGO = Path.of("../examples/chicago-ridership/experiment.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private Path model;
    private CliRun trained;

    @BeforeAll
    void trainOnce() {
        Path out = dir.resolve("chicago");
        trained = CliRun.of("train", CHICAGO.toString(), "--out", out.toString(), "--set", "training.epochs=1", "--set", "training.batch_size=256",
                "--threads", "1");
        assertThat(trained.code()).as(trained.err()).isZero();
        model = out.resolve("model.rnn4j");
    }

    private JsonNode evaluate(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("evaluate", model.toString(), "--json"));
        a.addAll(List.of(args));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void figuresAreInOriginalUnitsAndTheLossIsNamedNormalized() throws Exception {
        assertThat(trained.out()).contains("loss_normalized").contains("interval_coverage: ").contains("mase: ");
        JsonNode test = evaluate();
        assertThat(test.get("split").asText()).isEqualTo("test");
        assertThat(test.has("loss_normalized")).isTrue();
        assertThat(test.has("loss")).isFalse();
        // ridership is in thousands (2-26): original-unit errors are of that size, normalized ones below 1.5
        assertThat(test.get("rmse").asDouble()).isGreaterThan(test.get("rmse_normalized").asDouble());
        assertThat(test.get("interval_level").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(test.get("interval_coverage").asDouble()).isBetween(0.0, 1.0);
        JsonNode val = evaluate("--split", "validation");
        assertThat(val.get("split").asText()).isEqualTo("validation");
        assertThat(val.get("rmse").asDouble()).isNotEqualTo(test.get("rmse").asDouble());
    }

    /**
     * Regression test for `evaluate --data FILE` re-fitting the normalisation on a larger training part:
     * a file holding exactly the test windows (their 28 rows of lookback, then the 570 test rows) scores
     * exactly the figure of the test split.
     */
    @Test
    void evaluateDataUsesTheStoredNormalisationSoTheSameWindowsScoreTheSame() throws Exception {
        JsonNode test = evaluate();
        List<String> rows = Files.readAllLines(Path.of("../examples/data/chicago_ridership.csv"));
        int n = rows.size() - 1;
        int firstTest = n - (test.get("windows").asInt() + 7 - 1);
        List<String> tail = new ArrayList<>(List.of(rows.get(0)));
        tail.addAll(rows.subList(1 + firstTest - 28, rows.size()));
        Path file = Files.write(dir.resolve("tail.csv"), tail);
        JsonNode other = evaluate("--data", file.toString());
        assertThat(other.get("windows").asInt()).isEqualTo(test.get("windows").asInt());
        assertThat(other.get("rmse").asDouble()).isCloseTo(test.get("rmse").asDouble(), within(1e-9));
        assertThat(other.get("interval_coverage").asDouble()).isEqualTo(test.get("interval_coverage").asDouble());
    }

    @Test
    void generateGivesIntervalsWithFutureCovariatesFromAFile() throws Exception {
        CliRun missing = CliRun.of("generate", model.toString(), "--horizon", "7");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("RNN4J-RUN-033").contains("--covariates FILE");
        Path future = Files.writeString(dir.resolve("future.csv"), "temp,precip,weather_rain,weather_snow\n"
                + "75,0,0,0\n80,0.1,0.2,0\n70,0,0,0\n65,0,0,0\n72,0.5,0.6,0\n74,0,0,0\n76,0,0,0\n");
        CliRun r = CliRun.of("generate", model.toString(), "--horizon", "7", "--covariates", future.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(7);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("step").asText()).isEqualTo("2016-08-29");
        assertThat(first.get("ridership_lower").asDouble()).isLessThan(first.get("ridership").asDouble());
        assertThat(first.get("ridership_upper").asDouble()).isGreaterThan(first.get("ridership").asDouble());
    }

    @Test
    void backtestWritesErrorsByHorizonStepAgainstTheBaselines() throws Exception {
        Path out = dir.resolve("bt");
        CliRun r = CliRun.of("backtest", model.toString(), "--origins", "5", "--step", "7", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("backtest.csv"));
        assertThat(csv).hasSize(1 + 7 + 1);
        assertThat(csv.get(0)).startsWith("step,model_rmse,model_mae,model_mase,model_smape,naive_rmse");
        assertThat(csv.get(8)).startsWith("all,").endsWith(",35");
        assertThat(out.resolve("backtest.png")).exists();
        List<String> folds = Files.readAllLines(out.resolve("backtest_folds.csv"));
        assertThat(folds).hasSize(1 + 5);
        assertThat(folds.get(1)).startsWith("1,").contains(",as trained,");
        CliRun refit = CliRun.of("backtest", model.toString(), "--refit", "sometimes");
        assertThat(refit.code()).isNotZero();
        assertThat(refit.err()).contains("--refit must be never, every or a whole number");
    }
}
