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
        return share(majorityClass(train), examples);
    }

    /** The most frequent class of {@code train}, -1 if there is none. */
    static int majorityClass(List<Example> train) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Example e : train) {
            if (e.target() instanceof Target.ClassIndex c) {
                counts.merge(c.index(), 1, Integer::sum);
            }
        }
        return io.rnn4j.data.internal.Tallies.mostFrequent(counts, -1);
    }

    /** Accuracy on {@code examples} of always predicting {@code majority}. */
    static double share(int majority, List<Example> examples) {
        return examples.isEmpty() ? Double.NaN : (double) hits(majority, examples) / examples.size();
    }

    /** How many of {@code examples} are of class {@code majority} (the share's numerator, for a split read in windows). */
    static long hits(int majority, List<Example> examples) {
        return examples.stream().filter(e -> e.target() instanceof Target.ClassIndex c && c.index() == majority).count();
    }
}
