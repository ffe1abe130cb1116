package io.rnn4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny forecaster (100 monthly rows, an LSTM of 4 units, 3 epochs): {@code backtest --refit every|N}
 * trains a model anew on the rows before each origin, deterministically, and never sees the rows after it;
 * {@code metrics.csv}'s validation columns are in original units (the last epoch's {@code val_rmse} is
 * {@code evaluate --split validation}'s RMSE), the loss named {@code val_loss_normalized}, so two
 * configurations with another transform and differencing give comparable columns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastRefitCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private Path plain;
    private Path logDiff;

    /** Rows 0..99; rows {@code from} (inclusive) to {@code to} (exclusive) 1e6 instead of the series. */
    private static List<String> rows(int from, int to) {
        List<String> lines = new ArrayList<>(List.of("month,y"));
        for (int r = 0; r < 100; r++) {
            double v = r >= from && r < to ? 1e6 : 100 + 10 * Math.sin(2 * Math.PI * r / 12) + 0.5 * r + (r * 7919 % 13) / 4.0;
            lines.add(YearMonth.of(2000, 1).plusMonths(r) + "," + v);
        }
        return lines;
    }

    private static Path train(String name, String transform, int difference, String stopping) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("series.csv"), rows(0, 0));
        Path exp = Files.writeString(d.resolve("experiment.yaml"), """
                version: 1
                name: tiny-forecast
                seed: 5
                data:
                  type: time_series
                  train: series.csv
                  time: month
                  targets: [y]
                  lookback: 6
                  horizon: 2
                  season: 12
                  transform: %s
                  difference: %d
                  validation: 0.15
                  test: 0.15
                model:
                  layers: [{lstm: {units: 4}}]
                  head: {many_to_one: {outputs: 2}}
                training:
                  epochs: 3
                  batch_size: 16
                  optimizer: {adam: {lr: 0.01}}
                %s
                """.formatted(transform, difference, stopping));
        CliRun r = CliRun.of("train", exp.toString(), "--out", d.resolve("out").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        return d.resolve("out");
    }

    @BeforeAll
    void trainBoth() throws Exception {
        plain = train("plain", "none", 0, "");
        // early stopping on the validation RMSE in original units (patience beyond the epochs: the last epoch stays)
        logDiff = train("logdiff", "log", 1, "  early_stopping: {monitor: val_rmse, patience: 10, restore_best: false}");
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private JsonNode refit(String mode, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("backtest", plain.resolve("model.rnn4j").toString(), "--split", "validation",
                "--origins", "3", "--step", "2", "--refit", mode, "--json", "--out", dir.resolve("bt-" + mode).toString()));
        a.addAll(Arrays.asList(more));
        return json(a.toArray(String[]::new));
    }

    @Test
    void refitEveryTrainsAModelPerOriginDeterministicallyWithTheReportOfRefitNever() throws Exception {
        JsonNode never = refit("never");
        JsonNode every = refit("every");
        assertThat(never.get("refit").asText()).isEqualTo("never");
        assertThat(never.get("models_trained").asInt()).isZero();
        assertThat(every.get("refit").asText()).isEqualTo("every");
        assertThat(every.get("models_trained").asInt()).isEqualTo(3);
        assertThat(every.get("origins").asInt()).isEqualTo(3);
        // the same report shape, other models: other errors, the same baselines
        List<String> keys = new ArrayList<>();
        never.fieldNames().forEachRemaining(keys::add);
        List<String> everyKeys = new ArrayList<>();
        every.fieldNames().forEachRemaining(everyKeys::add);
        assertThat(everyKeys).isEqualTo(keys).contains("rmse", "mae", "mase", "smape", "seasonal_naive_rmse", "naive_rmse");
        assertThat(every.get("rmse").asDouble()).isNotEqualTo(never.get("rmse").asDouble()).isPositive().isFinite();
        assertThat(every.get("naive_rmse").asDouble()).isEqualTo(never.get("naive_rmse").asDouble());
        // run to run: bit for bit
        assertThat(refit("every")).isEqualTo(every);
        JsonNode second = refit("2", "--backend", "cpu");
        assertThat(second.get("refit").asText()).isEqualTo("2");
        assertThat(second.get("models_trained").asInt()).isEqualTo(2); // at origins 1 and 3; origin 2 uses the first
        assertThat(Files.readAllLines(dir.resolve("bt-every").resolve("backtest.csv"))).hasSize(1 + 2 + 1);
        // by fold: the origins' months, and which fold's model forecast each (N = 2: the first one twice)
        List<String> folds = Files.readAllLines(dir.resolve("bt-2").resolve("backtest_folds.csv"));
        assertThat(folds).hasSize(1 + 3);
        assertThat(folds.get(0)).startsWith("fold,origin,model_trained_at_fold,model_rmse");
        assertThat(folds.get(1)).startsWith("1,2006-08,1,");
        assertThat(folds.get(2)).startsWith("2,2006-10,1,");
        assertThat(folds.get(3)).startsWith("3,2006-12,3,");
    }

    @Test
    void aFoldsModelNeverSeesTheRowsAfterItsOrigin() throws Exception {
        JsonNode before = refit("every");
        // the rows after the last validation window (the test part, rows 85..99) become 1e6: a model or a
        // normalization fitted on them would forecast otherwise
        Path data = plain.getParent().resolve("series.csv");
        List<String> clean = Files.readAllLines(data);
        try {
            Files.write(data, rows(85, 100));
            JsonNode after = refit("every");
            assertThat(after).isEqualTo(before);
            // the control: the same poison in rows the folds do train on (the first ten, far from every origin's
            // inputs and targets, rows 73..84) changes their forecasts, so a leak of the later rows would show
            Files.write(data, rows(0, 10));
            JsonNode early = refit("every");
            assertThat(early.get("rmse").asDouble()).isNotEqualTo(before.get("rmse").asDouble());
            assertThat(early.get("naive_rmse").asDouble()).isEqualTo(before.get("naive_rmse").asDouble());
        } finally {
            Files.write(data, clean);
        }
    }

    @Test
    void badRefitOptionsAreClearErrors() {
        CliRun zero = CliRun.of("backtest", plain.resolve("model.rnn4j").toString(), "--refit", "0");
        assertThat(zero.code()).isNotZero();
        assertThat(zero.err()).contains("--refit must be never, every or a whole number");
        CliRun withData = CliRun.of("backtest", plain.resolve("model.rnn4j").toString(), "--refit", "every", "--data",
                plain.getParent().resolve("series.csv").toString());
        assertThat(withData.code()).isNotZero();
        assertThat(withData.err()).contains("--refit every with --data");
    }

    /**
     * An archive stored before the rename, whose experiment monitors a forecaster's 'val_loss', still opens
     * (its monitor read as val_loss_normalized), where a new file naming it is refused with the new name.
     */
    @Test
    void anArchiveStoredWithMonitorValLossStillLoads() throws Exception {
        io.rnn4j.core.archive.ModelArchive a = io.rnn4j.core.archive.ModelArchive.read(logDiff.resolve("model.rnn4j"));
        assertThat(a.experimentYaml()).contains("monitor: val_rmse");
        io.rnn4j.core.archive.ArchiveContents.Builder b = io.rnn4j.core.archive.ArchiveContents.builder()
                .experimentYaml(a.experimentYaml().replace("monitor: val_rmse", "monitor: val_loss"))
                .weights(a::weights).provenance(a.provenance()).backend("cpu");
        a.trainerState().ifPresent(b::trainerState);
        for (String n : a.dataNames()) {
            b.data(n, a.data(n).orElseThrow());
        }
        Path old = dir.resolve("old-monitor.rnn4j");
        io.rnn4j.core.archive.ModelArchive.write(old, b.build());
        JsonNode val = json("evaluate", old.toString(), "--split", "validation", "--json");
        JsonNode now = json("evaluate", logDiff.resolve("model.rnn4j").toString(), "--split", "validation", "--json");
        assertThat(val.get("rmse").asDouble()).isEqualTo(now.get("rmse").asDouble());
        Path exp = logDiff.getParent().resolve("experiment.yaml");
        Path renamed = Files.writeString(logDiff.getParent().resolve("old-name.yaml"),
                Files.readString(exp).replace("monitor: val_rmse", "monitor: val_loss"));
        CliRun refused = CliRun.of("validate", renamed.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.out() + refused.err()).contains("RNN4J-DSL-048").contains("did you mean 'val_loss_normalized'");
    }

    /** The last data row of metrics.csv as column name -> value. */
    private static java.util.Map<String, Double> lastEpoch(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",");
        String[] last = lines.get(lines.size() - 1).split(",");
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            m.put(header[i], Double.parseDouble(last[i]));
        }
        return m;
    }

    @Test
    void metricsCsvValidationColumnsAreInOriginalUnitsAsEvaluateSays() throws Exception {
        for (Path out : List.of(plain, logDiff)) {
            List<String> header = Arrays.asList(Files.readAllLines(out.resolve("metrics.csv")).get(0).split(","));
            assertThat(header).containsExactly("epoch", "loss", "val_loss_normalized", "mae_normalized", "val_mae",
                    "rmse_normalized", "val_rmse", "lr");
            java.util.Map<String, Double> last = lastEpoch(out);
            JsonNode val = json("evaluate", out.resolve("model.rnn4j").toString(), "--split", "validation", "--json");
            assertThat(last.get("val_rmse")).as(out.toString())
                    .isCloseTo(val.get("rmse").asDouble(), org.assertj.core.api.Assertions.withinPercentage(1e-4));
            assertThat(last.get("val_mae")).isCloseTo(val.get("mae").asDouble(),
                    org.assertj.core.api.Assertions.withinPercentage(1e-4));
            assertThat(last.get("val_loss_normalized")).isCloseTo(val.get("loss_normalized").asDouble(),
                    org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
        // comparable: both in the series' units (values 100-160, a seasonal swing of 10), of the size of the
        // naive forecast's error on the same windows, where the normalized losses of the two are not
        JsonNode naive = json("evaluate", plain.resolve("model.rnn4j").toString(), "--split", "validation", "--json");
        for (Path out : List.of(plain, logDiff)) {
            assertThat(lastEpoch(out).get("val_rmse")).isBetween(0.1 * naive.get("naive_rmse").asDouble(),
                    10 * naive.get("naive_rmse").asDouble());
        }
    }
}
