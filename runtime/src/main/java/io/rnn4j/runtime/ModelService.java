package io.rnn4j.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.spec.TrainingSpec;
import io.rnn4j.core.train.Trainer;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Example;
import io.rnn4j.data.Input;
import io.rnn4j.data.InputKind;
import io.rnn4j.data.LabelSet;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.Tokenizer;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.dsl.spec.TextClassificationData;
import io.rnn4j.dsl.spec.TextData;
import io.rnn4j.layers.heads.Sampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What can be done with a trained model: evaluate, predict, generate, forecast. */
public final class ModelService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelService() {
    }

    /** Loss, metrics and the task's figures (baselines) on the test split (or validation if there is none). */
    public static Map<String, Object> evaluate(ModelLoader.Loaded m) {
        Prepared p = m.prepared();
        List<Example> examples = p.data().test().isEmpty() ? p.data().validation() : p.data().test();
        String split = p.data().test().isEmpty() ? "validation" : "test";
        if (examples.isEmpty()) {
            throw new Rnn4jException("RNN4J-RUN-013", "the experiment has no test or validation split to evaluate on; "
                    + "pass one with --data FILE");
        }
        TrainingSpec ts = p.spec().training();
        Trainer t = p.trainer(m.network(), new RandomSource(p.spec().seed())).build();
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(t.evaluate(Batches.source(examples, BatchOptions.evaluation(ts.batchSize()))));
        Map<String, Object> figures = Reports.taskFigures(p, m.network(), examples, split);
        figures.remove("forecast_predicted");
        figures.remove("forecast_actual");
        out.putAll(figures);
        return out;
    }

    /**
     * One prediction for one JSON object: {@code {"text": "..."}} for text models, {@code {"x": [[...], ...]}}
     * (steps of features, or a flat list of one feature per step) otherwise.
     */
    public static JsonNode predict(ModelLoader.Loaded m, JsonNode in, int line) {
        Prepared p = m.prepared();
        DataSchema s = p.schema();
        Tensor x;
        if (in.has("text")) {
            Vocabulary v = m.vocabulary().orElseThrow(() -> new Rnn4jException("RNN4J-RUN-014", "line " + line
                    + ": this model does not take text (its input is " + s.inputSize() + " features per step); give \"x\""));
            Tokenizer tok = tokenizer(p);
            int[] ids = v.encode(tok.tokenize(in.get("text").asText()));
            int max = p.spec().data() instanceof TextClassificationData tc ? tc.maxLength() : ids.length;
            int n = Math.max(1, Math.min(ids.length, max));
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = i < ids.length ? ids[i] : Vocabulary.UNK;
            }
            x = Tensor.of(f, 1, n);
        } else if (in.has("x")) {
            if (s.inputKind() == InputKind.TOKENS) {
                throw new Rnn4jException("RNN4J-RUN-014", "line " + line + ": this model takes text; give \"text\"");
            }
            if (p.spec().data() instanceof io.rnn4j.dsl.spec.TimeSeriesData tsd
                    && (!io.rnn4j.dsl.spec.TimeSeriesData.lags(tsd.difference()).isEmpty()
                    || tsd.transform() != io.rnn4j.data.SeriesTransform.NONE)) {
                throw new Rnn4jException("RNN4J-RUN-019", "line " + line + ": this forecaster was trained on a transformed "
                        + "series (transform: " + tsd.transform().name().toLowerCase(java.util.Locale.ROOT) + ", difference: "
                        + tsd.difference() + "), so a raw window in \"x\" cannot be fed to it as is. Forecast from the end "
                        + "of the data with 'rnn4j generate MODEL --horizon N', or train with difference: 0 and no transform "
                        + "to predict from raw windows.");
            }
            x = features(in.get("x"), s.inputSize(), line, p);
        } else {
            throw new Rnn4jException("RNN4J-RUN-014", "line " + line + ": expected an object with \"text\" or \"x\", found "
                    + in + ". Fix the line, e.g. {\"text\": \"great coffee\"}.");
        }
        Flow out = m.onnx() != null ? m.onnx().predict(Flow.sequences(x))
                : m.network().forward(Flow.sequences(x), LayerContext.inference());
        ObjectNode r = JSON.createObjectNode();
        float[] y = out.values().toArray();
        if (s.targetKind() == TargetKind.SEQUENCE && s.targetVocabulary().isPresent()) {
            int[] tokens = decodedTokens(m, out);
            io.rnn4j.dsl.spec.PairsData pd = (io.rnn4j.dsl.spec.PairsData) p.spec().data();
            String sep = pd.targetTokenizer().type() == io.rnn4j.data.TokenizerKind.CHAR ? "" : " ";
            r.put("y", s.targetVocabulary().get().decode(tokens, sep));
            return r;
        }
        if (s.targetKind() == TargetKind.STEP_CLASSES) {
            // per step: the most likely class (for a language model, the next token) and its probability
            Tensor logits = out.values();
            int steps = out.mask() == null ? logits.dim(1) : out.mask().length(0);
            int c = logits.dim(2);
            var ys = r.putArray("y");
            var ps = r.putArray("probability");
            for (int t = 0; t < steps; t++) {
                float[] prob = softmax(m, java.util.Arrays.copyOfRange(y, t * c, (t + 1) * c));
                int best = 0;
                for (int k = 1; k < c; k++) {
                    best = prob[k] > prob[best] ? k : best;
                }
                if (p.spec().data() instanceof TextData && m.vocabulary().isPresent()) {
                    ys.add(m.vocabulary().get().token(best));
                } else if (s.labels().isPresent()) {
                    ys.add(s.labels().get().label(best));
                } else {
                    ys.add(best);
                }
                ps.add(prob[best]);
            }
            return r;
        }
        if (s.targetKind() == TargetKind.CLASS) {
            float[] prob = softmax(m, y);
            LabelSet labels = s.labels().orElse(LabelSet.indices(prob.length));
            ObjectNode probs = r.putObject("probabilities");
            int best = 0;
            for (int i = 0; i < prob.length; i++) {
                probs.put(labels.label(i), prob[i]);
                best = prob[i] > prob[best] ? i : best;
            }
            r.put("y", labels.label(best));
        } else if (p.data() instanceof TimeSeriesDataset ts) {
            float[] orig = ts.toOriginalUnits(y);
            var arr = r.putArray("y");
            for (float f : orig) {
                arr.add(f);
            }
        } else {
            var arr = r.putArray("y");
            for (float f : y) {
                arr.add(f);
            }
        }
        return r;
    }

    /** The greedy decoding of a sequence-to-sequence model's last forward pass, up to {@code <eos>}. */
    private static int[] decodedTokens(ModelLoader.Loaded m, Flow logits) {
        int[] ids;
        if (m.onnx() == null && m.network().layers().get(m.network().layers().size() - 1)
                instanceof io.rnn4j.layers.heads.Seq2SeqHead h) {
            ids = h.lastTokens()[0];
        } else {
            Tensor l = logits.values();
            int t = logits.mask() == null ? l.dim(1) : logits.mask().length(0);
            int v = l.dim(2);
            ids = new int[t];
            for (int i = 0; i < t; i++) {
                int best = 0;
                for (int k = 1; k < v; k++) {
                    best = l.getFlat(i * v + k) > l.getFlat(i * v + best) ? k : best;
                }
                ids[i] = best;
            }
        }
        int n = 0;
        while (n < ids.length && ids[n] != io.rnn4j.layers.heads.Seq2SeqHead.EOS) {
            n++;
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    private static Tensor features(JsonNode x, int width, int line, Prepared p) {
        if (!x.isArray() || x.isEmpty()) {
            throw new Rnn4jException("RNN4J-RUN-014", "line " + line + ": \"x\" must be a non-empty list of steps");
        }
        int steps = x.size();
        float[] f = new float[steps * width];
        for (int t = 0; t < steps; t++) {
            JsonNode step = x.get(t);
            for (int k = 0; k < width; k++) {
                JsonNode v = step.isArray() ? step.get(k) : (k == 0 ? step : null);
                if (v == null || !v.isNumber()) {
                    throw new Rnn4jException("RNN4J-RUN-014", "line " + line + ": x[" + t + "]" + (step.isArray() ? "[" + k + "]" : "")
                            + " must be a number; each step has " + width + " features");
                }
                double raw = v.asDouble();
                f[t * width + k] = p.data() instanceof TimeSeriesDataset ts
                        ? ts.normalization().apply(ts.schema().featureNames().get(k), raw) : (float) raw;
            }
        }
        return Tensor.of(f, 1, steps, width);
    }

    /** Probabilities from one row of logits, with the backend's softmax. */
    private static float[] softmax(ModelLoader.Loaded m, float[] logits) {
        float[] p = new float[logits.length];
        m.backend().softmaxRows(io.rnn4j.core.spi.MatrixView.of(logits, 1, logits.length),
                io.rnn4j.core.spi.MatrixView.of(p, 1, p.length));
        return p;
    }

    /** The tokenizer the model's text was split with. */
    static Tokenizer tokenizer(Prepared p) {
        if (p.spec().data() instanceof TextClassificationData tc) {
            return new Tokenizer(tc.tokenizer().type(), tc.tokenizer().lowercase());
        }
        if (p.spec().data() instanceof TextData td) {
            return new Tokenizer(td.tokenizer().type(), td.tokenizer().lowercase());
        }
        if (p.spec().data() instanceof io.rnn4j.dsl.spec.PairsData pd) {
            return new Tokenizer(pd.sourceTokenizer().type(), pd.sourceTokenizer().lowercase());
        }
        return Tokenizer.words(true);
    }

    /** Whether {@code m} forecasts a time series (it was trained on {@code type: time_series} data). */
    public static boolean forecasts(ModelLoader.Loaded m) {
        return m.prepared().data() instanceof TimeSeriesDataset;
    }

    /** Text from a language model. */
    public static String generate(ModelLoader.Loaded m, String prompt, int length, double temperature, int topK, long seed) {
        Prepared p = m.prepared();
        if (forecasts(m)) {
            throw new Rnn4jException("RNN4J-RUN-015", "this model forecasts a time series ('type: time_series' data), it "
                    + "does not generate text from a prompt; use 'generate MODEL --horizon N' for the next N steps");
        }
        if (!(p.spec().data() instanceof TextData td) || m.vocabulary().isEmpty()) {
            throw new Rnn4jException("RNN4J-RUN-015", "'generate' with --prompt needs a language model trained on "
                    + "'type: text' data; this model was trained on " + p.spec().data().getClass().getSimpleName());
        }
        Sampling sampling = temperature <= 0 ? Sampling.greedy() : new Sampling(temperature, topK);
        return Generation.generate(m.network(), m.vocabulary().get(), tokenizer(p), prompt, length, sampling,
                new RandomSource(seed), td.sequenceLength());
    }

    /**
     * One step of a forecast beyond the end of the data.
     *
     * @param step   the step's label: the continuation of the data's time column (such as {@code 1961-01}
     *               after {@code 1960-12}), or its number from 1 if the time column is missing or its
     *               format is not recognized
     * @param values the forecast of each target column, in original units, in the order of the targets
     */
    public record ForecastStep(String step, Map<String, Float> values) {
        /** Copies {@code values}, keeping their order. */
        public ForecastStep {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * The next {@code horizon} steps after the end of the data (the end of the file the model's test
     * split comes from) in original units, from a model trained on {@code type: time_series} data.
     * Up to the model's own horizon, the window of the last {@code lookback} rows is run once and its
     * forecast's first {@code horizon} steps are kept. Beyond it the forecast is rolled forward: the
     * forecast so far is appended to the series as if it were data and the model forecasts again from
     * the new end, which needs every input feature to be a forecast target.
     *
     * @throws Rnn4jException {@code RNN4J-RUN-017} if the model does not forecast a time series,
     *                        {@code RNN4J-RUN-018} if {@code horizon} is less than 1, or larger than the
     *                        model's horizon while some input feature is not forecast, or if the model
     *                        forecasts a value that is not finite
     */
    public static List<ForecastStep> forecast(ModelLoader.Loaded m, int horizon) {
        Prepared p = m.prepared();
        if (!(p.data() instanceof TimeSeriesDataset ts)) {
            throw new Rnn4jException("RNN4J-RUN-017", "--horizon forecasts a time series, but this model was trained on 'type: "
                    + p.data().type() + "' data, not "
                    + "'type: time_series'" + (p.spec().data() instanceof TextData
                    ? "; generate text with --prompt TEXT instead" : ""));
        }
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
            float[] next = ts.forecastToOriginalUnits(done, run(m, window));
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

    /** The model's normalized output for one window. */
    private static float[] run(ModelLoader.Loaded m, Example window) {
        Input.Features in = (Input.Features) window.input();
        Tensor x = Tensor.of(in.values(), 1, in.steps(), in.width());
        Flow out = m.onnx() != null ? m.onnx().predict(Flow.sequences(x))
                : m.network().forward(Flow.sequences(x), LayerContext.inference());
        return out.values().toArray();
    }
}
