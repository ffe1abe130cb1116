package io.rnn4j.testkit;

import static org.assertj.core.api.Assertions.fail;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Central finite-difference gradient checks of a scalar loss computed by a float32 forward pass (and
 * summed in double by the test), against the gradients of a backward pass.
 *
 * <p>For a coordinate {@code θ} the numeric derivative is {@code (L(θ+ε) - L(θ-ε)) / (θ⁺ - θ⁻)} where
 * {@code θ±} are the float32 values actually stored, so the rounding of the step does not count as an
 * error. It must match the analytic one within {@code 1e-2 * max(|numeric|, |analytic|) + 1e-3}. With
 * {@code ε = 1e-2}, the truncation error ({@code ε²}) and the float32 noise of the loss divided by
 * {@code 2ε} are both well below that bound.
 *
 * <p>Functions with kinks (ReLU) are only piecewise differentiable, and a perturbation that crosses a
 * kink makes the central difference wrong (by half the change of slope) although the gradient is right.
 * For them the step is {@code ε = 1e-3} (ten times fewer crossings), and a coordinate whose central
 * difference disagrees passes if the analytic derivative equals one of the two one-sided differences
 * {@code (L(θ±ε) - L(θ)) / ±ε}: the side that does not cross the kink is exact up to {@code O(ε)}. A wrong
 * gradient would have to equal one of them by accident.
 */
final class FiniteDifferences {
    static final double EPSILON = 1e-2;
    static final double EPSILON_WITH_KINKS = 1e-3;
    static final double REL = 1e-2;
    static final double ABS = 1e-3;

    private final DoubleSupplier loss;
    private final boolean kinks;
    private final RandomSource rng;
    private final int perTarget;
    private final List<Target> targets = new ArrayList<>();

    /**
     * @param loss      runs the forward pass and returns the loss; must be reproducible
     * @param kinks     whether the loss has kinks (ReLU): smaller step, one-sided differences accepted
     * @param rng       chooses the coordinates of large tensors
     * @param perTarget number of coordinates checked per tensor (all if it has fewer)
     */
    FiniteDifferences(DoubleSupplier loss, boolean kinks, RandomSource rng, int perTarget) {
        this.loss = loss;
        this.kinks = kinks;
        this.rng = rng;
        this.perTarget = perTarget;
    }

    /** A tensor whose coordinates are perturbed in place, and its analytic gradient. */
    private record Target(String name, Tensor value, float[] analytic) {
    }

    /** Adds a tensor to check; {@code analytic} is copied. */
    FiniteDifferences add(String name, Tensor value, Tensor analytic) {
        if (analytic == null) {
            fail("the backward pass returned no gradient for " + name);
        }
        if (!value.shape().equals(analytic.shape()) && value.size() != analytic.size()) {
            fail("gradient of " + name + " has shape " + analytic.shape() + ", the value " + value.shape());
        }
        targets.add(new Target(name, value, analytic.toArray()));
        return this;
    }

    /** Checks every tensor added; fails listing the worst coordinates. */
    void check(String what) {
        double eps = kinks ? EPSILON_WITH_KINKS : EPSILON;
        double l0 = loss.getAsDouble();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int oneSided = 0;
        for (Target t : targets) {
            for (int i : choose(t.value().size())) {
                float orig = t.value().getFlat(i);
                float plus = (float) (orig + eps);
                float minus = (float) (orig - eps);
                t.value().setFlat(i, plus);
                double lp = loss.getAsDouble();
                t.value().setFlat(i, minus);
                double lm = loss.getAsDouble();
                t.value().setFlat(i, orig);
                double numeric = (lp - lm) / ((double) plus - minus);
                double analytic = t.analytic()[i];
                checked++;
                if (agrees(analytic, numeric)) {
                    continue;
                }
                if (kinks && (agrees(analytic, (lp - l0) / ((double) plus - orig))
                        || agrees(analytic, (l0 - lm) / ((double) orig - minus)))) {
                    oneSided++;
                    continue;
                }
                failures.add(String.format(Locale.ROOT, "%s%s: analytic %.6g, numeric %.6g (difference %.3g, "
                        + "allowed %.3g)", t.name(), NumericAssertions.index(i, t.value().shape().dims()), analytic,
                        numeric, Math.abs(numeric - analytic), tolerance(analytic, numeric)));
            }
        }
        double after = loss.getAsDouble();
        if (!(Math.abs(after - l0) <= 1e-6 * (1 + Math.abs(l0)))) {
            failures.add("the loss is not reproducible: " + l0 + " then " + after + " for the same inputs (the "
                    + "coordinates were not restored, or the forward pass depends on more than its inputs)");
        }
        if (!failures.isEmpty()) {
            fail(what + ": " + failures.size() + " of " + checked + " gradient coordinates disagree with central "
                    + "finite differences (epsilon " + eps + (kinks ? ", " + oneSided + " others matched a one-sided "
                    + "difference next to a kink" : "") + "):\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(12, failures.size())))
                    + (failures.size() > 12 ? "\n  ..." : ""));
        }
    }

    private static double tolerance(double analytic, double numeric) {
        return REL * Math.max(Math.abs(numeric), Math.abs(analytic)) + ABS;
    }

    private static boolean agrees(double analytic, double numeric) {
        return Math.abs(numeric - analytic) <= tolerance(analytic, numeric);
    }

    /** All coordinates, or {@link #perTarget} distinct ones chosen at random. */
    private int[] choose(int size) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= perTarget) {
            return all;
        }
        for (int i = 0; i < perTarget; i++) {
            int j = i + rng.nextInt(size - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] chosen = Arrays.copyOf(all, perTarget);
        Arrays.sort(chosen);
        return chosen;
    }
}
