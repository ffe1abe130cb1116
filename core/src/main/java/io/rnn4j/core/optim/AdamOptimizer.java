package io.rnn4j.core.optim;

import java.util.List;

/**
 * {@link AdamSpec}'s and {@link AdamWSpec}'s update: the two differ only in where the weight decay
 * acts. Arithmetic in double; the moments are stored in float, as PyTorch's float32 buffers.
 */
final class AdamOptimizer extends AbstractOptimizer {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final boolean amsgrad;

    AdamOptimizer(OptimizerSpec spec, AdamSpec adam) {
        this(spec, adam.beta1(), adam.beta2(), adam.eps(), adam.weightDecay(), false, adam.amsgrad());
    }

    AdamOptimizer(OptimizerSpec spec, AdamWSpec adamw) {
        this(spec, adamw.beta1(), adamw.beta2(), adamw.eps(), adamw.weightDecay(), true, adamw.amsgrad());
    }

    private AdamOptimizer(OptimizerSpec spec, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled, boolean amsgrad) {
        super(spec, amsgrad ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ));
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.amsgrad = amsgrad;
    }

    @Override
    void update(float[] values, float[] grads, float lr, long t) {
        float[] m = buffer(EXP_AVG);
        float[] v = buffer(EXP_AVG_SQ);
        float[] vmax = amsgrad ? buffer(MAX_EXP_AVG_SQ) : null;
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double decay = decoupled ? 1 - lr * weightDecay : 1;
        double l2 = decoupled ? 0 : weightDecay;
        for (int i = 0; i < values.length; i++) {
            double p = values[i] * decay;
            double g = grads[i] + l2 * p;
            double mi = beta1 * m[i] + (1 - beta1) * g;
            float vi = (float) (beta2 * v[i] + (1 - beta2) * g * g);
            m[i] = (float) mi;
            v[i] = vi;
            double second = vi;
            if (vmax != null) {
                vmax[i] = Math.max(vmax[i], vi);
                second = vmax[i];
            }
            values[i] = (float) (p - stepSize * mi / (Math.sqrt(second) / bc2Sqrt + eps));
        }
    }
}
