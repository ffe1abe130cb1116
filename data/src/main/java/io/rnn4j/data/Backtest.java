package io.rnn4j.data;

import io.rnn4j.core.train.Split;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rolling-origin evaluation (a backtest, Hyndman and Athanasopoulos, <i>Forecasting: Principles and
 * Practice</i>, section 5.10): forecasts from {@code origins} origins {@code step} rows apart, the last one
 * the latest window of the split, each scored in original units by horizon step against the naive and
 * seasonal-naive forecasts from the same origins ({@link ForecastEvaluation}).
 */
public final class Backtest {
    private Backtest() {
    }

    /**
     * The windows of {@code split} whose first targets are the origins: the latest window, then every
     * {@code step} rows earlier, {@code origins} of them at most (fewer when the split is shorter), oldest first.
     *
     * @throws IllegalArgumentException if {@code origins} or {@code step} is less than 1, or the split has no window
     */
    public static List<Example> origins(TimeSeriesDataset data, Split split, int origins, int step) {
        if (origins < 1 || step < 1) {
            throw new IllegalArgumentException("--origins and --step are at least 1, got " + origins + " and " + step);
        }
        List<Example> windows = new ArrayList<>(data.split(split));
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("the " + split.name().toLowerCase(java.util.Locale.ROOT)
                    + " split has no windows to backtest on");
        }
        windows.sort(Comparator.comparingInt(Example::origin));
        int last = windows.get(windows.size() - 1).origin();
        List<Example> out = new ArrayList<>();
        for (int i = windows.size() - 1; i >= 0 && out.size() < origins; i--) {
            Example e = windows.get(i);
            if ((last - e.origin()) % step == 0) {
                out.add(0, e);
            }
        }
        return out;
    }
}
