package io.rnn4j.layers.heads;

import io.rnn4j.core.spec.DataDependent;
import io.rnn4j.core.spec.DataFacts;
import io.rnn4j.core.spec.Default;
import io.rnn4j.core.spec.Doc;
import io.rnn4j.core.spec.LayerSpec;
import io.rnn4j.core.spec.Range;
import io.rnn4j.core.loss.GaussianNllLoss;
import io.rnn4j.core.loss.Loss;
import io.rnn4j.core.loss.PinballLoss;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of the {@code many_to_one} head: pool a sequence to one vector, then a linear dense layer to
 * {@code classes} logits or {@code outputs} values. With neither set, the head classifies into as
 * many classes as the data has ({@link #resolve(DataFacts)}). Setting both is reported when shapes are
 * inferred ({@code RNN4J-DSL-044}), not here, so that it reaches the user with its location.
 *
 * @param pooling how the valid steps are reduced
 * @param classes number of classes ({@code >= 2}), or {@code null}
 * @param outputs number of regression outputs ({@code >= 1}), or {@code null}
 * @param distribution what is forecast per output: a value ({@code none}) or a Gaussian's mean and scale
 * @param quantiles quantile levels forecast per output (pinball loss); empty for none
 */
@Doc("Sequence classification or regression: pool the valid steps (last, mean or max), then a linear layer.")
public record ManyToOneSpec(
        @Doc("How the valid steps are reduced to one vector: last (each sequence's last valid step), mean or max.")
        @Default("last") Pooling pooling,
        @Doc("Number of classes (logits; the loss applies the softmax). By default the number of classes in the data.")
        @Range(min = 2) Integer classes,
        @Doc("Number of regression outputs (linear values). Set either classes or outputs.")
        @Range(min = 1) Integer outputs,
        @Doc("Probabilistic forecasts: none (one value per output) or gaussian (a mean and a scale per output, "
                + "trained with the Gaussian likelihood, like DeepAR). Needs outputs.")
        @Default("none") Distribution distribution,
        @Doc("Quantile levels forecast per output, increasing, each in (0, 1), such as [0.1, 0.5, 0.9] (trained "
                + "with the pinball loss); empty for none. Needs outputs; not with distribution: gaussian.")
        @Default("[]") List<Double> quantiles) implements LayerSpec, DataDependent {

    /** A point head: no distribution, no quantiles. */
    public ManyToOneSpec(Pooling pooling, Integer classes, Integer outputs) {
        this(pooling, classes, outputs, Distribution.NONE, List.of());
    }

    /** Validates. */
    public ManyToOneSpec {
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(distribution, "distribution");
        quantiles = List.copyOf(quantiles);
        if (!quantiles.isEmpty()) {
            new PinballLoss(levels(quantiles)); // checks the levels
        }
        if (distribution != Distribution.NONE && !quantiles.isEmpty()) {
            throw new IllegalArgumentException("give either distribution: gaussian or quantiles, not both");
        }
        if (classes != null && classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        if (outputs != null && outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
    }

    /**
     * Fills {@code classes} (class targets) or {@code outputs} (value targets) from the data when neither is
     * set, as the error for a mismatch promises ("leave them out to use the data's").
     */
    @Override
    public ManyToOneSpec resolve(DataFacts facts) {
        if (classes == null && outputs == null && facts.classes() != DataFacts.UNKNOWN) {
            return new ManyToOneSpec(pooling, facts.classes(), null, distribution, quantiles);
        }
        if (classes == null && outputs == null && facts.targetFeatures() != DataFacts.UNKNOWN) {
            return new ManyToOneSpec(pooling, null, facts.targetFeatures());
        }
        return this;
    }

    /** Whether the head forecasts a distribution or quantiles rather than one value per output. */
    public boolean probabilistic() {
        return distribution != Distribution.NONE || !quantiles.isEmpty();
    }

    /** Values the head gives per output: 2 for a Gaussian, the number of quantiles, else 1. */
    public int valuesPerOutput() {
        return distribution == Distribution.GAUSSIAN ? 2 : quantiles.isEmpty() ? 1 : quantiles.size();
    }

    /** The Gaussian likelihood or the pinball loss of a probabilistic head; empty for a point head. */
    @Override
    public Optional<Loss> headLoss() {
        if (distribution == Distribution.GAUSSIAN) {
            return Optional.of(new GaussianNllLoss());
        }
        return quantiles.isEmpty() ? Optional.empty() : Optional.of(new PinballLoss(levels(quantiles)));
    }

    private static double[] levels(List<Double> q) {
        return q.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
