package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.rnn4j.cli.Main;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.archive.ModelArchive;
import io.rnn4j.core.archive.Weights;
import io.rnn4j.core.train.EpochResult;
import io.rnn4j.core.train.TrainingListener;
import io.rnn4j.runtime.ExperimentRunner;
import io.rnn4j.runtime.OutputFolder;
import io.rnn4j.runtime.Rnn4jModule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rnn4j} command with this module as its plugin (the {@code spark} distributed engine found
 * through {@code META-INF/services}): {@code train} honours {@code distributed:} on {@code local[2]} and
 * writes what a local run writes, with the single machine's weights ({@code sync} is exact); an interrupted
 * distributed run continued with {@code --resume} ends with the uninterrupted run's weights; and
 * {@code predict --engine spark} writes local {@code predict}'s lines (issue 12).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkCliTest {
    /** What {@code sync} guarantees against the single machine (float rounding of a regrouped sum). */
    private static final double TOLERANCE = 1e-5;
    private static final int EPOCHS = 3;

    @TempDir
    static Path dir;

    /** {@code rnn4j ARGS...} in this JVM: exit code, stdout, stderr. */
    private record Run(int code, String out, String err) {
    }

    private static Run rnn4j(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    private static String sequence(RandomSource r, boolean label) {
        return TestLines.sequence(r, 2, 6, 2, label ? new String[] {"0", "1"} : null);
    }

    private static final String EXPERIMENT = """
            version: 1
            name: spark-cli
            seed: 11
            data: {type: sequences, train: train.jsonl, validation: 0.2, test: 0.1}
            model:
              layers: [{lstm: {units: 5}}]
              head: {many_to_one: {}}
            training: {epochs: %d, batch_size: 12, optimizer: {adam: {lr: 0.01}}}
            """.formatted(EPOCHS);

    @BeforeAll
    void data() throws Exception {
        RandomSource r = new RandomSource(21);
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            train.add(sequence(r, true));
        }
        Files.write(dir.resolve("train.jsonl"), train, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("local.yaml"), EXPERIMENT, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("spark.yaml"), EXPERIMENT
                + "distributed: {engine: spark, master: \"local[2]\", workers: 2, strategy: sync}\n", StandardCharsets.UTF_8);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            inputs.add(i == 9 ? "" : sequence(r, false));
        }
        Files.write(dir.resolve("inputs.jsonl"), inputs, StandardCharsets.UTF_8);
    }

    private static float[] weights(Path archive) {
        Weights w = ModelArchive.read(archive).weights();
        int n = (int) w.count();
        float[] out = new float[n];
        int at = 0;
        for (Weights.Entry e : w.entries()) {
            System.arraycopy(e.values(), 0, out, at, e.values().length);
            at += e.values().length;
        }
        return out;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    @Order(1)
    void trainRunsTheDistributedSectionOnSparkWithTheLocalRunsFilesAndWeights() throws Exception {
        Run local = rnn4j("train", dir.resolve("local.yaml").toString(), "--out", dir.resolve("local").toString(),
                "--backend", "cpu", "--threads", "1");
        assertThat(local.code()).as(local.err()).isZero();
        Run spark = rnn4j("train", dir.resolve("spark.yaml").toString(), "--out", dir.resolve("spark").toString(),
                "--backend", "cpu", "--threads", "1");
        assertThat(spark.code()).as(spark.err()).isZero();

        Path out = dir.resolve("spark");
        for (String f : List.of("model.rnn4j", "checkpoint.rnn4j", "metrics.csv", "report.json", "resolved.yaml")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("resolved.yaml"))).contains("distributed:", "local[2]");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"epochs_trained\" : " + EPOCHS,
                "on 2 workers (sync)", "\"test\"");
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(metrics).hasSize(EPOCHS + 1);
        // the local run's columns in its order, training-pass metrics included (the workers' counts added up)
        List<String> localMetrics = Files.readAllLines(dir.resolve("local/metrics.csv"));
        assertThat(metrics.get(0)).isEqualTo(localMetrics.get(0)).contains(",accuracy,", ",f1,", ",val_accuracy,");
        List<String> columns = List.of(metrics.get(0).split(","));
        for (int e = 1; e <= EPOCHS; e++) {
            String[] a = localMetrics.get(e).split(",");
            String[] b = metrics.get(e).split(",");
            for (String column : List.of("loss", "accuracy", "f1", "val_loss", "val_accuracy")) {
                double one = Double.parseDouble(a[columns.indexOf(column)]);
                double distributed = Double.parseDouble(b[columns.indexOf(column)]);
                // sync: the same weights at every step, so the same predictions: equal counts (1e-9), losses to 1e-5
                assertThat(distributed).as("epoch %d %s", e, column).isCloseTo(one,
                        org.assertj.core.data.Offset.offset(column.contains("loss") ? 1e-5 : 1e-9));
            }
        }
        double diff = maxAbsDiff(weights(out.resolve("model.rnn4j")), weights(dir.resolve("local/model.rnn4j")));
        System.out.printf(Locale.ROOT, "rnn4j train on local[2], sync, K=2, %d epochs: max |w - w_local| = %.3g%n",
                EPOCHS, diff);
        assertThat(diff).isLessThan(TOLERANCE);
        assertThat(ModelArchive.read(out.resolve("checkpoint.rnn4j")).trainerState().orElseThrow().epoch())
                .isEqualTo(EPOCHS);
        // the output folder's rules are a local run's: a folder that holds a run is refused (before Spark starts)
        Run again = rnn4j("train", dir.resolve("spark.yaml").toString(), "--out", out.toString(), "--backend", "cpu");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("--overwrite", "--resume");
    }

    @Test
    @Order(2)
    void anInterruptedDistributedRunResumedFromItsCheckpointEndsWithTheUninterruptedWeights() throws Exception {
        Path out = dir.resolve("interrupted");
        ExperimentRunner runner = Guice.createInjector(new Rnn4jModule(getClass().getClassLoader()))
                .getInstance(ExperimentRunner.class);
        TrainingListener killer = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                if (r.epoch() == 2) {
                    throw new IllegalStateException("interrupted after epoch 2");
                }
            }
        };
        // the user's listeners run before the checkpoint listener: the checkpoint holds epoch 1
        assertThatThrownBy(() -> runner.train(dir.resolve("spark.yaml"), new ExperimentRunner.TrainOptions(out, "cpu",
                List.of(), 1, List.of(killer), OutputFolder.ExistingRun.REFUSE, null)))
                .hasMessageContaining("interrupted after epoch 2");
        assertThat(ModelArchive.read(out.resolve("checkpoint.rnn4j")).trainerState().orElseThrow().epoch()).isEqualTo(1);
        assertThat(out.resolve("model.rnn4j")).doesNotExist();

        Run resumed = rnn4j("train", dir.resolve("spark.yaml").toString(), "--out", out.toString(), "--backend", "cpu",
                "--threads", "1", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        double diff = maxAbsDiff(weights(out.resolve("model.rnn4j")), weights(dir.resolve("spark/model.rnn4j")));
        System.out.printf(Locale.ROOT, "interrupted after epoch 2, resumed from epoch 1: max |w - w_uninterrupted| = %.3g%n",
                diff);
        assertThat(diff).isLessThan(TOLERANCE);
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(EPOCHS + 1);
    }

    @Test
    @Order(3)
    void predictOnTheSparkEngineWritesLocalPredictsLinesAndLocatesABadLine() throws Exception {
        Path model = dir.resolve("spark/model.rnn4j");
        Path local = dir.resolve("local.jsonl");
        Path spark = dir.resolve("spark.jsonl");
        Run a = rnn4j("predict", model.toString(), "--input", dir.resolve("inputs.jsonl").toString(), "--output",
                local.toString(), "--backend", "cpu");
        assertThat(a.code()).as(a.err()).isZero();
        Run b = rnn4j("predict", model.toString(), "--input", dir.resolve("inputs.jsonl").toString(), "--output",
                spark.toString(), "--backend", "cpu", "--engine", "spark", "--master", "local[2]", "--batch-size", "16");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.err()).contains("predicted 149 lines on spark");
        List<String> expected = Files.readAllLines(local);
        assertThat(expected).hasSize(149).allMatch(l -> l.startsWith("{\"probabilities\"") && l.contains("\"y\""));
        assertThat(Files.readAllLines(spark)).containsExactlyElementsOf(expected);

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, Files.readAllLines(dir.resolve("inputs.jsonl")).get(0) + "\n{\"x\": [[1, 2]\n",
                StandardCharsets.UTF_8);
        Path none = dir.resolve("none.jsonl");
        Run c = rnn4j("predict", model.toString(), "--input", bad.toString(), "--output", none.toString(), "--engine",
                "spark", "--master", "local[2]");
        Run d = rnn4j("predict", model.toString(), "--input", bad.toString(), "--output", none.toString());
        assertThat(c.code()).as(c.err()).isEqualTo(1);
        assertThat(c.err()).contains(bad + ", line 2, column 14").isEqualTo(d.err());
        assertThat(none).doesNotExist();
    }

    @Test
    @Order(4)
    void aForecasterOnSparkWritesTheLocalRunsMetricsColumnsInOriginalUnits() throws Exception {
        Path d = Files.createDirectories(dir.resolve("forecast"));
        List<String> rows = new ArrayList<>(List.of("month,y"));
        for (int r = 0; r < 80; r++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * r / 12) + 0.5 * r + (r * 7919 % 13) / 4.0;
            rows.add(java.time.YearMonth.of(2000, 1).plusMonths(r) + "," + v);
        }
        Files.write(d.resolve("series.csv"), rows, StandardCharsets.UTF_8);
        String experiment = """
                version: 1
                name: spark-forecast
                seed: 5
                data: {type: time_series, train: series.csv, time: month, targets: [y], lookback: 6, horizon: 2,
                       transform: log, difference: 1, validation: 0.15, test: 0.15}
                model:
                  layers: [{lstm: {units: 4}}]
                  head: {many_to_one: {outputs: 2}}
                training: {epochs: 2, batch_size: 16, optimizer: {adam: {lr: 0.01}}}
                """;
        Files.writeString(d.resolve("local.yaml"), experiment, StandardCharsets.UTF_8);
        Files.writeString(d.resolve("spark.yaml"), experiment
                + "distributed: {engine: spark, master: \"local[2]\", workers: 2, strategy: sync}\n", StandardCharsets.UTF_8);
        Run local = rnn4j("train", d.resolve("local.yaml").toString(), "--out", d.resolve("local").toString(),
                "--backend", "cpu");
        assertThat(local.code()).as(local.err()).isZero();
        Run spark = rnn4j("train", d.resolve("spark.yaml").toString(), "--out", d.resolve("spark").toString(),
                "--backend", "cpu");
        assertThat(spark.code()).as(spark.err()).isZero();
        List<String> l = Files.readAllLines(d.resolve("local/metrics.csv"));
        List<String> s = Files.readAllLines(d.resolve("spark/metrics.csv"));
        // the validation columns: the normalized loss named as such, the metrics in original units
        List<String> localColumns = List.of(l.get(0).split(","));
        List<String> sparkColumns = List.of(s.get(0).split(","));
        assertThat(sparkColumns).contains("val_loss_normalized", "val_rmse", "val_mae").doesNotContain("val_loss");
        assertThat(sparkColumns).isEqualTo(localColumns).contains("mae_normalized", "rmse_normalized");
        assertThat(s).hasSameSizeAs(l);
        for (String column : List.of("val_loss_normalized", "val_rmse", "val_mae")) {
            double a = Double.parseDouble(l.get(l.size() - 1).split(",")[localColumns.indexOf(column)]);
            double b = Double.parseDouble(s.get(s.size() - 1).split(",")[sparkColumns.indexOf(column)]);
            assertThat(b).as(column).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(a))));
        }
    }

    @Test
    @Order(5)
    void aQuantileForecasterTrainsOnSparkToTheSingleMachineWeights() throws Exception {
        Path d = Files.createDirectories(dir.resolve("quantiles"));
        List<String> rows = new ArrayList<>(List.of("month,y"));
        for (int r = 0; r < 80; r++) {
            double v = 50 + 8 * Math.sin(2 * Math.PI * r / 12) + 0.3 * r + (r * 7907 % 11) / 3.0;
            rows.add(java.time.YearMonth.of(2001, 1).plusMonths(r) + "," + v);
        }
        Files.write(d.resolve("series.csv"), rows, StandardCharsets.UTF_8);
        // levels other than the pinball loss's defaults: a recipe that dropped them would train other weights
        String experiment = """
                version: 1
                name: spark-quantiles
                seed: 9
                data: {type: time_series, train: series.csv, time: month, targets: [y], lookback: 6, horizon: 2,
                       validation: 0.15, test: 0.15}
                model:
                  layers: [{gru: {units: 4}}]
                  head: {many_to_one: {outputs: 2, quantiles: [0.2, 0.5, 0.75]}}
                training: {epochs: 2, batch_size: 16, optimizer: {adam: {lr: 0.02}}}
                """;
        Files.writeString(d.resolve("local.yaml"), experiment, StandardCharsets.UTF_8);
        Files.writeString(d.resolve("spark.yaml"), experiment
                + "distributed: {engine: spark, master: \"local[2]\", workers: 2, strategy: sync}\n", StandardCharsets.UTF_8);
        Run local = rnn4j("train", d.resolve("local.yaml").toString(), "--out", d.resolve("local").toString(),
                "--backend", "cpu", "--threads", "1");
        assertThat(local.code()).as(local.err()).isZero();
        Run spark = rnn4j("train", d.resolve("spark.yaml").toString(), "--out", d.resolve("spark").toString(),
                "--backend", "cpu", "--threads", "1");
        assertThat(spark.code()).as(spark.err()).isZero();
        float[] a = weights(d.resolve("local/model.rnn4j"));
        float[] b = weights(d.resolve("spark/model.rnn4j"));
        double diff = maxAbsDiff(a, b);
        System.out.printf(Locale.ROOT, "quantile head [0.2, 0.5, 0.75] on local[2], sync, K=2: max |w - w_local| = %.3g%n",
                diff);
        assertThat(diff).isLessThan(TOLERANCE);
        assertThat(Files.readAllLines(d.resolve("spark/metrics.csv")).get(0))
                .isEqualTo(Files.readAllLines(d.resolve("local/metrics.csv")).get(0));
    }
}
