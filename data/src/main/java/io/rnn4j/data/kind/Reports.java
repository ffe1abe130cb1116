package io.rnn4j.data.kind;

import io.rnn4j.core.data.Plot;
import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.Split;
import io.rnn4j.data.ForecastEvaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The typed reports of the built-in kinds. */
public final class Reports {
    private Reports() {
    }

    /**
     * A classifier's report.
     *
     * @param split                    the split
     * @param majorityBaselineAccuracy accuracy of always predicting the training split's most frequent class
     */
    public record Classification(Split split, double majorityBaselineAccuracy) implements TaskReport {
    }

    /**
     * A forecaster's report, every figure in original units: its errors against the naive and
     * seasonal-naive forecasts from the same origins, and for a probabilistic model its interval's
     * coverage and width and the mean pinball loss. By-step errors and the plot data are in
     * {@link #evaluation()}.
     *
     * @param split              the split
     * @param windows            windows scored
     * @param rmse               the model's root mean squared error
     * @param mae                the model's mean absolute error
     * @param mase               the model's MAE over the in-sample seasonal-naive MAE
     * @param smape              the model's symmetric MAPE, percent
     * @param seasonalNaiveRmse  the seasonal-naive forecast's RMSE
     * @param seasonalNaiveMae   its MAE
     * @param seasonalNaiveMase  its MASE
     * @param naiveRmse          the naive (last value) forecast's RMSE
     * @param naiveMae           its MAE
     * @param baseline           what the seasonal baseline is ({@code seasonal naive, season 12})
     * @param beatsBaseline      whether the model's RMSE is below the seasonal-naive forecast's
     * @param intervalLevel      the interval's nominal coverage (NaN for a point forecast)
     * @param intervalCoverage   share of actual values inside it
     * @param intervalWidth      its mean width
     * @param meanPinball        the mean pinball loss over the reported quantile levels
     * @param evaluation         everything, by horizon step, and the plot data
     */
    public record Forecast(Split split, int windows, double rmse, double mae, double mase, double smape,
            double seasonalNaiveRmse, double seasonalNaiveMae, double seasonalNaiveMase, double naiveRmse, double naiveMae,
            String baseline, boolean beatsBaseline, double intervalLevel, double intervalCoverage, double intervalWidth,
            double meanPinball, ForecastEvaluation evaluation) implements TaskReport {

        /** The report of an evaluation. */
        public static Forecast of(ForecastEvaluation e) {
            var i = e.interval();
            return new Forecast(e.split(), e.windows(), e.model().rmse(), e.model().mae(), e.model().mase(),
                    e.model().smape(), e.seasonal().rmse(), e.seasonal().mae(), e.seasonal().mase(), e.naive().rmse(),
                    e.naive().mae(), "seasonal naive, season " + e.season(), e.model().rmse() < e.seasonal().rmse(),
                    i.map(ForecastEvaluation.Interval::level).orElse(Double.NaN),
                    i.map(ForecastEvaluation.Interval::coverage).orElse(Double.NaN),
                    i.map(ForecastEvaluation.Interval::width).orElse(Double.NaN),
                    i.map(ForecastEvaluation.Interval::meanPinball).orElse(Double.NaN), e);
        }

        /** The model's loss and metrics are on normalized, differenced values; the figures in original units. */
        @Override
        public boolean normalizedMetrics() {
            return true;
        }

        /** One panel per target: the actual values and the one-step-ahead forecasts on the time axis, the interval shaded. */
        @Override
        public List<Plot> plots() {
            List<Plot.Panel> panels = new java.util.ArrayList<>();
            for (ForecastEvaluation.Track t : evaluation.plot()) {
                Map<String, double[]> s = new LinkedHashMap<>();
                s.put("actual", t.actual());
                s.put("forecast (1 step ahead)", t.point());
                panels.add(new Plot.Panel(t.target(), t.times(), s, Double.isNaN(intervalLevel) ? ""
                        : Math.round(intervalLevel * 100) + " % interval", t.lower(), t.upper()));
            }
            return List.of(new Plot("forecast.png", "forecast against actual (" + split + " split, original units)",
                    Map.of(), panels));
        }
    }

    /**
     * A backtest: forecasts from {@code origins} origins {@code step} rows apart, every figure in original
     * units, by horizon step, against the naive and seasonal-naive forecasts from the same origins.
     *
     * @param split      the split the origins are in
     * @param origins    the origins scored
     * @param step       rows between origins
     * @param refit      {@code never} (the model as trained forecasts from every origin), {@code every} (a model
     *                   trained anew on the rows before each origin) or {@code N} (anew at every N-th origin)
     * @param modelsTrained models trained anew for the backtest (0 with {@code never})
     * @param rmse       the model's RMSE over every origin, step and target
     * @param mae        its MAE
     * @param mase       its MASE
     * @param smape      its sMAPE, percent
     * @param naiveRmse  the naive forecast's RMSE from the same origins
     * @param seasonalNaiveRmse the seasonal-naive forecast's RMSE from the same origins
     * @param evaluation the errors, overall, by step and by origin
     */
    public record Backtest(Split split, int origins, int step, String refit, int modelsTrained, double rmse, double mae,
            double mase, double smape, double naiveRmse, double seasonalNaiveRmse, ForecastEvaluation evaluation)
            implements TaskReport {

        /**
         * The report of a backtest.
         *
         * @param refit how the models were refitted ({@code never}, {@code every}, {@code N})
         */
        public static Backtest of(Split split, int step, String refit, int modelsTrained, ForecastEvaluation e) {
            return new Backtest(split, e.windows(), step, refit, modelsTrained, e.model().rmse(), e.model().mae(),
                    e.model().mase(), e.model().smape(), e.naive().rmse(), e.seasonal().rmse(), e);
        }

        /** Which origin's model forecast from origin {@code fold} (counting from 0): -1 for the model as trained. */
        public int trainedAt(int fold) {
            if (refit.equals("never")) {
                return -1;
            }
            int every = refit.equals("every") ? 1 : Integer.parseInt(refit);
            return fold - fold % every;
        }

        @Override
        public boolean normalizedMetrics() {
            return true;
        }

        /** {@code backtest.csv}: one row per horizon step (and {@code all}), each method's RMSE, MAE, MASE and sMAPE. */
        @Override
        public List<io.rnn4j.core.data.Table> tables() {
            List<String> header = List.of("step", "model_rmse", "model_mae", "model_mase", "model_smape", "naive_rmse",
                    "naive_mae", "naive_mase", "naive_smape", "seasonal_naive_rmse", "seasonal_naive_mae",
                    "seasonal_naive_mase", "seasonal_naive_smape", "count");
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (int h = 0; h <= evaluation.byStep().size(); h++) {
                boolean all = h == evaluation.byStep().size();
                var m = all ? evaluation.model() : evaluation.byStep().get(h);
                var n = all ? evaluation.naive() : evaluation.naiveByStep().get(h);
                var s = all ? evaluation.seasonal() : evaluation.seasonalByStep().get(h);
                rows.add(List.of(all ? "all" : Integer.toString(h + 1), m.rmse(), m.mae(), m.mase(), m.smape(), n.rmse(),
                        n.mae(), n.mase(), n.smape(), s.rmse(), s.mae(), s.mase(), s.smape(), m.count()));
            }
            List<String> foldHeader = List.of("fold", "origin", "model_trained_at_fold", "model_rmse", "model_mae",
                    "model_mase", "model_smape", "naive_rmse", "naive_mae", "seasonal_naive_rmse", "seasonal_naive_mae",
                    "count");
            List<List<Object>> folds = new java.util.ArrayList<>();
            for (int f = 0; f < evaluation.byOrigin().size(); f++) {
                ForecastEvaluation.Origin o = evaluation.byOrigin().get(f);
                int at = trainedAt(f);
                folds.add(List.of(Integer.toString(f + 1), o.time(), at < 0 ? "as trained" : Integer.toString(at + 1),
                        o.model().rmse(), o.model().mae(), o.model().mase(), o.model().smape(), o.naive().rmse(),
                        o.naive().mae(), o.seasonal().rmse(), o.seasonal().mae(), o.model().count()));
            }
            return List.of(new io.rnn4j.core.data.Table("backtest.csv", header, rows),
                    new io.rnn4j.core.data.Table("backtest_folds.csv", foldHeader, folds));
        }

        /** RMSE by horizon step of the model and the baselines. */
        @Override
        public List<Plot> plots() {
            int steps = evaluation.byStep().size();
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("model", evaluation.byStep().stream().mapToDouble(x -> x.rmse()).toArray());
            s.put("naive", evaluation.naiveByStep().stream().mapToDouble(x -> x.rmse()).toArray());
            s.put("seasonal naive, season " + evaluation.season(),
                    evaluation.seasonalByStep().stream().mapToDouble(x -> x.rmse()).toArray());
            return List.of(new Plot("backtest.png", "RMSE by horizon step over " + origins + " origins (" + split
                    + " split, original units, refit " + refit + "; step 1 = x 0, " + steps + " steps)", s));
        }
    }

    /**
     * A sequence-to-sequence model's report.
     *
     * @param split      the split
     * @param exactMatch share of examples whose greedy decoding equals the reference exactly
     */
    public record ExactMatch(Split split, double exactMatch) implements TaskReport {
    }

    /**
     * A language model's report.
     *
     * @param split  the split
     * @param sample text generated from the sample prompt (temperature 0.8)
     */
    public record Sample(Split split, String sample) implements TaskReport {
    }
}
