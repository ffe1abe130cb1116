package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnn4j generate MODEL --horizon N}: multi-step forecasts after the end of the data from the
 * forecasting example (AirPassengers up to 1960-12, horizon 12, seasonal differencing), as a table and
 * as JSON lines, rolled forward beyond the model's horizon; and the clear errors when text and
 * forecasting options meet the wrong kind of model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastCliTest {
    private static final Path FORECAST = Path.of("../examples/forecasting/experiment.yaml");

    @TempDir
    static Path dir;
    private Path model;


    @BeforeAll
    void trainOnce() {
        Path out = dir.resolve("forecast");
        CliRun r = CliRun.of("train", FORECAST.toString(), "--out", out.toString(), "--set", "training.epochs=3", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        model = out.resolve("model.rnn4j");
    }

    /** The months after 1960-12. */
    private static List<String> monthsAfter1960(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(YearMonth.of(1960, 12).plusMonths(i).toString());
        }
        return out;
    }

    /** The table's rows after its header, each split at whitespace. */
    private static List<String[]> tableRows(CliRun r) {
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines[0].strip().split("\\s+")).containsExactly("step", "passengers");
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].strip().split("\\s+"));
        }
        return rows;
    }

    @Test
    void horizon12PrintsTheTwelveMonthsOf1961WithPositiveValues() {
        CliRun r = CliRun.of("generate", model.toString(), "--horizon", "12");
        assertThat(r.code()).as(r.err()).isZero();
        List<String[]> rows = tableRows(r);
        assertThat(rows).hasSize(12);
        assertThat(rows.stream().map(x -> x[0]).toList()).containsExactlyElementsOf(monthsAfter1960(12));
        for (String[] row : rows) {
            assertThat(row).hasSize(2);
            assertThat(Double.parseDouble(row[1])).as(row[0]).isPositive().isFinite();
        }
    }

    @Test
    void horizon30RollsTheForecastForwardAndKeepsTheFirst12Steps() {
        CliRun r12 = CliRun.of("generate", model.toString(), "--horizon", "12");
        CliRun r30 = CliRun.of("generate", model.toString(), "--horizon", "30");
        assertThat(r30.code()).as(r30.err()).isZero();
        List<String[]> rows = tableRows(r30);
        assertThat(rows).hasSize(30);
        assertThat(rows.stream().map(x -> x[0]).toList()).containsExactlyElementsOf(monthsAfter1960(30));
        assertThat(rows.get(29)[0]).isEqualTo("1963-06");
        for (String[] row : rows) {
            assertThat(Double.parseDouble(row[1])).as(row[0]).isPositive().isFinite();
        }
        // rolling forward starts with the same one-shot forecast of the first 12 months
        List<String[]> first = tableRows(r12);
        for (int i = 0; i < 12; i++) {
            assertThat(rows.get(i)).containsExactly(first.get(i));
        }
    }

    @Test
    void jsonIsOneObjectPerStepWithTheStepAndEachTarget() throws Exception {
        CliRun r = CliRun.of("generate", model.toString(), "--horizon", "12", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(12);
        List<String> months = monthsAfter1960(12);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode o = json.readTree(lines[i]);
            assertThat(o.size()).isEqualTo(2);
            assertThat(o.get("step").asText()).isEqualTo(months.get(i));
            assertThat(o.get("passengers").isNumber()).isTrue();
            assertThat(o.get("passengers").asDouble()).isPositive();
        }
        CliRun r30 = CliRun.of("generate", model.toString(), "--horizon", "30", "--json");
        assertThat(r30.code()).as(r30.err()).isZero();
        assertThat(r30.out().strip().split("\\R")).hasSize(30);
    }

    @Test
    void aPromptForAForecasterAndABadHorizonAreClearErrors() {
        CliRun prompt = CliRun.of("generate", model.toString(), "--prompt", "It is");
        assertThat(prompt.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(prompt.err()).contains("RNN4J-RUN-015", "forecasts a time series", "--prompt", "--horizon N")
                .doesNotContain("\tat ");
        CliRun both = CliRun.of("generate", model.toString(), "--horizon", "3", "--length", "10");
        assertThat(both.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(both.err()).contains("--horizon", "cannot be combined with --length");
        CliRun zero = CliRun.of("generate", model.toString(), "--horizon", "0");
        assertThat(zero.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(zero.err()).contains("RNN4J-RUN-018", "at least 1");
    }

    @Test
    void horizonOnATextModelFailsWithExitCode1AndSaysWhy() throws Exception {
        Path d = Files.createDirectories(dir.resolve("text"));
        Files.writeString(d.resolve("corpus.txt"), "It is a truth universally acknowledged, that a single man in "
                .repeat(20));
        Path exp = d.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: tiny-lm
                data: {type: text, train: corpus.txt, sequence_length: 16}
                model:
                  layers: [{embedding: {dim: 4}}, {lstm: {units: 8}}]
                  head: {many_to_many: {}}
                training: {epochs: 1, batch_size: 8}
                """);
        CliRun t = CliRun.of("train", exp.toString(), "--out", d.resolve("out").toString(), "--threads", "1");
        assertThat(t.code()).as(t.err()).isZero();
        Path lm = d.resolve("out/model.rnn4j");
        CliRun r = CliRun.of("generate", lm.toString(), "--horizon", "12");
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).startsWith("error: RNN4J-RUN-017: --horizon forecasts a time series, but this model was trained "
                + "on 'type: text' data").contains("--prompt").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        // the text model still generates text
        CliRun g = CliRun.of("generate", lm.toString(), "--prompt", "It is", "--length", "5", "--json");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(new ObjectMapper().readTree(g.out()).get("text").asText()).startsWith("It is");
        // --warmup generates untimed first and changes nothing in what is printed (same prompt, same seed)
        CliRun sampled = CliRun.of("generate", lm.toString(), "--length", "30", "--temperature", "1", "--seed", "7");
        CliRun warmed = CliRun.of("generate", lm.toString(), "--length", "30", "--temperature", "1", "--seed", "7",
                "--warmup", "50", "--timing");
        assertThat(warmed.code()).as(warmed.err()).isZero();
        assertThat(warmed.out()).isEqualTo(sampled.out());
        assertThat(warmed.err()).startsWith("timing: 30 tokens in ");
        CliRun bad = CliRun.of("generate", lm.toString(), "--warmup", "-1");
        assertThat(bad.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(bad.err()).contains("--warmup must be between 0 and");
        CliRun withHorizon = CliRun.of("generate", lm.toString(), "--horizon", "3", "--warmup", "5");
        assertThat(withHorizon.code()).isEqualTo(Main.EXIT_INVALID);
        assertThat(withHorizon.err()).contains("--warmup");
    }

    @Test
    void aHorizonBeyondTheModelsNeedsFeaturesThatAreForecast() throws Exception {
        // a second input column that is not forecast: its future is unknown, so 12 steps is the limit
        Path d = Files.createDirectories(dir.resolve("features"));
        List<String> lines = Files.readAllLines(Path.of("../examples/data/air_passengers.csv"));
        List<String> out = new ArrayList<>(List.of("month,passengers,lagged"));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            out.add(cells[0].replace("\"", "") + "," + cells[1] + "," + (Integer.parseInt(cells[1].strip()) + i % 7));
        }
        Files.write(d.resolve("air.csv"), out);
        Path exp = d.resolve("experiment.yaml");
        Files.writeString(exp, """
                version: 1
                name: two-features
                data: {type: time_series, train: air.csv, time: month, features: [passengers, lagged], targets: [passengers],
                       lookback: 24, horizon: 12, difference: 12, normalize: minmax, validation: 0.12, test: 0.12}
                model:
                  layers: [{lstm: {units: 8, return_sequences: false}}]
                  head: {many_to_one: {outputs: 12}}
                training: {epochs: 1, batch_size: 16}
                """);
        CliRun t = CliRun.of("train", exp.toString(), "--out", d.resolve("out").toString(), "--threads", "1");
        assertThat(t.code()).as(t.err()).isZero();
        Path m = d.resolve("out/model.rnn4j");
        CliRun ok = CliRun.of("generate", m.toString(), "--horizon", "12");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(tableRows(ok)).hasSize(12);
        CliRun r = CliRun.of("generate", m.toString(), "--horizon", "13");
        assertThat(r.code()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains("RNN4J-RUN-018", "--horizon 13", "cannot be rolled forward", "input lagged",
                "largest horizon possible is 12");
    }
}
