package io.rnn4j.core.optim;

import io.rnn4j.core.ParamId;
import io.rnn4j.core.ParamRole;
import io.rnn4j.core.ParameterSet;
import java.util.Map;

/** Builds specs and parameter sets from the reference files. */
final class OptimizerFixtures {
    private OptimizerFixtures() {
    }

    /** The two parameters of the reference cases, {@code [2, 3]} and {@code [4]}, in one flat buffer. */
    static ParameterSet referenceParameters() {
        return ParameterSet.builder()
                .add(ParamId.of("dense", ParamRole.KERNEL), 2, 3)
                .add(ParamId.of("dense", ParamRole.BIAS), 4)
                .build();
    }

    static OptimizerSpec spec(Map<String, String> s) {
        OptimizerKind kind = OptimizerKind.fromId(s.get("kind"));
        return switch (kind) {
            case SGD -> new SgdSpec(d(s, "lr"), d(s, "momentum"), d(s, "dampening"), b(s, "nesterov"),
                    d(s, "weight_decay"));
            case ADAM -> new AdamSpec(d(s, "lr"), d(s, "beta1"), d(s, "beta2"), d(s, "eps"), d(s, "weight_decay"),
                    b(s, "amsgrad"));
            case ADAMW -> new AdamWSpec(d(s, "lr"), d(s, "beta1"), d(s, "beta2"), d(s, "eps"), d(s, "weight_decay"),
                    b(s, "amsgrad"));
            case RMSPROP -> new RmsPropSpec(d(s, "lr"), d(s, "alpha"), d(s, "eps"), d(s, "weight_decay"),
                    d(s, "momentum"), b(s, "centered"));
        };
    }

    static double d(Map<String, String> s, String key) {
        String v = s.get(key);
        if (v == null) {
            throw new IllegalArgumentException("spec has no " + key + ": " + s);
        }
        return Double.parseDouble(v);
    }

    static int i(Map<String, String> s, String key) {
        return (int) d(s, key);
    }

    static boolean b(Map<String, String> s, String key) {
        return d(s, key) != 0;
    }
}
