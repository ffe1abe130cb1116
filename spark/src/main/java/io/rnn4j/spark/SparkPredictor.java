package io.rnn4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.data.DataKindRegistry;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Batch inference on Spark: maps a {@code Dataset<Row>} of JSON Lines inputs (one {@code {"text": ...}}
 * or {@code {"x": ...}} object per row, as {@code spark.read().text(path)} gives them in its
 * {@code value} column) to the model's predictions, the same JSON that single-machine
 * {@code rnn4j predict} writes for each line. Each executor opens the model once (per concurrent task)
 * and runs its partitions through it; rows keep their order and their 1-based line numbers, so
 * {@code orderBy("line")} gives {@code predict}'s output line for line.
 *
 * <pre>{@code
 * Dataset<Row> in = spark.read().text("hdfs:///inputs.jsonl");
 * Dataset<Row> out = SparkPredictor.predict(in, "value", "/shared/model.rnn4j", null);  // line, prediction
 * }</pre>
 *
 * <p>The model archive must be readable at the same path on every executor (a shared file system); it is
 * self-contained (no data file is read). Records are predicted in batches of 64 in input order within a
 * partition (single-machine {@code predict} batches records of similar length together instead; with
 * masked padding a record's prediction does not depend on its batch, which the test checks).
 * Blank lines are skipped, as by {@code predict}; a line that is not JSON fails with
 * {@code RNN4J-RUN-014} naming its line number.
 */
public final class SparkPredictor {
    private SparkPredictor() {
    }

    /** The output schema: the input's 1-based line number and the prediction as JSON text. */
    public static final StructType SCHEMA = new StructType().add("line", DataTypes.LongType, false)
            .add("prediction", DataTypes.StringType, false);

    /**
     * Predictions for every non-blank row.
     *
     * @param input   the inputs
     * @param column  the string column holding one JSON object per row ({@code value} for the text source)
     * @param model   the model archive's path, readable on every executor
     * @param backend a backend id, or {@code null} for the registry's choice on each executor
     * @return rows {@code (line, prediction)} in input order
     */
    public static Dataset<Row> predict(Dataset<Row> input, String column, String model, String backend) {
        JavaRDD<Tuple2<String, Long>> lines = input.select(column).toJavaRDD().map(r -> r.isNullAt(0) ? "" : r.getString(0))
                .zipWithIndex().map(t -> new Tuple2<>(t._1(), t._2()));
        JavaRDD<Row> out = lines.mapPartitions(new Partition(model, backend));
        return input.sparkSession().createDataFrame(out, SCHEMA);
    }

    /** Runs one partition through the executor's copy of the model. */
    static final class Partition implements FlatMapFunction<Iterator<Tuple2<String, Long>>, Row> {
        private static final long serialVersionUID = 1L;
        /** Records per batch within a partition. */
        static final int BATCH = 64;
        private static final ConcurrentHashMap<String, Queue<ModelLoader.Loaded>> MODELS = new ConcurrentHashMap<>();
        private final String model;
        private final String backend;

        Partition(String model, String backend) {
            this.model = model;
            this.backend = backend;
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<String, Long>> rows) {
            String key = model + "|" + backend;
            Queue<ModelLoader.Loaded> pool = MODELS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
            ModelLoader.Loaded m = pool.poll();
            if (m == null) {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                LayerKindRegistry kinds = LayerKindRegistry.discover(cl);
                m = new ModelLoader(new ExperimentPreparer(new ExperimentLoader(kinds, DataKindRegistry.discover(cl)), kinds),
                        BackendRegistry.discover(cl)).load(Path.of(model), backend);
            }
            ObjectMapper json = new ObjectMapper();
            List<Row> out = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            List<Map<String, Object>> records = new ArrayList<>();
            try {
                while (rows.hasNext()) {
                    Tuple2<String, Long> r = rows.next();
                    if (r._1().isBlank()) {
                        continue;
                    }
                    long line = r._2() + 1;
                    lines.add(line);
                    records.add(record(json, r._1(), line));
                    if (records.size() == BATCH) {
                        flush(m, json, lines, records, out);
                    }
                }
                flush(m, json, lines, records, out);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a prediction as JSON", e);
            } finally {
                pool.add(m);
            }
            return out.iterator();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> record(ObjectMapper json, String text, long line) {
            Object value;
            try {
                value = json.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new Rnn4jException("RNN4J-RUN-014", "input line " + line + ": not valid JSON: "
                        + e.getOriginalMessage() + ". Each line is one JSON object.");
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new Rnn4jException("RNN4J-RUN-014", "input line " + line + ": expected a JSON object such as "
                        + "{\"text\": \"great coffee\"} or {\"x\": [[0.1, 0.2]]}, found " + text.strip());
            }
            return (Map<String, Object>) map;
        }

        /** Predicts the gathered records as one batch, in input order. */
        private static void flush(ModelLoader.Loaded m, ObjectMapper json, List<Long> lines,
                List<Map<String, Object>> records, List<Row> out) throws JsonProcessingException {
            if (records.isEmpty()) {
                return;
            }
            List<Map<String, Object>> results = ModelService.predict(m, records);
            for (int i = 0; i < results.size(); i++) {
                out.add(RowFactory.create(lines.get(i), json.writeValueAsString(results.get(i))));
            }
            lines.clear();
            records.clear();
        }
    }
}
