package io.rnn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Point-forecast errors by horizon step, accumulated over forecast origins (a backtest): for step
 * {@code h} (1-based) the RMSE and MAE of every origin's forecast {@code h} steps ahead, and over all
 * steps the RMSE, MAE, MASE (against a given scale) and sMAPE.
 */
public final class HorizonErrors {
    private final int horizon;
    private final List<List<float[]>> pairs = new ArrayList<>();

    /** An empty accumulator for forecasts of {@code horizon} steps. */
    public HorizonErrors(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("a horizon is at least 1 step, got " + horizon);
        }
        this.horizon = horizon;
        for (int h = 0; h < horizon; h++) {
            pairs.add(new ArrayList<>());
        }
    }

    /**
     * Adds one origin's forecast: {@code predicted} and {@code actual} are step-major,
     * {@code horizon x targets} values.
     */
    public void add(float[] predicted, float[] actual) {
        if (predicted.length != actual.length || predicted.length % horizon != 0 || predicted.length == 0) {
            throw new IllegalArgumentException("a forecast of " + horizon + " steps needs equally many predicted and actual "
                    + "values, a multiple of " + horizon + "; got " + predicted.length + " and " + actual.length);
        }
        int k = predicted.length / horizon;
        for (int h = 0; h < horizon; h++) {
            for (int j = 0; j < k; j++) {
                pairs.get(h).add(new float[] {predicted[h * k + j], actual[h * k + j]});
            }
        }
    }

    /** Origins added so far. */
    public int count() {
        return pairs.get(0).size();
    }

    /**
     * The errors of one horizon step, or of all.
     *
     * @param step  1-based horizon step; 0 for all steps together
     * @param rmse  root mean squared error
     * @param mae   mean absolute error
     * @param mase  MAE divided by the MASE scale
     * @param smape symmetric MAPE in percent
     * @param count values compared
     */
    public record Step(int step, double rmse, double mae, double mase, double smape, int count) {
    }

    /** The errors of each step {@code 1 .. horizon}, then of all steps (step 0), with MASE scaled by {@code scale}. */
    public List<Step> steps(double maseScale) {
        List<Step> out = new ArrayList<>();
        List<float[]> all = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            out.add(step(h + 1, pairs.get(h), maseScale));
            all.addAll(pairs.get(h));
        }
        out.add(step(0, all, maseScale));
        return out;
    }

    private static Step step(int step, List<float[]> p, double scale) {
        if (p.isEmpty()) {
            return new Step(step, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        float[] predicted = new float[p.size()];
        float[] actual = new float[p.size()];
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < p.size(); i++) {
            predicted[i] = p.get(i)[0];
            actual[i] = p.get(i)[1];
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
        }
        double mae = abs / p.size();
        return new Step(step, Math.sqrt(sq / p.size()), mae, mae / scale, ForecastMetrics.smape(predicted, actual), p.size());
    }
}
