package io.rnn4j.core.optim;

import io.rnn4j.core.ParameterSet;

/**
 * Gradient clipping over the flat gradient buffer of a {@link ParameterSet}, as
 * {@code torch.nn.utils.clip_grad_norm_} (2-norm) and {@code clip_grad_value_}. Apply it after the
 * backward pass and before {@link Optimizer#step}; recurrent networks need it against exploding
 * gradients (Pascanu et al., 2013, "On the difficulty of training recurrent neural networks").
 */
public final class GradientClipping {
    /** PyTorch adds this to the norm so that a zero norm does not divide by zero. */
    private static final double NORM_EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * The 2-norm of all gradients together, summed in double in four interleaved partial sums (a single
     * running sum is one chain of dependent additions, each waiting for the last).
     */
    public static double globalNorm(float[] grads) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = grads.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double g0 = grads[i];
            double g1 = grads[i + 1];
            double g2 = grads[i + 2];
            double g3 = grads[i + 3];
            s0 += g0 * g0;
            s1 += g1 * g1;
            s2 += g2 * g2;
            s3 += g3 * g3;
        }
        for (; i < n; i++) {
            double g = grads[i];
            s0 += g * g;
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} if that is below 1, where {@code norm} is
     * their global 2-norm, and returns the norm measured before clipping (to log it).
     *
     * <p>Unlike PyTorch (whose default multiplies by {@code maxNorm / inf = 0}, turning infinities into
     * NaN), a non-finite norm leaves the gradients untouched: it is returned so that the caller can skip
     * the step and report the divergence.
     *
     * @throws IllegalArgumentException if {@code maxNorm} is not a finite number {@code > 0}
     */
    public static double byGlobalNorm(float[] grads, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip_norm must be a finite number > 0, was " + maxNorm
                    + "; typical values are 1 to 5");
        }
        double norm = globalNorm(grads);
        double coef = maxNorm / (norm + NORM_EPS);
        if (Double.isFinite(norm) && coef < 1) {
            float scale = (float) coef; // PyTorch multiplies float32 gradients by a float32 coefficient
            for (int i = 0; i < grads.length; i++) {
                grads[i] *= scale;
            }
        }
        return norm;
    }

    /** {@link #byGlobalNorm(float[], double)} over {@code params.grads()}. */
    public static double byGlobalNorm(ParameterSet params, double maxNorm) {
        return byGlobalNorm(params.grads(), maxNorm);
    }

    /**
     * Clamps every gradient element into {@code [-clip, clip]}. A NaN stays NaN, as in PyTorch.
     *
     * @throws IllegalArgumentException if {@code clip} is not a finite number {@code > 0}
     */
    public static void byValue(float[] grads, double clip) {
        if (!(clip > 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip_value must be a finite number > 0, was " + clip);
        }
        float hi = (float) clip;
        float lo = -hi;
        for (int i = 0; i < grads.length; i++) {
            float g = grads[i];
            if (g > hi) {
                grads[i] = hi;
            } else if (g < lo) {
                grads[i] = lo;
            }
        }
    }

    /** {@link #byValue(float[], double)} over {@code params.grads()}. */
    public static void byValue(ParameterSet params, double clip) {
        byValue(params.grads(), clip);
    }
}
