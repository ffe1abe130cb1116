package io.rnn4j.core.spi;

import io.rnn4j.core.data.ForecastStep;
import io.rnn4j.core.model.Flow;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The capability of a pipeline that forecasts beyond the end of its data ({@code generate --horizon}):
 * it keeps the end of the series it needs. Found with {@link DataPipeline#capability(Class)}.
 */
public interface Forecaster {

    /** The steps the model forecasts at once. */
    int horizon();

    /**
     * The next {@code horizon} steps after the end of the data, in original units.
     *
     * @param horizon how many steps, at least 1
     * @param model   the model's inference output for an input batch
     * @throws io.rnn4j.core.Rnn4jException if the horizon cannot be reached or a forecast is not finite
     */
    List<ForecastStep> forecast(int horizon, UnaryOperator<Flow> model);
}
