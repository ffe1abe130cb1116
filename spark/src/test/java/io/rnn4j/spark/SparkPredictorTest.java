package io.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.ExperimentRunner;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch inference on {@code local[2]} over 3 partitions equals single-machine {@code predict} (the
 * function the CLI calls per line) line for line, blank lines skipped with their numbers kept.
 */
class SparkPredictorTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("rnn4j-spark-predict-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String sequence(RandomSource r, boolean withLabel) {
        return TestLines.sequence(r, 2, 5, 2, withLabel ? new String[] {"0", "1"} : null);
    }

    @Test
    void predictionsOnSparkEqualSingleMachinePredictLineForLine(@TempDir Path dir) throws Exception {
        RandomSource r = new RandomSource(3);
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            train.add(sequence(r, true));
        }
        Files.write(dir.resolve("train.jsonl"), train, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("experiment.yaml"), """
                version: 1
                name: spark-predict
                seed: 5
                data: {type: sequences, train: train.jsonl, validation: 0.1}
                model:
                  layers: [{lstm: {units: 4}}]
                  head: {many_to_one: {}}
                training: {epochs: 2, batch_size: 16}
                """, StandardCharsets.UTF_8);
        ClassLoader cl = getClass().getClassLoader();
        LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
        ExperimentPreparer preparer = new ExperimentPreparer(new ExperimentLoader(kinds,
                io.rnn4j.core.data.DataKindRegistry.discover(cl)), kinds);
        ExperimentRunner.TrainOutcome trained = new ExperimentRunner(preparer, BackendRegistry.discover(cl))
                .train(dir.resolve("experiment.yaml"), new ExperimentRunner.TrainOptions(dir.resolve("out"), "cpu",
                        List.of(), 1, List.of()));
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            inputs.add(i == 7 ? "" : sequence(r, false));
        }
        Path input = dir.resolve("inputs.jsonl");
        Files.write(input, inputs, StandardCharsets.UTF_8);

        List<String> expected = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (ModelLoader.Loaded m = new ModelLoader(preparer, BackendRegistry.discover(cl)).load(trained.archive(), "cpu")) {
            for (int i = 0; i < inputs.size(); i++) { // one record per batch: nothing shared with the Spark batches
                if (!inputs.get(i).isBlank()) {
                    @SuppressWarnings("unchecked")
                    java.util.Map<String, Object> record = json.readValue(inputs.get(i), java.util.Map.class);
                    expected.add((i + 1) + " " + json.writeValueAsString(ModelService.predict(m, List.of(record)).get(0)));
                }
            }
        }
        // three partitions of the text file, as a large input would be split
        org.apache.spark.sql.Dataset<Row> lines = spark.createDataset(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .textFile(input.toString(), 3).rdd(), Encoders.STRING()).toDF("value");
        assertThat(lines.rdd().getNumPartitions()).isGreaterThanOrEqualTo(3);
        List<String> got = SparkPredictor.predict(lines, "value", trained.archive().toString(), "cpu")
                .orderBy("line").collectAsList().stream().map((Row row) -> row.getLong(0) + " " + row.getString(1)).toList();

        assertThat(expected).hasSize(24).allMatch(l -> l.contains("\"y\""));
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(got).noneMatch(l -> l.startsWith("8 "));

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, inputs.get(0) + "\n{oops\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SparkPredictor.predict(spark.read().text(bad.toString()), "value",
                trained.archive().toString(), "cpu").collectAsList())
                .hasStackTraceContaining("RNN4J-DATA-006: bad JSON in <value column>, line 2, column 2");
    }
}
