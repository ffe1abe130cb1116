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
import io.rnn4j.core.loss.DistributionLoss;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.Backtester;
import io.rnn4j.core.spi.OriginalUnits;
import io.rnn4j.core.spi.DataContext;
import io.rnn4j.core.spi.DataKind;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.Forecaster;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.Batch;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batcher;
import io.rnn4j.data.Batches;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Dataset;
import io.rnn4j.data.Example;
import io.rnn4j.data.ForecastEvaluation;
import io.rnn4j.data.SeriesFit;
import io.rnn4j.data.SeriesLayout;
import io.rnn4j.data.ValueTransform;
import java.time.LocalDate;
import java.util.HashSet;
import io.rnn4j.data.Input;
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
    private static final String TRANSFORMS = "transforms.json";

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
        TimeSeriesSpec tss = specOf(spec, context);
        return loaded(spec, tss, TimeSeriesLoader.load(tss));
    }

    /** A forecaster learns normalized, transformed, differenced targets and is judged in original units. */
    @Override
    public boolean scoresInOriginalUnits(TimeSeriesData spec) {
        return true;
    }

    /**
     * The files read with the model's stored transforms and normalization, refitting nothing: the same
     * windows get the same inputs, and so the same figures, as when the model was trained (a separate
     * {@code evaluate --data} file used to re-split the training file and re-fit the normalization on it).
     */
    @Override
    public LoadedData loadWith(TimeSeriesData spec, DataContext context, DataPipeline fitted) {
        Map<String, byte[]> stored = fitted.store();
        String source = "the model's data/";
        DataSchema schema = SchemaPipeline.restoreSchema(stored, source);
        SeriesFit fit = new SeriesFit(SeriesFit.transformsFromJson(SchemaPipeline.text(stored, TRANSFORMS, source),
                source + TRANSFORMS), schema.normalization().orElseThrow());
        TimeSeriesSpec tss = specOf(spec, context);
        return loaded(spec, tss, TimeSeriesLoader.load(tss, fit));
    }

    /**
     * The file alone, prepared with what the model's archive stores (transforms, normalization, holidays): no
     * other file is read, so a model moved away from its training data evaluates on any file of the right
     * shape, with the figures {@link #loadWith} gives for that file as the test split. The MASE scale and the
     * naive and seasonal-naive baselines come from the file's own rows before each window, as they do there.
     * The file's windows are in memory (its report needs the whole series); they are batched window by window.
     */
    @Override
    public Optional<io.rnn4j.core.spi.StreamedSplit> stream(TimeSeriesData spec, DataContext context, DataPipeline fitted,
            java.nio.file.Path file, int window) {
        TimeSeriesDataset stored = ((Pipeline) fitted).ts;
        TimeSeriesDataset ts;
        try {
            ts = TimeSeriesLoader.loadTest(specOf(spec, context), stored.fit(), stored.layout().holidays(), file);
        } catch (IllegalArgumentException e) {
            throw new Rnn4jException("RNN4J-DATA-153", file + ": cannot be prepared as the model's data: " + e.getMessage()
                    + ". Retrain the model with this rnn4j.");
        }
        return Optional.of(ExampleStream.held(ts.test(), ctx -> report(spec, ts, Split.TEST, ctx), window));
    }

    private LoadedData loaded(TimeSeriesData spec, TimeSeriesSpec tss, TimeSeriesDataset ts) {
        Pipeline p = new Pipeline(spec, ts);
        return new ExampleData(ts, p, (split, ctx) -> report(spec, ts, split, ctx), new Capabilities(spec, tss, ts));
    }

    /** What loaded series data offers besides batches: backtests, and forecasts in original units for the trainer. */
    private final class Capabilities implements Backtester, OriginalUnits {
        private final TimeSeriesData spec;
        private final TimeSeriesSpec tss;
        private final TimeSeriesDataset ts;

        Capabilities(TimeSeriesData spec, TimeSeriesSpec tss, TimeSeriesDataset ts) {
            this.spec = spec;
            this.tss = tss;
            this.ts = ts;
        }

        private List<Example> origins(Split split, int origins, int step) {
            try {
                return io.rnn4j.data.Backtest.origins(ts, split, origins, step);
            } catch (IllegalArgumentException e) {
                throw new Rnn4jException("RNN4J-RUN-034", e.getMessage());
            }
        }

        @Override
        public TaskReport backtest(Split split, int origins, int step, ReportContext ctx) {
            List<Example> windows = origins(split, origins, step);
            return Reports.Backtest.of(split, step, "never", 0, evaluate(spec, ts, split, windows, ctx));
        }

        @Override
        public TaskReport backtest(Split split, int origins, int step, int every, Backtester.Refit refit) {
            if (every < 1) {
                throw new Rnn4jException("RNN4J-RUN-034", "--refit " + every + ": refit every N origins needs N of at "
                        + "least 1 (or 'every', or 'never')");
            }
            List<Example> windows = origins(split, origins, step);
            Map<Integer, float[]> raw = new java.util.HashMap<>();
            Map<Integer, java.util.function.UnaryOperator<float[]>> inverse = new java.util.HashMap<>();
            ReportContext model = null;
            TimeSeriesDataset fitted = null;
            int models = 0;
            for (int f = 0; f < windows.size(); f++) {
                int origin = windows.get(f).origin();
                if (f % every == 0) {
                    // the rows before the origin alone, transforms and normalization fitted on them: a new model's view
                    TimeSeriesDataset upTo;
                    try {
                        upTo = TimeSeriesLoader.loadUpTo(tss, origin);
                    } catch (IllegalArgumentException e) {
                        throw new Rnn4jException("RNN4J-RUN-034", "--refit: " + e.getMessage() + "; backtest with "
                                + "--refit never, or make validation and test fractions of one file");
                    }
                    model = refit.train(loaded(spec, tss, upTo), f);
                    fitted = TimeSeriesLoader.load(tss, upTo.fit()); // every window prepared with that fit
                    models++;
                }
                TimeSeriesDataset data = fitted;
                Example window = data.split(split).stream().filter(e -> e.origin() == origin).findFirst().orElseThrow(() ->
                        new IllegalStateException("no window at row " + origin + " in the refitted " + split + " split"));
                raw.put(origin, outputs(List.of(window), model).get(0));
                inverse.put(origin, v -> data.toOriginalUnits(split, window, v));
            }
            String mode = every == 1 ? "every" : Integer.toString(every);
            ForecastEvaluation e = ForecastEvaluation.of(ts, split, windows,
                    ws -> ws.stream().map(w -> raw.get(w.origin())).toList(),
                    (w, v) -> inverse.get(w.origin()).apply(v), model.distribution(), spec.season(), ts.series(split).times());
            return Reports.Backtest.of(split, step, mode, models, e);
        }

        @Override
        public Forecasts forecasts(Split split, ReportContext model) {
            List<Example> windows = ts.split(split);
            float[][][] pa = ForecastEvaluation.pointsAndActuals(ts, split, windows, outputs(windows, model),
                    model.distribution());
            int n = windows.size();
            int m = n == 0 ? 0 : pa[0][0].length;
            float[] predicted = new float[n * m];
            float[] actual = new float[n * m];
            for (int i = 0; i < n; i++) {
                System.arraycopy(pa[0][i], 0, predicted, i * m, m);
                System.arraycopy(pa[1][i], 0, actual, i * m, m);
            }
            return new Forecasts(Tensor.of(predicted, n, m), Tensor.of(actual, n, m));
        }
    }

    private static TimeSeriesSpec specOf(TimeSeriesData spec, DataContext context) {
        return new TimeSeriesSpec(Splits.of(spec, context), Optional.ofNullable(spec.time()), spec.features(),
                spec.targets(), spec.lookback(), spec.horizon(), spec.stride(), spec.normalize(), spec.transform(),
                spec.boxCoxLambda() == null ? Double.NaN : spec.boxCoxLambda(), TimeSeriesData.lags(spec.difference()),
                spec.pastCovariates(), spec.futureCovariates(), spec.calendar(),
                Optional.ofNullable(spec.holidays()).map(h -> context.resolve(h)));
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
        Set<LocalDate> holidays = new HashSet<>();
        for (String h : SchemaPipeline.strings(n.path("holidays"))) {
            holidays.add(LocalDate.parse(h));
        }
        Map<String, ValueTransform> transforms = SeriesFit.transformsFromJson(
                SchemaPipeline.text(stored, TRANSFORMS, source), source + TRANSFORMS);
        SeriesLayout layout = new SeriesLayout(spec.features().isEmpty() ? spec.targets() : spec.features(), spec.targets(),
                spec.pastCovariates(), spec.futureCovariates(), spec.calendar(), holidays, transforms,
                TimeSeriesData.lags(spec.difference()), spec.lookback(), spec.horizon());
        Dataset none = Dataset.of(id(), List.of(), List.of(), List.of(), schema);
        TimeSeriesDataset ts = new TimeSeriesDataset(none, new java.util.EnumMap<>(Split.class),
                schema.normalization().orElseThrow(), layout, columns, times);
        return new Pipeline(spec, ts);
    }

    /**
     * The model's forecasts of every window of {@code split} in original units (each inverted with its
     * window's past: de-normalize, un-difference, undo the transform) against the naive and
     * seasonal-naive forecasts from the same origins, with intervals for a probabilistic model.
     */
    static TaskReport report(TimeSeriesData spec, TimeSeriesDataset ts, Split split, ReportContext ctx) {
        ForecastEvaluation e = evaluate(spec, ts, split, ts.split(split), ctx);
        return Reports.Forecast.of(e);
    }

    /** {@link ForecastEvaluation} of {@code windows} of {@code split}, batched through the model. */
    static ForecastEvaluation evaluate(TimeSeriesData spec, TimeSeriesDataset ts, Split split, List<Example> windows,
            ReportContext ctx) {
        return ForecastEvaluation.of(ts, split, windows, ws -> outputs(ws, ctx), ctx.distribution(), spec.season(),
                ts.series(split).times());
    }

    /** The model's raw output rows for {@code windows}, in order. */
    static List<float[]> outputs(List<Example> windows, ReportContext ctx) {
        float[][] rows = new float[windows.size()][];
        for (Batch batch : new Batcher(BatchOptions.evaluation(64)).epoch(windows, 0)) {
            TrainBatch b = Batches.toTrainBatch(batch);
            int[] indices = batch.indices();
            Tensor out = ctx.predict(b.input()).values();
            int n = out.size() / b.size();
            float[] all = out.toArray(); // one bulk read of the batch's outputs
            for (int i = 0; i < b.size(); i++) {
                rows[indices[i]] = Arrays.copyOfRange(all, i * n, (i + 1) * n);
            }
        }
        return Arrays.asList(rows);
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
            var end = ts.endOfData(Math.max(2, spec.lookback() + ts.difference()));
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
            ArrayNode h = n.putArray("holidays");
            ts.layout().holidays().stream().sorted().forEach(d -> h.add(d.toString()));
            out.put(TAIL, bytes(Json.write(n)));
            out.put(TRANSFORMS, bytes(ts.fit().transformsJson()));
            return out;
        }

        @Override
        public List<MetricKind> defaultMetrics() {
            return List.of(MetricKind.MAE, MetricKind.RMSE);
        }

        @Override
        public Tensor encode(Map<String, Object> record) {
            if (ts.difference() > 0 || spec.transform() != SeriesTransform.NONE || ts.layout().hasFuture()) {
                throw new RecordException("RNN4J-RUN-019", "this forecaster was trained on a transformed series or with "
                        + "future-known inputs (transform: " + spec.transform().id() + ", difference: "
                        + ts.differencing() + ", future covariates " + spec.futureCovariates() + ", calendar "
                        + spec.calendar().stream().map(c -> c.id()).toList() + "), so a raw window in \"x\" cannot be fed "
                        + "to it as is. Forecast from the end of the data with 'rnn4j generate MODEL --horizon N', or train "
                        + "with difference: 0, no transform and no future covariates to predict from raw windows.");
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

        /** A probabilistic model's output: the point forecast as {@code y}, and the interval's bounds. */
        @Override
        public Map<String, Object> decode(Tensor output, Map<String, Object> record, Backend backend,
                Optional<DistributionLoss> distribution) {
            if (distribution.isEmpty()) {
                return decode(output, record, backend);
            }
            DistributionLoss d = distribution.get();
            float[] raw = output.toArray();
            double[] levels = d.reportedLevels();
            Map<String, Object> out = new LinkedHashMap<>(Decoding.values(ts.toOriginalUnits(ForecastEvaluation.pointOf(d, raw))));
            out.put("lower", Decoding.values(ts.toOriginalUnits(d.quantile(raw, levels[0]))).get("y"));
            out.put("upper", Decoding.values(ts.toOriginalUnits(d.quantile(raw, levels[levels.length - 1]))).get("y"));
            out.put("level", levels[levels.length - 1] - levels[0]);
            return out;
        }

        @Override
        public List<String> futureCovariates() {
            return spec.futureCovariates();
        }

        @Override
        public int horizon() {
            return ts.horizon();
        }

        @Override
        public List<ForecastStep> forecast(int horizon, UnaryOperator<Flow> model) {
            return forecast(horizon, model, Optional.empty(), Map.of());
        }

        /**
         * Up to the model's horizon, the window after the last row is run once; beyond it the point forecast
         * is appended to the series as if it were data and the model forecasts again (each interval then
         * comes from its own run, conditioned on the earlier point forecasts, so it does not widen with the
         * uncertainty of those).
         */
        @Override
        public List<ForecastStep> forecast(int horizon, UnaryOperator<Flow> model, Optional<DistributionLoss> distribution,
                Map<String, double[]> future) {
            int own = ts.horizon();
            if (horizon < 1) {
                throw new Rnn4jException("RNN4J-RUN-018", "--horizon must be at least 1 step, got " + horizon);
            }
            if (horizon > own && !ts.canRollForward()) {
                List<String> unknown = ts.unknownAfterTheEnd();
                throw new Rnn4jException("RNN4J-RUN-018", "--horizon " + horizon + " is longer than the " + own + " steps this "
                        + "model forecasts at once, and the forecast cannot be rolled forward: the "
                        + (unknown.size() == 1 ? "input " : "inputs ") + String.join(", ", unknown) + " "
                        + (unknown.size() == 1 ? "is" : "are") + " not forecast (targets: " + String.join(", ", ts.targets())
                        + "), so " + (unknown.size() == 1 ? "its values" : "their values") + " after the end of the data are "
                        + "unknown. The largest horizon possible is " + own + "; for longer forecasts train with "
                        + "`horizon: " + horizon + "` or with the features equal to the targets and no past covariates");
            }
            int k = ts.targets().size();
            double[] levels = distribution.map(DistributionLoss::reportedLevels).orElse(new double[0]);
            float[] done = new float[0];
            float[] lo = new float[0];
            float[] hi = new float[0];
            while (done.length < horizon * k) {
                Example window;
                try {
                    window = ts.forecastWindow(done, future);
                } catch (IllegalArgumentException e) {
                    throw new Rnn4jException("RNN4J-RUN-033", e.getMessage());
                }
                Input.Features in = (Input.Features) window.input();
                Tensor x = Tensor.of(in.values(), 1, in.steps(), in.width());
                float[] raw = model.apply(Flow.sequences(x)).values().toArray();
                float[] next = ts.forecastToOriginalUnits(done,
                        distribution.map(d -> ForecastEvaluation.pointOf(d, raw)).orElse(raw));
                for (int i = 0; i < next.length; i++) {
                    if (!Float.isFinite(next[i])) {
                        throw new Rnn4jException("RNN4J-RUN-018", "the model's forecast of " + ts.targets().get(i % k)
                                + " at step " + (done.length / k + i / k + 1) + " is " + next[i] + ", not a finite number; "
                                + "its weights may have diverged during training. Retrain it (a lower learning rate, clip_norm)");
                    }
                }
                if (levels.length > 0) {
                    DistributionLoss d = distribution.get();
                    lo = concat(lo, ts.forecastToOriginalUnits(done, d.quantile(raw, levels[0])));
                    hi = concat(hi, ts.forecastToOriginalUnits(done, d.quantile(raw, levels[levels.length - 1])));
                }
                done = concat(done, next);
            }
            List<String> labels = ts.futureLabels(horizon);
            List<ForecastStep> out = new ArrayList<>(horizon);
            for (int h = 0; h < horizon; h++) {
                Map<String, Float> values = new LinkedHashMap<>();
                Map<String, Float> lower = new LinkedHashMap<>();
                Map<String, Float> upper = new LinkedHashMap<>();
                for (int j = 0; j < k; j++) {
                    values.put(ts.targets().get(j), done[h * k + j]);
                    if (levels.length > 0) {
                        lower.put(ts.targets().get(j), lo[h * k + j]);
                        upper.put(ts.targets().get(j), hi[h * k + j]);
                    }
                }
                out.add(new ForecastStep(labels.get(h), values, lower, upper,
                        levels.length > 0 ? levels[levels.length - 1] - levels[0] : Double.NaN));
            }
            return out;
        }

        private static float[] concat(float[] a, float[] b) {
            float[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
