package io.rnn4j.core.train;

import io.rnn4j.core.metrics.MetricKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The names of the quantities an epoch measures ({@code metrics.csv} columns, {@code early_stopping.monitor}
 * names), in one place for the trainer and the experiment validation.
 *
 * <p>For most models: {@code loss}, {@code val_loss}, {@code <metric>} and {@code val_<metric>}. For a model
 * whose data is scored in original units (a forecaster, whose network learns normalized, transformed,
 * differenced targets; {@link io.rnn4j.core.spi.DataKind#scoresInOriginalUnits}): {@code loss} (the
 * training loss, normalized), {@code val_loss_normalized}, {@code <metric>_normalized} (on the training
 * passes, normalized) and {@code val_<metric>} <b>in original units</b> (the validation forecasts inverted
 * as {@code evaluate --split validation} inverts them), so that configurations with different transforms
 * or differencing give comparable validation columns.
 */
public final class MetricNames {
    /** The suffix of a quantity measured on normalized values. */
    public static final String NORMALIZED = "_normalized";

    private MetricNames() {
    }

    /** The validation loss's name: {@code val_loss}, or {@code val_loss_normalized} in original-units mode. */
    public static String validationLoss(boolean originalUnits) {
        return originalUnits ? "val_loss" + NORMALIZED : "val_loss";
    }

    /** A metric's name on the training passes: its id, or {@code <id>_normalized} in original-units mode. */
    public static String training(MetricKind metric, boolean originalUnits) {
        return originalUnits ? metric.id() + NORMALIZED : metric.id();
    }

    /** A metric's name on the validation data: {@code val_<id>} (in original units in original-units mode). */
    public static String validation(MetricKind metric) {
        return "val_" + metric.id();
    }

    /** Every name an epoch reports besides {@code lr}, in the order {@code early_stopping.monitor} hints list them. */
    public static List<String> monitors(Collection<MetricKind> metrics, boolean originalUnits) {
        List<String> names = new ArrayList<>(List.of("loss", validationLoss(originalUnits)));
        for (MetricKind k : metrics) {
            names.add(training(k, originalUnits));
        }
        for (MetricKind k : metrics) {
            names.add(validation(k));
        }
        return names;
    }

    /**
     * The metric a monitor name refers to ({@code val_rmse}, {@code rmse_normalized} -> rmse), or empty for
     * the loss or an unknown name.
     */
    public static Optional<MetricKind> metricOf(String name) {
        String base = name.startsWith("val_") ? name.substring(4) : name;
        base = base.endsWith(NORMALIZED) ? base.substring(0, base.length() - NORMALIZED.length()) : base;
        for (MetricKind k : MetricKind.values()) {
            if (k.id().equals(base)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The name that replaced {@code name} in this mode ({@code val_loss -> val_loss_normalized},
     * {@code rmse -> rmse_normalized} for a forecaster), if {@code name} is one of the other mode's names.
     */
    public static Optional<String> renamed(String name, Collection<MetricKind> metrics, boolean originalUnits) {
        List<String> here = monitors(metrics, originalUnits);
        List<String> there = monitors(metrics, !originalUnits);
        int i = there.indexOf(name);
        return i >= 0 && !here.contains(name) ? Optional.of(here.get(i)) : Optional.empty();
    }
}
