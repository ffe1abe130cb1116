package io.rnn4j.core.optim;

import java.util.List;

/**
 * {@link AdamSpec}'s and {@link AdamWSpec}'s update: the two differ only in where the weight decay
 * acts. Arithmetic and moments in float32, as PyTorch's update of float32 parameters.
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

    /**
     * One element-wise pass in float32, as PyTorch's CPU Adam computes on float32 parameters, written as
     * loops over arrays that C2 compiles to SIMD code (the double-precision loop this replaced was 16 % of
     * a W5 training step). Weight decay and AMSGrad select a loop rather than branch inside one (AMSGrad's
     * loop keeps a loop-invariant test for L2 decay).
     */
    @Override
    void update(float[] values, float[] grads, float lr, long t) {
        float[] m = buffer(EXP_AVG);
        float[] v = buffer(EXP_AVG_SQ);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float ob1 = (float) (1 - beta1);
        float ob2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float invBc2Sqrt = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        float epsF = (float) eps;
        int n = values.length;
        if (decoupled && weightDecay != 0) {
            float decay = (float) (1 - (double) lr * weightDecay);
            for (int i = 0; i < n; i++) {
                values[i] *= decay;
            }
        }
        if (amsgrad) {
            float[] vmax = buffer(MAX_EXP_AVG_SQ);
            float l2 = decoupled ? 0f : (float) weightDecay;
            for (int i = 0; i < n; i++) {
                float p = values[i];
                float g = l2 == 0f ? grads[i] : grads[i] + l2 * p;
                float mi = b1 * m[i] + ob1 * g;
                float vi = b2 * v[i] + ob2 * g * g;
                m[i] = mi;
                v[i] = vi;
                float second = Math.max(vmax[i], vi);
                vmax[i] = second;
                values[i] = p - stepSize * mi / ((float) Math.sqrt(second) * invBc2Sqrt + epsF);
            }
        } else if (!decoupled && weightDecay != 0) {
            float l2 = (float) weightDecay;
            for (int i = 0; i < n; i++) {
                float p = values[i];
                float g = grads[i] + l2 * p;
                float mi = b1 * m[i] + ob1 * g;
                float vi = b2 * v[i] + ob2 * g * g;
                m[i] = mi;
                v[i] = vi;
                values[i] = p - stepSize * mi / ((float) Math.sqrt(vi) * invBc2Sqrt + epsF);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float g = grads[i];
                float mi = b1 * m[i] + ob1 * g;
                float vi = b2 * v[i] + ob2 * g * g;
                m[i] = mi;
                v[i] = vi;
                values[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invBc2Sqrt + epsF);
            }
        }
    }
}
