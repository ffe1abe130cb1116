package io.rnn4j.runtime;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.model.Layer;
import io.rnn4j.core.model.LayerContext;
import io.rnn4j.core.model.Network;
import io.rnn4j.core.train.TrainBatch;
import io.rnn4j.data.Batch;
import io.rnn4j.data.BatchOptions;
import io.rnn4j.data.Batcher;
import io.rnn4j.data.DataSchema;
import io.rnn4j.data.Example;
import io.rnn4j.data.ForecastErrors;
import io.rnn4j.data.SeasonalNaive;
import io.rnn4j.data.Split;
import io.rnn4j.data.Target;
import io.rnn4j.data.TargetKind;
import io.rnn4j.data.TimeSeriesDataset;
import io.rnn4j.data.Vocabulary;
import io.rnn4j.dsl.spec.TextData;
import io.rnn4j.dsl.spec.TimeSeriesData;
import io.rnn4j.layers.heads.Seq2SeqHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures each kind of task is judged by, beyond loss and metrics: the majority-class baseline for
 * classification, the seasonal-naive baseline (and the model's errors in original units) for
 * forecasting, exact-match accuracy of greedy decoding for sequence-to-sequence, and a generated sample
 * for language models.
 */
final class Reports {
    private Reports() {
    }

    static Map<String, Object> taskFigures(Prepared p, Network network, List<Example> examples, String split) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (examples.isEmpty()) {
            return r;
        }
        r.put("split", split);
        DataSchema s = p.schema();
        if (s.targetKind() == TargetKind.CLASS) {
            r.put("majority_baseline_accuracy", majorityShare(p.data().train(), examples));
        } else if (p.data() instanceof TimeSeriesDataset ts && p.spec().data() instanceof TimeSeriesData tsd) {
            forecast(r, p, network, ts, tsd, examples, split);
        } else if (s.targetKind() == TargetKind.SEQUENCE) {
            r.put("exact_match", exactMatch(p, network, examples));
        } else if (p.spec().data() instanceof TextData td && s.vocabulary().isPresent()) {
            io.rnn4j.data.Tokenizer tok = new io.rnn4j.data.Tokenizer(td.tokenizer().type(), td.tokenizer().lowercase());
            r.put("sample", Generation.generate(network, s.vocabulary().get(), tok, "It is a truth universally acknowledged",
                    300, new io.rnn4j.layers.heads.Sampling(0.8, 0), new RandomSource(p.spec().seed()).fork("sample"),
                    sequenceLength(p)));
        }
        return r;
    }

    private static int sequenceLength(Prepared p) {
        return p.spec().data() instanceof TextData t ? t.sequenceLength() : 64;
    }

    /** Accuracy on {@code examples} of always predicting the training split's most frequent class. */
    private static double majorityShare(List<Example> train, List<Example> examples) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Example e : train) {
            if (e.target() instanceof Target.ClassIndex c) {
                counts.merge(c.index(), 1, Integer::sum);
            }
        }
        int majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
        long hits = examples.stream().filter(e -> e.target() instanceof Target.ClassIndex c && c.index() == majority).count();
        return (double) hits / examples.size();
    }

    /**
     * The model's forecasts and the actual values of every window, in original units, against the
     * seasonal-naive baseline. Each forecast is inverted with its window's past (de-normalize,
     * un-difference, undo the transform); the actual values are read from the split's series at the
     * window's rows, so they are exactly the raw values.
     */
    private static void forecast(Map<String, Object> r, Prepared p, Network network, TimeSeriesDataset ts,
            TimeSeriesData tsd, List<Example> examples, String split) {
        Split which = split.equals("test") ? Split.TEST : Split.VALIDATION;
        java.util.Optional<io.rnn4j.core.loss.DistributionLoss> dist = p.loss() instanceof io.rnn4j.core.loss.DistributionLoss d
                ? java.util.Optional.of(d) : java.util.Optional.empty();
        io.rnn4j.data.ForecastEvaluation e = io.rnn4j.data.ForecastEvaluation.of(ts, which, windows -> {
            List<float[]> out = new ArrayList<>();
            for (Batch batch : new Batcher(BatchOptions.evaluation(64)).epoch(windows, 0)) {
                TrainBatch b = Batches.toTrainBatch(batch);
                Tensor o = network.forward(b.input(), LayerContext.inference()).values();
                int n = o.size() / b.size();
                for (int i = 0; i < b.size(); i++) {
                    float[] row = new float[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = o.getFlat(i * n + j);
                    }
                    out.add(row);
                }
            }
            return out;
        }, dist, tsd.season(), List.of());
        r.put("rmse", e.model().rmse());
        r.put("mae", e.model().mae());
        r.put("mase", e.model().mase());
        r.put("smape", e.model().smape());
        r.put("seasonal_naive_rmse", e.seasonal().rmse());
        r.put("seasonal_naive_mae", e.seasonal().mae());
        r.put("seasonal_naive_mase", e.seasonal().mase());
        r.put("naive_rmse", e.naive().rmse());
        r.put("naive_mae", e.naive().mae());
        e.interval().ifPresent(i -> {
            r.put("interval_level", i.level());
            r.put("interval_coverage", i.coverage());
            r.put("interval_width", i.width());
            r.put("mean_pinball", i.meanPinball());
        });
        r.put("baseline", "seasonal naive, season " + tsd.season());
        r.put("beats_baseline", e.model().rmse() < e.seasonal().rmse());
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

    /** Share of examples whose greedily decoded target equals the reference exactly (up to {@code <eos>}). */
    private static double exactMatch(Prepared p, Network network, List<Example> examples) {
        Layer head = network.layers().get(network.layers().size() - 1);
        if (!(head instanceof Seq2SeqHead s2s)) {
            return Double.NaN;
        }
        int right = 0;
        int total = 0;
        for (TrainBatch b : Batches.source(examples, BatchOptions.evaluation(64)).batches(0)) {
            network.forward(b.input(), LayerContext.inference());
            int[][] decoded = s2s.lastTokens();
            Tensor targets = b.targets();
            int t = targets.dim(1);
            for (int i = 0; i < b.size(); i++) {
                List<Integer> want = new ArrayList<>();
                for (int j = 0; j < t; j++) {
                    int id = (int) targets.getFlat(i * t + j);
                    if (id == Seq2SeqHead.EOS || j >= b.targetMask().length(i)) {
                        break;
                    }
                    want.add(id);
                }
                List<Integer> got = new ArrayList<>();
                for (int id : decoded[i]) {
                    if (id == Seq2SeqHead.EOS) {
                        break;
                    }
                    got.add(id);
                }
                right += want.equals(got) ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** Decodes one sequence of ids with a vocabulary. */
    static String decode(Vocabulary v, int[] ids, boolean chars) {
        return v.decode(ids, chars ? "" : " ");
    }
}
