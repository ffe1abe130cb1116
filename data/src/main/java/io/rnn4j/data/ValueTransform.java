package io.rnn4j.data;

import java.util.Objects;

/**
 * A {@link SeriesTransform} with its parameter: the lambda of Box-Cox (NaN for the other kinds), given
 * or fitted on the training values by {@link #fit}. Stored with a model so that its forecasts are turned
 * back into original units with exactly the transform it was trained with.
 *
 * <p>The inverse maps every real number back: where a forecast falls outside the transform's range
 * (a negative square root, or {@code lambda u + 1 <= 0} for Box-Cox with lambda &gt; 0) it is clamped
 * to the boundary of the domain (0), never NaN.
 *
 * @param kind   the transform
 * @param lambda Box-Cox's lambda; NaN for the other kinds
 */
public record ValueTransform(SeriesTransform kind, double lambda) {
    /** The range Box-Cox's lambda is searched in (as scipy's {@code boxcox}). */
    public static final double LAMBDA_MIN = -2;
    /** The range Box-Cox's lambda is searched in. */
    public static final double LAMBDA_MAX = 2;

    /** Validates. */
    public ValueTransform {
        Objects.requireNonNull(kind, "kind");
        if (kind == SeriesTransform.BOX_COX && !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("box_cox needs a finite lambda, got " + lambda);
        }
        if (kind != SeriesTransform.BOX_COX) {
            lambda = Double.NaN;
        }
    }

    /**
     * The transform of a kind without a parameter.
     *
     * @throws IllegalStateException for {@link SeriesTransform#BOX_COX}
     */
    public static ValueTransform of(SeriesTransform kind) {
        if (kind == SeriesTransform.BOX_COX) {
            throw new IllegalStateException("box_cox needs its lambda (`box_cox_lambda`, or fitted on the training part): "
                    + "use ValueTransform.boxCox(lambda) or ValueTransform.fit");
        }
        return new ValueTransform(kind, Double.NaN);
    }

    /** Box-Cox with {@code lambda}. */
    public static ValueTransform boxCox(double lambda) {
        return new ValueTransform(SeriesTransform.BOX_COX, lambda);
    }

    /**
     * The transform of {@code kind}; for Box-Cox with {@code lambda} if it is not NaN, else with the
     * lambda that maximises the profile log-likelihood of {@code training} ({@link #boxCoxLambda}).
     */
    public static ValueTransform fit(SeriesTransform kind, double lambda, double[] training) {
        if (kind != SeriesTransform.BOX_COX) {
            return of(kind);
        }
        return boxCox(Double.isNaN(lambda) ? boxCoxLambda(training) : lambda);
    }

    /** The transformed value of {@code x} (NaN outside the domain; check with {@link SeriesTransform#accepts}). */
    public double apply(double x) {
        return switch (kind) {
            case NONE -> x;
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SQRT -> Math.sqrt(x);
            case BOX_COX -> !(x > 0) ? Double.NaN : lambda == 0 ? Math.log(x) : (Math.pow(x, lambda) - 1) / lambda;
        };
    }

    /** The original value of a transformed {@code u}, clamped to the domain's boundary outside the range. */
    public double invert(double u) {
        return switch (kind) {
            case NONE -> u;
            case LOG -> Math.exp(u);
            case LOG1P -> Math.expm1(u);
            case SQRT -> u <= 0 ? 0 : u * u;
            case BOX_COX -> {
                if (lambda == 0) {
                    yield Math.exp(u);
                }
                double base = lambda * u + 1;
                yield base <= 0 ? (lambda > 0 ? 0 : Double.MAX_VALUE) : Math.pow(base, 1 / lambda);
            }
        };
    }

    /**
     * The maximum-likelihood Box-Cox lambda of {@code x} (all &gt; 0), in [{@value #LAMBDA_MIN},
     * {@value #LAMBDA_MAX}]: the maximum of the profile log-likelihood
     * {@code (lambda - 1) sum(log x) - n/2 log(var(y_lambda))} (population variance), as scipy's
     * {@code stats.boxcox}, found by golden-section search to 1e-10.
     *
     * @throws IllegalArgumentException if fewer than 2 values are given, one is not &gt; 0, or all are equal
     */
    public static double boxCoxLambda(double[] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("fitting a Box-Cox lambda needs at least 2 values, got " + x.length);
        }
        double logSum = 0;
        for (double v : x) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Box-Cox needs values greater than 0, got " + v);
            }
            logSum += Math.log(v);
        }
        final double ls = logSum;
        java.util.function.DoubleUnaryOperator llf = l -> {
            ValueTransform t = boxCox(l);
            double mean = 0;
            for (double v : x) {
                mean += t.apply(v);
            }
            mean /= x.length;
            double var = 0;
            for (double v : x) {
                double d = t.apply(v) - mean;
                var += d * d;
            }
            var /= x.length;
            return (l - 1) * ls - x.length / 2.0 * Math.log(var);
        };
        double g = (Math.sqrt(5) - 1) / 2;
        double a = LAMBDA_MIN;
        double b = LAMBDA_MAX;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = llf.applyAsDouble(c);
        double fd = llf.applyAsDouble(d);
        if (!Double.isFinite(fc) && !Double.isFinite(fd)) {
            throw new IllegalArgumentException("cannot fit a Box-Cox lambda: the values are all equal; give "
                    + "`box_cox_lambda` or use another transform");
        }
        while (b - a > 1e-10) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = llf.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = llf.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }

    /** The YAML-like description, such as {@code box_cox(lambda=0.148)} or {@code log}. */
    @Override
    public String toString() {
        return kind == SeriesTransform.BOX_COX ? "box_cox(lambda=" + lambda + ")" : kind.id();
    }
}
