package io.rnn4j.data.internal;

import java.util.Map;

/** Counting helpers shared by the data kinds' baselines. */
public final class Tallies {
    private Tallies() {
    }

    /**
     * The key counted most often, the smallest such key on a tie (so the answer does not depend on the map's
     * iteration order), or {@code none} when nothing was counted: the majority class of a baseline.
     */
    public static int mostFrequent(Map<Integer, Integer> counts, int none) {
        int best = none;
        int most = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            int k = e.getKey();
            int n = e.getValue();
            if (n > most || (n == most && n > 0 && k < best)) {
                best = k;
                most = n;
            }
        }
        return best;
    }
}
