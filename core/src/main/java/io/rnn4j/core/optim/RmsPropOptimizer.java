package io.rnn4j.core.optim;

import java.util.ArrayList;
import java.util.List;

/** {@link RmsPropSpec}'s update; arithmetic and state in float32, as PyTorch's on float32 parameters. */
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
        float a = (float) alpha;
        float oa = (float) (1 - alpha);
        float wd = (float) weightDecay;
        float epsF = (float) eps;
        float mom = (float) momentum;
        int n = values.length;
        for (int i = 0; i < n; i++) {
            float p = values[i];
            float g = wd == 0f ? grads[i] : grads[i] + wd * p;
            float s = a * sq[i] + oa * g * g;
            sq[i] = s;
            float var = s;
            if (avg != null) {
                float ga = a * avg[i] + oa * g;
                avg[i] = ga;
                // s - a^2 >= 0 in exact arithmetic (Cauchy-Schwarz); clamp so rounding cannot give NaN.
                var = Math.max(0f, s - ga * ga);
            }
            float den = (float) Math.sqrt(var) + epsF;
            if (buf != null) {
                float b = mom * buf[i] + g / den;
                buf[i] = b;
                values[i] = p - lr * b;
            } else {
                values[i] = p - lr * g / den;
            }
        }
    }
}
