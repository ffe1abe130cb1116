package io.rnn4j.core.spi;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.Split;

/**
 * The capability of loaded data that can be backtested ({@code rnn4j backtest}): a rolling-origin
 * evaluation of a trained model. Found with {@link LoadedData#capability(Class)}.
 */
public interface Backtester {

    /**
     * Forecasts from {@code origins} origins {@code step} rows apart, the last one the latest window of
     * {@code split}, scored by horizon step against the kind's baselines from the same origins.
     *
     * @throws IllegalArgumentException if {@code origins} or {@code step} is less than 1, or the split is empty
     */
    TaskReport backtest(Split split, int origins, int step, ReportContext model);
}
