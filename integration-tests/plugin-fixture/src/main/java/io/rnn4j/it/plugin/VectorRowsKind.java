package io.rnn4j.it.plugin;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.Output;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.SplitSource;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.MatrixView;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.BatchSource;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A third-party data kind written against rnn4j's core SPI only: CSV rows of fixed-length vectors with a
 * class label. It loads (with file and line in its errors), batches, stores its labels and width in the
 * model archive and restores them, encodes {@code {"values": [...]}} records and decodes class
 * probabilities; rnn4j's modules know nothing of it.
 */
public final class VectorRowsKind implements DataKind<VectorRowsData> {

    /** Used by {@link java.util.ServiceLoader}. */
    public VectorRowsKind() {
    }

    @Override
    public String id() {
        return "vector_rows";
    }

    @Override
    public Class<VectorRowsData> specType() {
        return VectorRowsData.class;
    }

    @Override
    public String description() {
        return "A CSV whose rows are fixed-length vectors with a class label (a plugin's data kind).";
    }

    @Override
    public ValueType inputType(VectorRowsData spec) {
        return ValueType.sequence(1);
    }

    @Override
    public Optional<OutputKind> outputKind(VectorRowsData spec) {
        return Optional.of(OutputKind.CLASS);
    }

    @Override
    public Set<MetricKind> defaultMetrics(VectorRowsData spec) {
        return EnumSet.of(MetricKind.ACCURACY);
    }

    /** One example: a vector and its class. */
    private record Row(float[] values, int label) {
    }

    @Override
    public LoadedData load(VectorRowsData spec, DataContext context) {
        return read(spec, context, null);
    }

    @Override
    public LoadedData loadWith(VectorRowsData spec, DataContext context, DataPipeline fitted) {
        return read(spec, context, (Pipeline) fitted);
    }

    private LoadedData read(VectorRowsData spec, DataContext context, Pipeline fitted) {
        Path train = context.resolve(spec.train());
        List<String[]> raw = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        String[] header = readCsv(train, raw, lineOf);
        int labelColumn = List.of(header).indexOf(spec.label());
        if (labelColumn < 0) {
            throw new Rnn4jException("PLUGIN-VR-001", train + ":1: no column \"" + spec.label() + "\" among "
                    + String.join(", ", header) + "; set data.label to the label column");
        }
        List<String> labels = fitted != null ? fitted.labels : new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String[] r = raw.get(i);
            if (r.length != header.length) {
                throw new Rnn4jException("PLUGIN-VR-002", train + ":" + lineOf.get(i) + ": " + r.length + " columns, the "
                        + "header has " + header.length + "; give every row the same columns");
            }
            float[] v = new float[header.length - 1];
            int k = 0;
            for (int c = 0; c < r.length; c++) {
                if (c == labelColumn) {
                    continue;
                }
                try {
                    v[k++] = Float.parseFloat(r[c].trim());
                } catch (NumberFormatException e) {
                    throw new Rnn4jException("PLUGIN-VR-003", train + ":" + lineOf.get(i) + ":" + (c + 1) + ": '" + r[c]
                            + "' in column " + header[c] + " is not a number");
                }
            }
            String label = r[labelColumn].trim();
            if (!labels.contains(label)) {
                if (fitted != null) {
                    throw new Rnn4jException("PLUGIN-VR-004", train + ":" + lineOf.get(i) + ": label '" + label
                            + "' is not one the model knows (" + labels + ")");
                }
                labels.add(label);
            }
            rows.add(new Row(v, labels.indexOf(label)));
        }
        int width = header.length - 1;
        Pipeline pipeline = fitted != null ? fitted : new Pipeline(width, labels);
        if (pipeline.width != width) {
            throw new Rnn4jException("PLUGIN-VR-005", train + ":1: rows have " + width + " values, the model takes "
                    + pipeline.width);
        }
        Map<Split, List<Row>> splits = new EnumMap<>(Split.class);
        int n = rows.size();
        int test = count(spec.test(), n);
        int validation = count(spec.validation(), n - test);
        splits.put(Split.TRAIN, rows.subList(0, n - test - validation));
        splits.put(Split.VALIDATION, rows.subList(n - test - validation, n - test));
        splits.put(Split.TEST, rows.subList(n - test, n));
        return new Loaded(pipeline, splits);
    }

    private static int count(SplitSource s, int n) {
        return s == null || s.fraction() == null ? 0 : (int) Math.round(s.fraction() * n);
    }

    private static String[] readCsv(Path file, List<String[]> rows, List<Integer> lineOf) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Rnn4jException("PLUGIN-VR-000", "cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new Rnn4jException("PLUGIN-VR-000", file + " is empty; it needs a header line");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(lines.get(i).split(",", -1));
                lineOf.add(i + 1);
            }
        }
        return lines.get(0).split(",", -1);
    }

    @Override
    public DataPipeline restore(VectorRowsData spec, Map<String, byte[]> stored, String source) {
        byte[] b = stored.get("vector_rows.txt");
        if (b == null) {
            throw new Rnn4jException("PLUGIN-VR-006", source + "vector_rows.txt is missing");
        }
        String[] lines = new String(b, StandardCharsets.UTF_8).split("\n");
        return new Pipeline(Integer.parseInt(lines[0]), new ArrayList<>(List.of(lines).subList(1, lines.length)));
    }

    /** The loaded rows. */
    private static final class Loaded implements LoadedData {
        private final Pipeline pipeline;
        private final Map<Split, List<Row>> splits;

        Loaded(Pipeline pipeline, Map<Split, List<Row>> splits) {
            this.pipeline = pipeline;
            this.splits = splits;
        }

        @Override
        public DataPipeline pipeline() {
            return pipeline;
        }

        @Override
        public int size(Split split) {
            return splits.get(split).size();
        }

        @Override
        public BatchSource batches(Split split, BatchPlan plan) {
            List<Row> rows = splits.get(split);
            List<TrainBatch> out = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += plan.batchSize()) {
                List<Row> b = rows.subList(from, Math.min(rows.size(), from + plan.batchSize()));
                float[] x = new float[b.size() * pipeline.width];
                float[] y = new float[b.size()];
                for (int i = 0; i < b.size(); i++) {
                    System.arraycopy(b.get(i).values(), 0, x, i * pipeline.width, pipeline.width);
                    y[i] = b.get(i).label();
                }
                out.add(TrainBatch.of(Flow.sequences(Tensor.of(x, b.size(), pipeline.width, 1)), Tensor.of(y, b.size())));
            }
            return BatchSource.of(out);
        }

        @Override
        public TaskReport report(Split split, ReportContext context) {
            return TaskReport.none(split);
        }
    }

    /** Width and labels: everything a model of this kind needs. */
    private static final class Pipeline implements DataPipeline {
        private final int width;
        private final List<String> labels;

        Pipeline(int width, List<String> labels) {
            this.width = width;
            this.labels = List.copyOf(labels);
        }

        @Override
        public ValueType inputType() {
            return ValueType.sequence(1);
        }

        @Override
        public DataFacts facts() {
            return new DataFacts(labels.size(), DataFacts.UNKNOWN, DataFacts.UNKNOWN);
        }

        @Override
        public Output output() {
            return new Output(OutputKind.CLASS, labels.size());
        }

        @Override
        public Map<String, byte[]> store() {
            return Map.of("vector_rows.txt", (width + "\n" + String.join("\n", labels)).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.ACCURACY);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            if (!(record.get("values") instanceof List<?> values) || record.size() != 1) {
                throw new RecordException("expected {\"values\": [" + width + " numbers]}, found the fields "
                        + record.keySet());
            }
            if (values.size() != width) {
                throw new RecordException("\"values\" has " + values.size() + " numbers, the model takes " + width);
            }
            float[] x = new float[width];
            for (int i = 0; i < width; i++) {
                if (!(values.get(i) instanceof Number n)) {
                    throw new RecordException("values[" + i + "] must be a number, found " + values.get(i));
                }
                x[i] = n.floatValue();
            }
            return Tensor.of(x, width, 1);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            float[] logits = output.toArray();
            float[] p = new float[logits.length];
            backend.softmaxRows(MatrixView.of(logits, 1, logits.length), MatrixView.of(p, 1, p.length));
            int best = 0;
            Map<String, Float> probs = new LinkedHashMap<>();
            for (int i = 0; i < p.length; i++) {
                probs.put(labels.get(i), p[i]);
                best = p[i] > p[best] ? i : best;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", labels.get(best));
            r.put("probabilities", probs);
            return r;
        }
    }
}
