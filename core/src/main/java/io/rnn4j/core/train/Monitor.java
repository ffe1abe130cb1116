package io.rnn4j.core.train;

import io.rnn4j.core.Rnn4jException;
import io.rnn4j.core.metrics.MetricKind;
import io.rnn4j.core.spec.EarlyStoppingSpec;
import java.util.List;

/**
 * A monitored quantity ({@code loss}, {@code val_loss}, {@code <metric>}, {@code val_<metric>}) and
 * whether lower or higher is better. Resolved once before training, so a misspelt or unavailable
 * monitor fails before the first epoch rather than after it.
 */
record Monitor(String name, boolean higherIsBetter) {

    /**
     * Resolves a monitor name.
     *
     * @param setting       where the name was configured, for the message
     *                      ({@code training.early_stopping.monitor})
     * @throws Rnn4jException {@code RNN4J-TRAIN-003} if the name is unknown, names a metric that is not
     *                        computed, or needs validation data that {@code fit} was not given
     */
    static Monitor resolve(String name, EarlyStoppingSpec.Mode mode, List<MetricKind> metrics, boolean hasValidation,
            String setting) {
        return resolve(name, mode, metrics, hasValidation, false, setting);
    }

    /**
     * Resolves a monitor name among {@link MetricNames#monitors} of the mode: with {@code originalUnits}
     * (a forecaster) the validation loss is {@code val_loss_normalized}, the training-pass metrics
     * {@code <metric>_normalized}, and a name of the other mode is refused with the one that replaced it.
     */
    static Monitor resolve(String name, EarlyStoppingSpec.Mode mode, List<MetricKind> metrics, boolean hasValidation,
            boolean originalUnits, String setting) {
        List<String> allowed = MetricNames.monitors(metrics, originalUnits);
        boolean higher;
        if (!allowed.contains(name)) {
            java.util.Optional<String> renamed = MetricNames.renamed(name, metrics, originalUnits);
            if (renamed.isPresent()) {
                throw new Rnn4jException("RNN4J-TRAIN-003", setting + " is '" + name + "', but this model's validation "
                        + "metrics are in original units and its losses on normalized values; did you mean '"
                        + renamed.get() + "'? Allowed: " + String.join(", ", allowed));
            }
            String base = name.startsWith("val_") ? name.substring(4) : name;
            boolean known = List.of(MetricKind.values()).stream().anyMatch(k -> k.id().equals(base));
            throw new Rnn4jException("RNN4J-TRAIN-003", setting + " is '" + name + "', but "
                    + (known ? "the metric '" + base + "' is not computed (training.metrics is "
                            + ids(metrics) + "); add it to training.metrics or monitor one of " + String.join(", ", allowed)
                            : "that is not a quantity the trainer measures; use one of " + String.join(", ", allowed)));
        }
        higher = MetricNames.metricOf(name).map(MetricKind::higherIsBetter).orElse(false);
        if (name.startsWith("val_") && !hasValidation) {
            String base = name.startsWith("val_loss") ? "loss" : MetricNames.training(MetricNames.metricOf(name).orElseThrow(),
                    originalUnits);
            throw new Rnn4jException("RNN4J-TRAIN-003", setting + " is '" + name + "', which is measured on validation "
                    + "data, but training was given none; hold out validation data (data.validation) or monitor '"
                    + base + "' (measured on the training data)");
        }
        if (mode == EarlyStoppingSpec.Mode.MIN) {
            higher = false;
        } else if (mode == EarlyStoppingSpec.Mode.MAX) {
            higher = true;
        }
        return new Monitor(name, higher);
    }

    private static String ids(List<MetricKind> metrics) {
        return metrics.stream().map(MetricKind::id).toList().toString();
    }

    /** The monitored value of an epoch. */
    double valueOf(EpochResult e) {
        return e.value(name);
    }

    /** Whether {@code value} beats {@code best} by more than {@code minDelta}; NaN never does. */
    boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }
}
