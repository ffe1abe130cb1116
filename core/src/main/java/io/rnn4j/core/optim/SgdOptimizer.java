package io.rnn4j.core.optim;

import java.util.List;

/** {@link SgdSpec}'s update; arithmetic and state in float32, as PyTorch's on float32 parameters. */
final class SgdOptimizer extends AbstractOptimizer {
    static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    SgdOptimizer(SgdSpec spec) {
        super(spec, spec.momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of());
        this.momentum = spec.momentum();
        this.dampening = spec.dampening();
        this.nesterov = spec.nesterov();
        this.weightDecay = spec.weightDecay();
    }

    @Override
    void update(float[] values, float[] grads, float lr, long t) {
        float[] buf = momentum != 0 ? buffer(MOMENTUM_BUFFER) : null;
        float wd = (float) weightDecay;
        int n = values.length;
        // float32 arithmetic, as PyTorch's update of float32 parameters; the options select a loop or are
        // loop-invariant tests (C2 hoists them), so that the loops compile to SIMD code.
        if (buf == null) {
            if (wd == 0f) {
                for (int i = 0; i < n; i++) {
                    values[i] -= lr * grads[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    float p = values[i];
                    values[i] = p - lr * (grads[i] + wd * p);
                }
            }
            return;
        }
        float mom = (float) momentum;
        float keep = (float) (1 - dampening);
        // PyTorch creates the momentum buffer as a copy of the first gradient (no dampening applied).
        boolean first = t == 1;
        for (int i = 0; i < n; i++) {
            float p = values[i];
            float g = wd == 0f ? grads[i] : grads[i] + wd * p;
            float b = first ? g : mom * buf[i] + keep * g;
            buf[i] = b;
            values[i] = p - lr * (nesterov ? g + mom * b : b);
        }
    }
}
