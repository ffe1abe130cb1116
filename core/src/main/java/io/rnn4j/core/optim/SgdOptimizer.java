package io.rnn4j.core.optim;

import java.util.List;

/** {@link SgdSpec}'s update; arithmetic in double, state stored in float as PyTorch's float32 buffers. */
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
        // PyTorch creates the momentum buffer as a copy of the first gradient (no dampening applied).
        boolean first = t == 1;
        for (int i = 0; i < values.length; i++) {
            double p = values[i];
            double g = grads[i];
            if (weightDecay != 0) {
                g += weightDecay * p;
            }
            if (buf != null) {
                double b = first ? g : momentum * buf[i] + (1 - dampening) * g;
                buf[i] = (float) b;
                g = nesterov ? g + momentum * b : b;
            }
            values[i] = (float) (p - lr * g);
        }
    }
}
