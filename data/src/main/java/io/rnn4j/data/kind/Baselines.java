package io.rnn4j.data.kind;

import io.rnn4j.data.Example;
import io.rnn4j.data.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Baselines shared by kinds. */
final class Baselines {
    private Baselines() {
    }

    /** Accuracy on {@code examples} of always predicting the training split's most frequent class. */
    static double majorityShare(List<Example> train, List<Example> examples) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Example e : train) {
            if (e.target() instanceof Target.ClassIndex c) {
                counts.merge(c.index(), 1, Integer::sum);
            }
        }
        int majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
        long hits = examples.stream().filter(e -> e.target() instanceof Target.ClassIndex c && c.index() == majority).count();
        return examples.isEmpty() ? Double.NaN : (double) hits / examples.size();
    }
}
