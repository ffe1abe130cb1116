package io.rnn4j.data;

import io.rnn4j.core.train.Split;

/**
 * The seasonal-naive forecast, the baseline a forecasting model must beat: every value is predicted
 * to be the value one season earlier, {@code ŷ[T+h] = y[T+h - m*ceil(h/m)]} for season length
 * {@code m} (12 for monthly data with a yearly cycle, 7 for daily data with a weekly one). With
 * {@code m = 1} it is the naive (last value) forecast. See Hyndman and Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, section 5.2.
 *
 * @param season the season length {@code m}, at least 1
 */
public record SeasonalNaive(int season) {

    /** Validates. */
    public SeasonalNaive {
        if (season < 1) {
            throw new IllegalArgumentException("a season length is at least 1 step (12 for monthly data), got " + season);
        }
    }

    /** Forecasts {@code horizon} values after {@code history}, which needs at least one season of values. */
    public float[] forecast(float[] history, int horizon) {
        int n = history.length;
        if (n < season) {
            throw new IllegalArgumentException("a seasonal-naive forecast with season " + season + " needs at least "
                    + season + " values of history, got " + n);
        }
        float[] out = new float[horizon];
        for (int h = 1; h <= horizon; h++) {
            out[h - 1] = history[n - 1 + h - seasonsBack(h)];
        }
        return out;
    }

    /** {@code m * ceil(h / m)}: how far back the value for horizon step {@code h} lies. */
    private int seasonsBack(int h) {
        return season * ((h - 1) / season + 1);
    }

    /**
     * Errors of the seasonal-naive forecast over every window of {@code split}, in original units,
     * using the split's whole series as history; a window with less than one season of history
     * before its first target is skipped (and counted in {@link ForecastErrors#skipped()}).
     */
    public ForecastErrors evaluate(TimeSeriesDataset data, Split split) {
        Series s = data.series(split);
        int targets = s.targets().size();
        ForecastErrors.Accumulator acc = new ForecastErrors.Accumulator();
        int skipped = 0;
        for (Example e : data.split(split)) {
            int first = e.origin();
            if (first < season) {
                skipped++;
                continue;
            }
            for (int h = 1; h <= data.horizon(); h++) {
                int row = first + h - 1;
                int from = row - seasonsBack(h);
                for (int k = 0; k < targets; k++) {
                    acc.add(s.value(k, from), s.value(k, row));
                }
            }
        }
        return acc.result(skipped);
    }
}
