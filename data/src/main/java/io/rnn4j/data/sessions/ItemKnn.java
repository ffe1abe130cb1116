package io.rnn4j.data.sessions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item nearest neighbours, the strong baseline of session-based recommendation (Hidasi et al.
 * 2016, section 4.1, "Item-KNN"): recommends the items most similar to the session's last item, where
 * the similarity of items {@code i} and {@code j} is the number of training sessions that hold both,
 * divided by {@code sqrt((n_i + lambda) (n_j + lambda))} with {@code n_i} the number of sessions that
 * hold {@code i} (cosine similarity of their session vectors, regularised by {@code lambda} so that
 * rare items do not look similar by coincidence). Items of equal similarity (most often: no
 * co-occurrence at all) are ranked by popularity, so the baseline falls back on most-popular rather
 * than on an arbitrary order.
 */
public final class ItemKnn implements NextItemBaseline {
    private final double lambda;
    private final long[] sessionsWith;
    private final Map<Integer, Map<Integer, Integer>> together = new HashMap<>();
    private final MostPopular popular;
    private final int items;

    /**
     * Counts co-occurrences in {@code train}.
     *
     * @param items  the number of item ids
     * @param lambda the regulariser ({@code >= 0}; GRU4Rec's experiments use 20)
     */
    public ItemKnn(List<int[]> train, int items, double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, was " + lambda);
        }
        this.lambda = lambda;
        this.items = items;
        this.sessionsWith = new long[items];
        this.popular = new MostPopular(train, items);
        for (int[] s : train) {
            int[] distinct = java.util.Arrays.stream(s).distinct().toArray();
            for (int a : distinct) {
                sessionsWith[a]++;
                Map<Integer, Integer> row = together.computeIfAbsent(a, k -> new HashMap<>());
                for (int b : distinct) {
                    if (a != b) {
                        row.merge(b, 1, Integer::sum);
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "item_knn";
    }

    /** The similarity of items {@code a} and {@code b} (0 when no session holds both). */
    public double similarity(int a, int b) {
        if (a == b) {
            return 0;
        }
        Integer n = together.getOrDefault(a, Map.of()).get(b);
        return n == null ? 0 : n / Math.sqrt((sessionsWith[a] + lambda) * (sessionsWith[b] + lambda));
    }

    @Override
    public boolean before(int[] session, int t, int other, int next) {
        int last = session[t];
        double a = similarity(last, other);
        double b = similarity(last, next);
        return a > b || (a == b && popular.count(other) > popular.count(next));
    }

    @Override
    public int rank(int[] session, int t, int next) {
        int last = session[t];
        double target = similarity(last, next);
        long targetCount = popular.count(next);
        Map<Integer, Integer> row = together.getOrDefault(last, Map.of());
        int higher = 0;
        if (target > 0) {
            for (int j : row.keySet()) {
                double s = similarity(last, j);
                if (s > target || (s == target && popular.count(j) > targetCount)) {
                    higher++;
                }
            }
            return higher + 1;
        }
        // every neighbour with a positive similarity is above; then the unrelated items more popular
        int positive = 0;
        int popularUnrelated = 0;
        for (int j : row.keySet()) {
            if (similarity(last, j) > 0) {
                positive++;
                if (popular.count(j) > targetCount) {
                    popularUnrelated--; // already counted among the positive ones
                }
            }
        }
        popularUnrelated += popular.rank(session, t, next) - 1; // every item more popular than the target
        return positive + popularUnrelated + 1;
    }

    /** Number of item ids. */
    public int items() {
        return items;
    }
}
