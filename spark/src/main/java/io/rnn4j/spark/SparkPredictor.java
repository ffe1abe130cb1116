package io.rnn4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.BackendRegistry;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.model.LayerKindRegistry;
import io.rnn4j.dsl.ExperimentLoader;
import io.rnn4j.runtime.ExperimentPreparer;
import io.rnn4j.runtime.ModelLoader;
import io.rnn4j.runtime.ModelService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * <p>The model archive, and the training file it re-derives its data pipeline from (see the README's
 * Training section), must be readable at the same local paths on every executor (a shared file system).
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
                m = new ModelLoader(new ExperimentPreparer(new ExperimentLoader(kinds), kinds), BackendRegistry.discover(cl))
                        .load(Path.of(model), backend, List.of());
            }
            ObjectMapper json = new ObjectMapper();
            List<Row> out = new ArrayList<>();
            try {
                while (rows.hasNext()) {
                    Tuple2<String, Long> r = rows.next();
                    if (r._1().isBlank()) {
                        continue;
                    }
                    long line = r._2() + 1;
                    JsonNode in;
                    try {
                        in = json.readTree(r._1());
                    } catch (JsonProcessingException e) {
                        throw new Rnn4jException("RNN4J-RUN-014", "input line " + line + ": not valid JSON: "
                                + e.getOriginalMessage() + ". Each line is one JSON object.");
                    }
                    out.add(RowFactory.create(line, json.writeValueAsString(ModelService.predict(m, in, (int) line))));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a prediction as JSON", e);
            } finally {
                pool.add(m);
            }
            return out.iterator();
        }
    }
}
