package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.data.ForecastStep;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.ValueType;
import io.rnn4j.core.spi.DataPipeline;
import io.rnn4j.core.spi.Forecaster;
import io.rnn4j.core.spi.LoadedData;
import io.rnn4j.core.spi.ReportContext;
import io.rnn4j.core.spi.StreamedSplit;
import io.rnn4j.core.spi.TokenGenerator;
import io.rnn4j.core.train.BatchPlan;
import io.rnn4j.core.train.Split;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.layers.heads.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What can be done with a trained model: evaluate, predict, generate, forecast. What the data means is
 * asked of the model's data pipeline; this class never looks at which kind of data it is.
 */
public final class ModelService {
    private ModelService() {
    }

    /**
     * An evaluation.
     *
     * @param split   the split evaluated
     * @param metrics the loss and the metrics, by name
     * @param report  the task's figures
     */
    public record Evaluation(Split split, Map<String, Double> metrics, TaskReport report) {
    }

    /** Loss, metrics and the task's figures (baselines) on the test split (or validation if there is none). */
    public static Evaluation evaluate(ModelLoader.Loaded m) {
        return evaluate(m, null);
    }

    /**
     * Loss, metrics and the task's figures on {@code split} (null: the test split, or validation if there is
     * none).
     *
     * @throws Rnn4jException {@code RNN4J-RUN-013} if that split is empty
     */
    public static Evaluation evaluate(ModelLoader.Loaded m, Split which) {
        Prepared p = m.prepared();
        LoadedData data = p.loaded();
        Split split = which != null ? which : data.size(Split.TEST) > 0 ? Split.TEST : Split.VALIDATION;
        if (data.size(split) == 0) {
            throw new Rnn4jException("RNN4J-RUN-013", "the experiment has no " + (which != null ? split.toString()
                    : "test or validation") + " split to evaluate on; pass one with --data FILE"
                    + (which != null ? " or choose another with --split" : ""));
        }
        Trainer t = p.trainer(m.network(), new RandomSource(p.spec().seed())).build();
        Map<String, Double> metrics = t.evaluate(p.batches(split, BatchPlan.evaluation(p.spec().training().batchSize())));
        return new Evaluation(split, metrics, data.report(split, reportContext(m::predict, m.prepared(), m.network())));
    }

    /** Batches in a window of a file evaluated in windows ({@link #evaluateInWindows}). */
    public static final int WINDOW_BATCHES = 16;

    /** The most examples a window of {@link #evaluateInWindows} holds: whole batches. */
    public static int evaluationWindow(ModelLoader.Loaded m) {
        return WINDOW_BATCHES * m.prepared().spec().training().batchSize();
    }

    /**
     * Loss, metrics and the task's figures on a file read in windows ({@code evaluate --data}): each window
     * is batched in order and added to the running loss, metrics and report, so memory holds one window
     * while the figures equal those of the whole file read at once (the windows hold whole batches, see
     * {@link #evaluationWindow}). The split is {@link Split#TEST}, as for a file given as the test split.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-013} if the file has no example (a kind's own error comes first)
     */
    public static Evaluation evaluateInWindows(ModelLoader.Loaded m, StreamedSplit data) {
        Prepared p = m.prepared();
        Trainer.Evaluator e = p.trainer(m.network(), new RandomSource(p.spec().seed())).build().evaluator();
        ReportContext ctx = reportContext(m::predict, p, m.network());
        BatchPlan plan = BatchPlan.evaluation(p.spec().training().batchSize());
        for (io.rnn4j.core.train.BatchSource w = data.next(plan, ctx); w != null; w = data.next(plan, ctx)) {
            io.rnn4j.core.train.BatchSource window = w;
            e.add(p.ctc().map(c -> CtcSupport.mapped(window, c)).orElse(window));
        }
        if (data.examples() == 0) {
            throw new Rnn4jException("RNN4J-RUN-013", "the file to evaluate on has no examples; pass one with --data FILE");
        }
        return new Evaluation(Split.TEST, e.result(), data.report(ctx));
    }

    /**
     * A rolling-origin backtest of the model on {@code split} (null: test): {@code origins} forecast origins
     * {@code step} rows apart, scored by horizon step against the data kind's baselines, with the model as
     * trained (no refit).
     *
     * @throws Rnn4jException {@code RNN4J-RUN-034} if the data cannot be backtested or the options do not fit it
     */
    public static TaskReport backtest(ModelLoader.Loaded m, Split split, int origins, int step) {
        return backtest(m, split, origins, step, 0);
    }

    /**
     * A rolling-origin backtest as {@link #backtest(ModelLoader.Loaded, Split, int, int)}; with
     * {@code refitEvery} N of at least 1 the model is not the archive's but one trained anew from the
     * experiment (same seed, same training options, on {@code m}'s backend) on the rows before the first
     * origin and then before every N-th origin, its data pipeline fitted on those rows alone (0: never refit).
     *
     * @throws Rnn4jException {@code RNN4J-RUN-034} as the other method, or if the data cannot be cut at an origin
     */
    public static TaskReport backtest(ModelLoader.Loaded m, Split split, int origins, int step, int refitEvery) {
        Prepared p = m.prepared();
        LoadedData data = p.loaded();
        io.rnn4j.core.spi.Backtester b = data.capability(io.rnn4j.core.spi.Backtester.class).orElseThrow(() ->
                new Rnn4jException("RNN4J-RUN-034", "backtest evaluates forecasts from rolling origins, but this model was "
                        + "trained on 'type: " + p.kind().id() + "' data, which is not a time series"));
        Split which = split != null ? split : Split.TEST;
        if (refitEvery == 0) {
            return b.backtest(which, origins, step, reportContext(m::predict, p, m.network()));
        }
        return b.backtest(which, origins, step, refitEvery, (upTo, fold) -> refit(p, upTo, m.backend()));
    }

    /** A new model of {@code p}'s experiment trained on {@code data} as 'rnn4j train' would, ready to forecast. */
    private static ReportContext refit(Prepared p, LoadedData data, io.rnn4j.core.spi.Backend backend) {
        Prepared fold = new Prepared(p.spec(), p.yaml(), p.file(), p.kind(), data.pipeline(), data, p.graph());
        io.rnn4j.core.model.Network network = ExperimentRunner.newNetwork(fold, backend, List.of("cpu"));
        Trainer trainer = fold.trainer(network, new RandomSource(p.spec().seed()).fork("training")).build();
        ExperimentRunner.fit(fold, trainer);
        return reportContext(x -> network.forward(x, io.rnn4j.core.model.LayerContext.inference()), fold, network);
    }

    /** What a data kind may use of a model to compute its report. */
    static ReportContext reportContext(java.util.function.UnaryOperator<Flow> model, Prepared p,
            io.rnn4j.core.model.Network network) {
        return new ReportContext() {
            @Override
            public Flow predict(Flow input) {
                return model.apply(input);
            }

            @Override
            public java.util.Optional<io.rnn4j.core.loss.DistributionLoss> distribution() {
                return p.distribution();
            }

            @Override
            public java.util.Optional<io.rnn4j.core.ctc.CtcSettings> ctc() {
                return p.ctc();
            }

            @Override
            public String generate(String prompt, int length, double temperature, long seed) {
                TokenGenerator g = p.pipeline().capability(TokenGenerator.class).orElseThrow(() -> new Rnn4jException(
                        "RNN4J-RUN-015", "this model does not generate text"));
                StringBuilder sb = new StringBuilder(prompt);
                Generation.generate(network, g, prompt, length, new Sampling(temperature, 0),
                        new RandomSource(seed).fork("sample"), sb::append);
                return sb.toString();
            }
        };
    }

    /**
     * Predictions for records (JSON objects in the plain JSON data model), in order, in one batch.
     *
     * @throws io.rnn4j.core.data.RecordException if a record cannot be encoded (the caller names its line)
     */
    public static List<Map<String, Object>> predict(ModelLoader.Loaded m, List<Map<String, Object>> records) {
        DataPipeline p = m.prepared().pipeline();
        List<Tensor> inputs = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            inputs.add(p.encode(r));
        }
        return predictEncoded(m, records, inputs);
    }

    /** Predictions for records already encoded by the pipeline ({@link DataPipeline#encode}). */
    public static List<Map<String, Object>> predictEncoded(ModelLoader.Loaded m, List<Map<String, Object>> records,
            List<Tensor> inputs) {
        DataPipeline p = m.prepared().pipeline();
        ValueType in = p.inputType();
        int n = inputs.size();
        Flow batchFlow;
        if (in.kind() == ValueType.Kind.VECTOR) {
            int width = in.features();
            float[] x = new float[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs.get(i).toArray(), 0, x, i * width, width);
            }
            batchFlow = Flow.vectors(Tensor.of(x, n, width));
        } else {
            boolean tokens = in.kind() == ValueType.Kind.TOKENS;
            int steps = 0;
            int width = tokens ? 1 : in.features();
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = inputs.get(i).dim(0);
                steps = Math.max(steps, lengths[i]);
            }
            float[] x = new float[n * steps * width];
            for (int i = 0; i < n; i++) {
                float[] v = inputs.get(i).toArray();
                System.arraycopy(v, 0, x, i * steps * width, v.length);
            }
            batchFlow = Flow.sequences(tokens ? Tensor.of(x, n, steps) : Tensor.of(x, n, steps, width), lengths);
        }
        Flow out = m.predict(batchFlow);
        java.util.Optional<io.rnn4j.core.ctc.CtcSettings> ctc = m.prepared().ctc();
        java.util.Optional<io.rnn4j.core.spi.LabelSequences> text = p.capability(io.rnn4j.core.spi.LabelSequences.class);
        Tensor y = out.values();
        List<Map<String, Object>> results = new ArrayList<>(n);
        float[] all = y.toArray();
        if (y.rank() == 2) {
            int k = y.dim(1);
            // decided once per batch, not per line: distribution() re-derives the head's loss
            java.util.Optional<io.rnn4j.core.loss.DistributionLoss> distribution = n == 0 ? java.util.Optional.empty()
                    : m.prepared().distribution();
            for (int i = 0; i < n; i++) {
                Tensor row = Tensor.of(java.util.Arrays.copyOfRange(all, i * k, (i + 1) * k), k);
                results.add(p.decode(row, records.get(i), m.backend(), distribution));
            }
        } else {
            int t = y.dim(1);
            int k = y.dim(2);
            boolean transcripts = ctc.isPresent() && text.isPresent();
            for (int i = 0; i < n; i++) {
                int valid = out.mask() == null ? t : out.mask().length(i);
                Tensor row = Tensor.of(java.util.Arrays.copyOfRange(all, i * t * k, (i * t + valid) * k), valid, k);
                results.add(transcripts ? CtcSupport.decode(row, ctc.get(), text.get())
                        : p.decode(row, records.get(i), m.backend()));
            }
        }
        return results;
    }

    /**
     * Text from a language model, written to {@code sink} as it is produced: the prompt first, then every
     * generated token.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-015} if the model's data pipeline does not generate tokens
     */
    public static void generate(ModelLoader.Loaded m, String prompt, int length, double temperature, int topK, long seed,
            Consumer<String> sink) {
        Prepared p = m.prepared();
        if (p.pipeline().capability(Forecaster.class).isPresent()) {
            throw new Rnn4jException("RNN4J-RUN-015", "this model forecasts a time series ('type: " + p.kind().id()
                    + "' data), it does not generate text from a prompt; use 'generate MODEL --horizon N' for the next "
                    + "N steps");
        }
        TokenGenerator g = p.pipeline().capability(TokenGenerator.class).orElseThrow(() -> new Rnn4jException(
                "RNN4J-RUN-015", "'generate' needs a language model (trained on data such as 'type: text') to write text "
                        + "from a --prompt, or a forecaster (--horizon); this model was trained on 'type: " + p.kind().id()
                        + "' data, which does neither. Use 'rnn4j predict' for its outputs"));
        Sampling sampling = temperature <= 0 ? Sampling.greedy() : new Sampling(temperature, topK);
        sink.accept(prompt);
        Generation.generate(m.network(), g, prompt, length, sampling, new RandomSource(seed), sink);
    }

    /** Whether {@code m} forecasts beyond the end of its data ({@code generate --horizon}). */
    public static boolean forecasts(ModelLoader.Loaded m) {
        return m.prepared().pipeline().capability(Forecaster.class).isPresent();
    }

    /**
     * The next {@code horizon} steps after the end of the data in original units.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-017} if the model does not forecast, {@code RNN4J-RUN-018} if
     *                        the horizon cannot be reached
     */
    public static List<ForecastStep> forecast(ModelLoader.Loaded m, int horizon) {
        return forecast(m, horizon, Map.of());
    }

    /**
     * The next {@code horizon} steps, with an interval at each step for a probabilistic model, and with
     * {@code future}: the values of the model's future covariates for the rows after the end of the data
     * (from {@code generate --covariates FILE}).
     *
     * @throws Rnn4jException as {@link #forecast(ModelLoader.Loaded, int)}, and {@code RNN4J-RUN-033} if a
     *                        future covariate is missing or too short
     */
    public static List<ForecastStep> forecast(ModelLoader.Loaded m, int horizon, Map<String, double[]> future) {
        Prepared p = m.prepared();
        Forecaster f = p.pipeline().capability(Forecaster.class).orElseThrow(() -> new Rnn4jException("RNN4J-RUN-017",
                "--horizon forecasts a time series, but this model was trained on 'type: " + p.kind().id() + "' data, "
                        + "which does not forecast" + (p.pipeline().capability(TokenGenerator.class).isPresent()
                        ? "; generate text with --prompt TEXT instead" : "")));
        return f.forecast(horizon, m::predict, p.distribution(), future);
    }

    /** The future covariates {@code generate --horizon} needs values of (from {@code --covariates FILE}). */
    public static List<String> futureCovariates(ModelLoader.Loaded m) {
        return m.prepared().pipeline().capability(Forecaster.class).map(Forecaster::futureCovariates).orElse(List.of());
    }
}
