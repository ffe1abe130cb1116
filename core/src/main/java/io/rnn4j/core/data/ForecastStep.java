package io.rnn4j.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a forecast beyond the end of the data.
 *
 * @param step   the step's label: the continuation of the data's time column (such as {@code 1961-01}
 *               after {@code 1960-12}), or its number from 1
 * @param values the forecast of each target, in original units, in the order of the targets
 */
public record ForecastStep(String step, Map<String, Float> values) {
    /** Copies {@code values}, keeping their order. */
    public ForecastStep {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
