package io.rnn4j.data.kind;

import io.rnn4j.core.Tensor;
import io.rnn4j.core.spi.Backend;
import io.rnn4j.core.spi.MatrixView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Turns a model's output row into the user records {@code predict} writes. */
final class Decoding {
    private Decoding() {
    }

    /** {@code {"probabilities": {label: p, ...}, "y": most likely label}} from one row of logits. */
    static Map<String, Object> classes(Tensor logits, IntFunction<String> label, Backend backend) {
        float[] prob = softmax(logits.toArray(), backend);
        Map<String, Float> probs = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < prob.length; i++) {
            probs.put(label.apply(i), prob[i]);
            best = prob[i] > prob[best] ? i : best;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("probabilities", probs);
        r.put("y", label.apply(best));
        return r;
    }

    /** {@code {"y": [name of the most likely class per step], "probability": [its probability per step]}}. */
    static Map<String, Object> stepClasses(Tensor logits, IntFunction<Object> name, Backend backend) {
        int steps = logits.dim(0);
        int c = logits.dim(1);
        float[] all = logits.toArray();
        List<Object> ys = new ArrayList<>(steps);
        List<Float> ps = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            float[] prob = softmax(java.util.Arrays.copyOfRange(all, t * c, (t + 1) * c), backend);
            int best = 0;
            for (int k = 1; k < c; k++) {
                best = prob[k] > prob[best] ? k : best;
            }
            ys.add(name.apply(best));
            ps.add(prob[best]);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("y", ys);
        r.put("probability", ps);
        return r;
    }

    /** {@code {"y": [values]}}. */
    static Map<String, Object> values(float[] values) {
        List<Float> ys = new ArrayList<>(values.length);
        for (float f : values) {
            ys.add(f);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("y", ys);
        return r;
    }

    /** The most likely id at every step of {@code [steps, classes]} logits. */
    static int[] argmax(Tensor logits) {
        int steps = logits.dim(0);
        int v = logits.dim(1);
        int[] ids = new int[steps];
        for (int i = 0; i < steps; i++) {
            int best = 0;
            for (int k = 1; k < v; k++) {
                best = logits.getFlat(i * v + k) > logits.getFlat(i * v + best) ? k : best;
            }
            ids[i] = best;
        }
        return ids;
    }

    /** Probabilities from one row of logits, with the backend's softmax. */
    static float[] softmax(float[] logits, Backend backend) {
        float[] p = new float[logits.length];
        backend.softmaxRows(MatrixView.of(logits, 1, logits.length), MatrixView.of(p, 1, p.length));
        return p;
    }
}
