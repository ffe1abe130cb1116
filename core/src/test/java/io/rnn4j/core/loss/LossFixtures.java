package io.rnn4j.core.loss;

import io.rnn4j.core.RandomSource;
import io.rnn4j.core.SequenceMask;
import io.rnn4j.core.Tensor;
import java.util.Map;

/** Builds losses from reference specs, and random inputs. */
final class LossFixtures {
    private LossFixtures() {
    }

    static Loss loss(Map<String, String> spec, float[] classWeights) {
        LossKind kind = LossKind.fromId(spec.get("kind"));
        return switch (kind) {
            case CROSS_ENTROPY -> new CrossEntropyLoss(classWeights, Double.parseDouble(spec.get("label_smoothing")));
            case HUBER -> new HuberLoss(Double.parseDouble(spec.get("delta")));
            default -> Loss.of(kind);
        };
    }

    static SequenceMask mask(int[] shape, int[] lengths) {
        return lengths == null ? null : new SequenceMask(shape[0], shape[1], lengths);
    }

    static Tensor uniform(RandomSource rng, float lo, float hi, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, rng.uniform(lo, hi));
        }
        return t;
    }

    static Tensor classes(RandomSource rng, int classes, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, rng.nextInt(classes));
        }
        return t;
    }
}
