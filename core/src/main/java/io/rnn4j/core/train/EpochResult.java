package io.rnn4j.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one epoch measured.
 *
 * @param epoch     the epoch number, counting from 1
 * @param trainLoss the mean training loss over the epoch's valid targets (measured on the training
 *                  passes, with dropout, before each update, as Keras reports it)
 * @param metrics   in order: {@code val_loss} (if there is validation data), then for every metric
 *                  {@code <metric>} (on the training passes) and {@code val_<metric>}
 * @param lr        the learning rate used in this epoch
 * @param seconds   wall-clock time of the epoch, validation included
 */
public record EpochResult(int epoch, double trainLoss, Map<String, Double> metrics, double lr, double seconds) {

    /** Copies the metrics, keeping their order. */
    public EpochResult {
        Objects.requireNonNull(metrics, "metrics");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * A value by its name: {@code loss}, {@code val_loss}, {@code <metric>}, {@code val_<metric>} or
     * {@code lr}; NaN if this epoch did not measure it.
     */
    public double value(String name) {
        if (name.equals("loss")) {
            return trainLoss;
        }
        if (name.equals("lr")) {
            return lr;
        }
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
