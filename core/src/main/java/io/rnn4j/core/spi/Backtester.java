package io.rnn4j.core.spi;

import io.rnn4j.core.data.TaskReport;
import io.rnn4j.core.train.Split;

/**
 * The capability of loaded data that can be backtested ({@code rnn4j backtest}): a rolling-origin
 * evaluation of a trained model, or of models refitted at the origins. Found with
 * {@link LoadedData#capability(Class)}.
 */
public interface Backtester {

    /**
     * Forecasts from {@code origins} origins {@code step} rows apart, the last one the latest window of
     * {@code split}, scored by horizon step against the kind's baselines from the same origins.
     *
     * @throws IllegalArgumentException if {@code origins} or {@code step} is less than 1, or the split is empty
     */
    TaskReport backtest(Split split, int origins, int step, ReportContext model);

    /**
     * Trains a new model as the experiment says (same seed, same training options) on data that a kind
     * loaded up to a backtest origin, and returns it for forecasting from that origin.
     */
    @FunctionalInterface
    interface Refit {
        /**
         * A model trained on {@code upToOrigin}'s training (and validation) split.
         *
         * @param upToOrigin the rows before the origin, with their pipeline fitted anew on them
         * @param fold       the origin's number, counting from 0, oldest first
         */
        ReportContext train(LoadedData upToOrigin, int fold);
    }

    /**
     * As {@link #backtest(Split, int, int, ReportContext)}, but the model is trained anew by {@code refit}
     * (as Darts' {@code historical_forecasts(retrain=every)}) on the rows before an origin, with the
     * transforms and the normalization fitted on those rows alone: at the first origin and then at every
     * {@code every}-th (1: at each origin); an origin in between is forecast by the latest model trained
     * before it, which has seen no row at or after its own origin either.
     *
     * @throws IllegalArgumentException if {@code every} is less than 1, or as the other method
     * @throws UnsupportedOperationException if this data cannot be cut at an origin (a split from a file of its own)
     */
    TaskReport backtest(Split split, int origins, int step, int every, Refit refit);
}
