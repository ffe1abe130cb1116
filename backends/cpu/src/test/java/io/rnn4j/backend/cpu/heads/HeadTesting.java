package io.rnn4j.backend.cpu.heads;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnn4j.backend.cpu.CpuBackendProvider;
import io.rnn4j.core.Parameter;
import io.rnn4j.core.ParameterSet;
import io.rnn4j.core.RandomSource;
import io.rnn4j.core.Tensor;
import io.rnn4j.core.model.Flow;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.BackendOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Shared test support: the reference backend, random tensors, and a central finite-difference gradient
 * check of a scalar loss {@code L = sum(output * G)} (accumulated in double).
 */
final class HeadTesting {
    private HeadTesting() {
    }

    static Backend backend() {
        return new CpuBackendProvider().create(BackendOptions.threads(1));
    }

    /** A tensor of {@code N(0, scale^2)} values. */
    static Tensor randn(RandomSource r, double scale, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, (float) (scale * r.nextGaussian()));
        }
        return t;
    }

    /** Token ids in {@code [lo, hi)} as a float tensor. */
    static Tensor randomIds(RandomSource r, int lo, int hi, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, lo + r.nextInt(hi - lo));
        }
        return t;
    }

    /** {@code sum(a * b)} in double. */
    static double dot(Tensor a, Tensor b) {
        assertThat(a.size()).isEqualTo(b.size());
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.getFlat(i) * b.getFlat(i);
        }
        return s;
    }

    /** The gradient flow for {@code L = sum(out * g)}: {@code g} with the output's mask. */
    static Flow gradFor(Flow out, Tensor g) {
        return new Flow(g, out.mask());
    }

    /** Collects finite-difference mismatches, then fails once listing all of them. */
    static final class GradCheck {
        private final DoubleSupplier loss;
        private final double eps;
        private final double rtol;
        private final double atol;
        private final List<String> failures = new ArrayList<>();
        private int checked;

        /**
         * @param loss recomputes the loss (a full forward pass) from the current tensors
         */
        GradCheck(DoubleSupplier loss, double eps, double rtol, double atol) {
            this.loss = loss;
            this.eps = eps;
            this.rtol = rtol;
            this.atol = atol;
        }

        /** The central difference at flat index {@code i} of {@code t}. */
        double numeric(Tensor t, int i) {
            float orig = t.getFlat(i);
            float up = (float) (orig + eps);
            float down = (float) (orig - eps);
            t.setFlat(i, up);
            double lp = loss.getAsDouble();
            t.setFlat(i, down);
            double lm = loss.getAsDouble();
            t.setFlat(i, orig);
            return (lp - lm) / ((double) up - down);
        }

        /** Compares every element of {@code analytic} with the numeric gradient of {@code t}. */
        GradCheck all(String what, Tensor t, Tensor analytic) {
            for (int i = 0; i < t.size(); i++) {
                compare(what, t, analytic, i);
            }
            return this;
        }

        /** Compares up to {@code n} random elements. */
        GradCheck some(String what, Tensor t, Tensor analytic, int n, RandomSource r) {
            if (t.size() <= n) {
                return all(what, t, analytic);
            }
            for (int k = 0; k < n; k++) {
                compare(what, t, analytic, r.nextInt(t.size()));
            }
            return this;
        }

        /** Compares {@code n} random coordinates of every parameter with its accumulated gradient. */
        GradCheck parameters(ParameterSet params, int n, RandomSource r) {
            for (Parameter p : params.all()) {
                some(p.id().displayName(), p.value(), p.grad().copy(), n, r);
            }
            return this;
        }

        private void compare(String what, Tensor t, Tensor analytic, int i) {
            double num = numeric(t, i);
            double ana = analytic.getFlat(i);
            checked++;
            if (!(Math.abs(num - ana) <= atol + rtol * Math.max(Math.abs(num), Math.abs(ana)))) {
                failures.add(String.format(Locale.ROOT, "%s[%d]: analytic %.6g, numeric %.6g", what, i, ana, num));
            }
        }

        /** Fails with every mismatch; also fails if nothing was compared. */
        void verify() {
            assertThat(checked).as("coordinates checked").isPositive();
            assertThat(failures).as("gradient mismatches out of " + checked + " coordinates").isEmpty();
        }
    }
}
