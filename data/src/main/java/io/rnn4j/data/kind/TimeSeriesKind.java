package io.rnn4j.data.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.ForecastStep;
import io.rnn4j.core.data.OutputKind;
import io.rnn4j.core.data.RecordException;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.Forecaster;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.Batch;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batcher;
import io.rnn4j.data.Batches;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.ForecastErrors;
import io.rnn4j.data.Input;
import io.rnn4j.data.SeasonalNaive;
import io.rnn4j.data.SeriesTransform;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.TimeSeriesSpec;
import io.rnn4j.data.internal.Json;
import io.rnn4j.data.internal.TimeSeriesLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code type: time_series}: a CSV cut into windows; forecasts in original units. Its pipeline is a
 * {@link Forecaster}: it stores the end of the series (the last {@code lookback + difference} rows and
 * the time column), so {@code generate --horizon} needs no data file.
 */
public final class TimeSeriesKind implements DataKind<TimeSeriesData> {
    private static final String TAIL = "series_end.json";
    private static final String TAIL_FORMAT = "rnn4j-series-end";

    /** Used by {@link java.util.ServiceLoader}. */
    public TimeSeriesKind() {
    }

    @Override
    public String id() {
        return "time_series";
    }

    @Override
    public Class<TimeSeriesData> specType() {
        return TimeSeriesData.class;
    }

    @Override
    public String description() {
        return "A CSV of rows in time order, cut into sliding windows (lookback in, horizon out).";
    }

    @Override
    public ValueType inputType(TimeSeriesData spec) {
        return ValueType.sequence(spec.features().isEmpty() ? spec.targets().size() : spec.features().size());
    }

    @Override
    public Optional<OutputKind> outputKind(TimeSeriesData spec) {
        return Optional.of(OutputKind.VALUES);
    }

    @Override
    public int sequenceLength(TimeSeriesData spec) {
        return spec.lookback();
    }

    @Override
    public Set<MetricKind> defaultMetrics(TimeSeriesData spec) {
        return EnumSet.of(MetricKind.MAE, MetricKind.RMSE);
    }

    @Override
    public LoadedData load(TimeSeriesData spec, DataContext context) {
        TimeSeriesDataset ts = TimeSeriesLoader.load(new TimeSeriesSpec(Splits.of(spec, context),
                Optional.ofNullable(spec.time()), spec.features(), spec.targets(), spec.lookback(), spec.horizon(),
                spec.stride(), spec.normalize(), spec.transform(), spec.difference()));
        Pipeline p = new Pipeline(spec, ts);
        return new ExampleData(ts, p, (split, ctx) -> report(spec, ts, split, ctx));
    }

    @Override
    public LoadedData loadWith(TimeSeriesData spec, DataContext context, DataPipeline fitted) {
        return Refit.checked(load(spec, context), fitted);
    }

    @Override
    public DataPipeline restore(TimeSeriesData spec, Map<String, byte[]> stored, String source) {
        DataSchema schema = SchemaPipeline.restoreSchema(stored, source);
        JsonNode n = Json.read(SchemaPipeline.text(stored, TAIL, source), source + TAIL, TAIL_FORMAT, "end of the series");
        Map<String, double[]> columns = new LinkedHashMap<>();
        n.path("columns").fields().forEachRemaining(e -> {
            double[] v = new double[e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getValue().get(i).asDouble();
            }
            columns.put(e.getKey(), v);
        });
        List<String> times = SchemaPipeline.strings(n.path("times"));
        Dataset none = Dataset.of(id(), List.of(), List.of(), List.of(), schema);
        TimeSeriesDataset ts = new TimeSeriesDataset(none, new java.util.EnumMap<>(Split.class), schema.normalization().orElseThrow(), spec.horizon(),
                spec.transform(), spec.difference(), spec.lookback(), columns, times);
        return new Pipeline(spec, ts);
    }

    /**
     * The model's forecasts and the actual values of every window, in original units, against the
     * seasonal-naive baseline. Each forecast is inverted with its window's past (de-normalize,
     * un-difference, undo the transform); the actual values are read from the split's series.
     */
    private static TaskReport report(TimeSeriesData spec, TimeSeriesDataset ts, Split split, ReportContext ctx) {
        List<Example> examples = ts.split(split);
        List<float[]> predicted = new ArrayList<>();
        List<float[]> actual = new ArrayList<>();
        for (Batch batch : new Batcher(BatchOptions.evaluation(64)).epoch(examples, 0)) {
            TrainBatch b = Batches.toTrainBatch(batch);
            int[] indices = batch.indices();
            Tensor out = ctx.predict(b.input()).values();
            int n = out.size() / b.size();
            for (int i = 0; i < b.size(); i++) {
                Example window = examples.get(indices[i]);
                float[] pr = new float[n];
                for (int j = 0; j < n; j++) {
                    pr[j] = out.getFlat(i * n + j);
                }
                predicted.add(ts.toOriginalUnits(split, window, pr));
                actual.add(ts.originalTargets(split, window));
            }
        }
        float[] pAll = flatten(predicted);
        float[] aAll = flatten(actual);
        ForecastErrors model = ForecastErrors.of(pAll, aAll);
        ForecastErrors baseline = new SeasonalNaive(spec.season()).evaluate(ts, split);
        return new Reports.Forecast(split, model.rmse(), model.mae(), baseline.rmse(), baseline.mae(),
                "seasonal naive, season " + spec.season(), model.rmse() < baseline.rmse(), pAll, aAll);
    }

    private static float[] flatten(List<float[]> rows) {
        int n = rows.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int k = 0;
        for (float[] a : rows) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return out;
    }

    /** A raw window in, a forecast in original units out; forecasts beyond the end of the data. */
    static final class Pipeline extends SchemaPipeline implements Forecaster {
        private final TimeSeriesData spec;
        private final TimeSeriesDataset ts;

        Pipeline(TimeSeriesData spec, TimeSeriesDataset ts) {
            super(ts.schema());
            this.spec = spec;
            this.ts = ts;
        }

        @Override
        public Map<String, byte[]> store() {
            Map<String, byte[]> out = new LinkedHashMap<>(super.store());
            var end = ts.endOfData(Math.max(2, spec.lookback() + spec.difference()));
            ObjectNode n = Json.header(TAIL_FORMAT);
            ObjectNode cols = n.putObject("columns");
            end.getKey().forEach((k, v) -> {
                ArrayNode a = cols.putArray(k);
                for (double d : v) {
                    a.add(d);
                }
            });
            ArrayNode t = n.putArray("times");
            end.getValue().forEach(t::add);
            out.put(TAIL, bytes(Json.write(n)));
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.MAE, MetricKind.RMSE);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            if (spec.difference() > 0 || spec.transform() != SeriesTransform.NONE) {
                throw new RecordException("RNN4J-RUN-019", "this forecaster was trained on a transformed "
                        + "series (transform: " + spec.transform().name().toLowerCase(Locale.ROOT) + ", difference: "
                        + spec.difference() + "), so a raw window in \"x\" cannot be fed to it as is. Forecast from the end "
                        + "of the data with 'rnn4j generate MODEL --horizon N', or train with difference: 0 and no transform "
                        + "to predict from raw windows.");
            }
            List<String> features = schema().featureNames();
            int w = features.size();
            String example = "{\"x\": [[" + String.join(", ", features.stream().map(f -> "<" + f + ">").toList())
                    + "], ...]} with " + spec.lookback() + " steps";
            Records.onlyFields(record, Set.of("x"), example);
            Tensor raw = Records.features(record, "x", w, example);
            float[] x = raw.toArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = ts.normalization().apply(features.get(i % w), x[i]);
            }
            return Tensor.of(x, raw.dim(0), w);
        }

        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend) {
            return Decoding.values(ts.toOriginalUnits(output.toArray()));
        }

        @Override
        public int horizon() {
            return ts.horizon();
        }

        @Override
        public List<ForecastStep> forecast(int horizon, UnaryOperator<Flow> model) {
            int own = ts.horizon();
            if (horizon < 1) {
                throw new Rnn4jException("RNN4J-RUN-018", "--horizon must be at least 1 step, got " + horizon);
            }
            if (horizon > own && !ts.canRollForward()) {
                List<String> unknown = ts.schema().featureNames().stream().filter(f -> !ts.targets().contains(f)).toList();
                throw new Rnn4jException("RNN4J-RUN-018", "--horizon " + horizon + " is longer than the " + own + " steps this "
                        + "model forecasts at once, and the forecast cannot be rolled forward: the input "
                        + (unknown.size() == 1 ? "feature " : "features ") + String.join(", ", unknown) + " "
                        + (unknown.size() == 1 ? "is" : "are") + " not forecast (targets: " + String.join(", ", ts.targets())
                        + "), so " + (unknown.size() == 1 ? "its values" : "their values") + " after the end of the data are "
                        + "unknown. The largest horizon possible is " + own + "; for longer forecasts train with "
                        + "`horizon: " + horizon + "` or with the features equal to the targets");
            }
            int k = ts.targets().size();
            float[] done = new float[0];
            while (done.length < horizon * k) {
                Example window = ts.forecastWindow(done);
                Input.Features in = (Input.Features) window.input();
                Tensor x = Tensor.of(in.values(), 1, in.steps(), in.width());
                float[] next = ts.forecastToOriginalUnits(done, model.apply(Flow.sequences(x)).values().toArray());
                for (int i = 0; i < next.length; i++) {
                    if (!Float.isFinite(next[i])) {
                        throw new Rnn4jException("RNN4J-RUN-018", "the model's forecast of " + ts.targets().get(i % k)
                                + " at step " + (done.length / k + i / k + 1) + " is " + next[i] + ", not a finite number; "
                                + "its weights may have diverged during training. Retrain it (a lower learning rate, clip_norm)");
                    }
                }
                float[] more = Arrays.copyOf(done, done.length + next.length);
                System.arraycopy(next, 0, more, done.length, next.length);
                done = more;
            }
            List<String> labels = ts.futureLabels(horizon);
            List<ForecastStep> out = new ArrayList<>(horizon);
            for (int h = 0; h < horizon; h++) {
                Map<String, Float> values = new LinkedHashMap<>();
                for (int j = 0; j < k; j++) {
                    values.put(ts.targets().get(j), done[h * k + j]);
                }
                out.add(new ForecastStep(labels.get(h), values));
            }
            return out;
        }
    }
}
