package io.rnn4j.core.spi;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.train.Split;

/**
 * The capability of loaded data whose model learns normalized (transformed, differenced) targets but is
 * scored in original units (a forecaster): the model's forecasts of a split inverted into original
 * units, next to the actual values, so that the trainer's validation metrics are the figures
 * {@code evaluate} reports ({@link io.rnn4j.core.train.MetricNames}). Found with
 * {@link LoadedData#capability(Class)}.
 */
public interface OriginalUnits {

    /**
     * Point forecasts and actual values, both {@code [windows, values]} in original units, in the same order.
     *
     * @param predicted the model's point forecasts
     * @param actual    the actual values
     */
    record Forecasts(Tensor predicted, Tensor actual) {
    }

    /** The model's point forecasts of every window of {@code split} and the actual values, in original units. */
    Forecasts forecasts(Split split, ReportContext model);
}
