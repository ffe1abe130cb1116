package io.rnn4j.core.optim;

import java.util.ArrayList;
import java.util.List;

/** {@link RmsPropSpec}'s update; arithmetic in double, state stored in float. */
final class RmsPropOptimizer extends AbstractOptimizer {
    static final String SQUARE_AVG = "square_avg";
    static final String MOMENTUM_BUFFER = "momentum_buffer";
    static final String GRAD_AVG = "grad_avg";

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    RmsPropOptimizer(RmsPropSpec spec) {
        super(spec, names(spec));
        this.alpha = spec.alpha();
        this.eps = spec.eps();
        this.weightDecay = spec.weightDecay();
        this.momentum = spec.momentum();
        this.centered = spec.centered();
    }

    private static List<String> names(RmsPropSpec spec) {
        List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
        if (spec.momentum() > 0) {
            names.add(MOMENTUM_BUFFER);
        }
        if (spec.centered()) {
            names.add(GRAD_AVG);
        }
        return names;
    }

    @Override
    void update(float[] values, float[] grads, float lr, long t) {
        float[] sq = buffer(SQUARE_AVG);
        float[] buf = momentum > 0 ? buffer(MOMENTUM_BUFFER) : null;
        float[] avg = centered ? buffer(GRAD_AVG) : null;
        for (int i = 0; i < values.length; i++) {
            double p = values[i];
            double g = grads[i];
            if (weightDecay != 0) {
                g += weightDecay * p;
            }
            double s = alpha * sq[i] + (1 - alpha) * g * g;
            sq[i] = (float) s;
            double var = s;
            if (avg != null) {
                double a = alpha * avg[i] + (1 - alpha) * g;
                avg[i] = (float) a;
                // s - a^2 >= 0 in exact arithmetic (Cauchy-Schwarz); clamp so rounding cannot give NaN.
                var = Math.max(0, s - a * a);
            }
            double den = Math.sqrt(var) + eps;
            if (buf != null) {
                double b = momentum * buf[i] + g / den;
                buf[i] = (float) b;
                values[i] = (float) (p - lr * b);
            } else {
                values[i] = (float) (p - lr * g / den);
            }
        }
    }
}
