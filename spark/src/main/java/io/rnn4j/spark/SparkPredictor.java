package io.rnn4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.data.DataFiles;
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
 * {@code orderBy("line")} gives {@code predict}'s output line for line. {@code rnn4j predict --engine spark}
 * runs this over its {@code --input} file ({@link SparkEngine}).
 *
 * <pre>{@code
 * Dataset<Row> in = spark.read().text("hdfs:///inputs.jsonl");
 * Dataset<Row> out = SparkPredictor.predict(in, "value", "/shared/model.rnn4j", null);  // line, prediction
 * }</pre>
 *
 * <p>The model archive must be readable at the same path on every executor (a shared file system); it is
 * self-contained (no data file is read). Each executor JVM assembles rnn4j from the same Guice module as
 * the command line ({@link io.rnn4j.runtime.Rnn4jModule}, {@link ExecutorApp}); lines are parsed by the data
 * module's reader ({@link DataFiles#jsonValue}) and encoded by the model's pipeline exactly as by
 * {@code predict}, so a bad line fails with the same located error ({@code RNN4J-DATA-...} bad JSON, or the
 * pipeline's id for a record it refuses), naming its line. Records are predicted in batches in input order
 * within a partition (single-machine {@code predict} batches records of similar length together instead;
 * with masked padding a record's prediction does not depend on its batch, which the tests check). Blank
 * lines are skipped, as by {@code predict}.
 */
public final class SparkPredictor {
    private SparkPredictor() {
    }

    /** The output schema: the input's 1-based line number and the prediction as JSON text. */
    public static final StructType SCHEMA = new StructType().add("line", DataTypes.LongType, false)
            .add("prediction", DataTypes.StringType, false);

    /** Records per batch within a partition, unless given. */
    static final int BATCH = 64;

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
        JavaRDD<Row> out = predictInOrder(input, column, Path.of("<" + column + " column>"), model, backend, BATCH);
        return input.sparkSession().createDataFrame(out, SCHEMA);
    }

    /**
     * Rows {@code (line, prediction)} for every non-blank row, partition after partition in input order (so
     * {@code toLocalIterator()} gives them in order without a sort).
     *
     * @param source the input's name in error messages (its file)
     * @param batch  records per batch
     */
    static JavaRDD<Row> predictInOrder(Dataset<Row> input, String column, Path source, String model, String backend,
            int batch) {
        JavaRDD<Tuple2<String, Long>> lines = input.select(column).toJavaRDD().map(r -> r.isNullAt(0) ? "" : r.getString(0))
                .zipWithIndex().map(t -> new Tuple2<>(t._1(), t._2()));
        return lines.mapPartitions(new Partition(model, backend, source.toString(), batch));
    }

    /** Runs one partition through the executor's copy of the model. */
    static final class Partition implements FlatMapFunction<Iterator<Tuple2<String, Long>>, Row> {
        private static final long serialVersionUID = 1L;
        /** A valid input line, for messages (as {@code predict} gives it). */
        private static final String EXAMPLE = "{\"text\": \"great coffee\"} or {\"x\": [[0.1, 0.2], [0.3, 0.4]]}";
        private static final ConcurrentHashMap<String, Queue<ModelLoader.Loaded>> MODELS = new ConcurrentHashMap<>();
        private final String model;
        private final String backend;
        private final String source;
        private final int batch;

        Partition(String model, String backend, String source, int batch) {
            this.model = model;
            this.backend = backend;
            this.source = source;
            this.batch = batch;
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<String, Long>> rows) {
            String key = model + "|" + backend;
            Queue<ModelLoader.Loaded> pool = MODELS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
            ModelLoader.Loaded m = pool.poll();
            if (m == null) {
                m = ExecutorApp.modelLoader().load(Path.of(model), backend);
            }
            ObjectMapper json = new ObjectMapper();
            Path file = Path.of(source);
            List<Row> out = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            List<Map<String, Object>> records = new ArrayList<>();
            List<Tensor> inputs = new ArrayList<>();
            try {
                while (rows.hasNext()) {
                    Tuple2<String, Long> r = rows.next();
                    // the first line's byte-order mark, which predict's reader skips too
                    String text = r._2() == 0 && r._1().startsWith("\uFEFF") ? r._1().substring(1) : r._1();
                    if (text.isBlank()) {
                        continue;
                    }
                    long line = r._2() + 1;
                    Map<String, Object> record = record(file, text, line);
                    try {
                        inputs.add(m.prepared().pipeline().encode(record));
                    } catch (RecordException e) {
                        throw new Rnn4jException(e.id(), file + ":" + line + ": " + e.detail());
                    }
                    lines.add(line);
                    records.add(record);
                    if (records.size() == batch) {
                        flush(m, json, lines, records, inputs, out);
                    }
                }
                flush(m, json, lines, records, inputs, out);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a prediction as JSON", e);
            } catch (Rnn4jException e) {
                throw portable(e);
            } finally {
                pool.add(m);
            }
            return out.iterator();
        }

        /**
         * The same error as a plain {@link Rnn4jException}: Spark sends a failed task's exception to the driver
         * only when it serializes, and a located data error holds a {@code Path} (not serializable), so without
         * this the driver would get only the stage's message.
         */
        static Rnn4jException portable(Rnn4jException e) {
            String message = e.getMessage();
            String prefix = e.id() + ": ";
            return new Rnn4jException(e.id(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }

        /** The JSON object on a line, read as {@code predict} reads it. */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> record(Path file, String text, long line) {
            Object value = DataFiles.jsonValue(file, (int) line, text, EXAMPLE);
            if (!(value instanceof Map<?, ?> map)) {
                throw new Rnn4jException("RNN4J-RUN-014", file + ":" + line + ": expected a JSON object, found "
                        + (value instanceof List<?> ? "a list" : "the value " + text.strip()) + ". Each line is one object "
                        + "such as " + EXAMPLE + ".");
            }
            return (Map<String, Object>) map;
        }

        /** Predicts the gathered records as one batch, in input order. */
        private static void flush(ModelLoader.Loaded m, ObjectMapper json, List<Long> lines,
                List<Map<String, Object>> records, List<Tensor> inputs, List<Row> out) throws JsonProcessingException {
            if (records.isEmpty()) {
                return;
            }
            List<Map<String, Object>> results = ModelService.predictEncoded(m, records, inputs);
            for (int i = 0; i < results.size(); i++) {
                out.add(RowFactory.create(lines.get(i), json.writeValueAsString(results.get(i))));
            }
            lines.clear();
            records.clear();
            inputs.clear();
        }
    }
}
