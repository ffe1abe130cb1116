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
 * @param lower  the lower bound of each target's interval, for a probabilistic model (else empty)
 * @param upper  the upper bound of each target's interval, for a probabilistic model (else empty)
 * @param level  the interval's nominal coverage (0.8 for the 10 % and 90 % quantiles); NaN without one
 */
public record ForecastStep(String step, Map<String, Float> values, Map<String, Float> lower, Map<String, Float> upper,
        double level) {
    /** Copies the maps, keeping their order. */
    public ForecastStep {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lower = Collections.unmodifiableMap(new LinkedHashMap<>(lower));
        upper = Collections.unmodifiableMap(new LinkedHashMap<>(upper));
    }

    /** A point forecast. */
    public ForecastStep(String step, Map<String, Float> values) {
        this(step, values, Map.of(), Map.of(), Double.NaN);
    }
}
