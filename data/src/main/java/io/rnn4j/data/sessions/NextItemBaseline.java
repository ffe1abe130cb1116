package io.rnn4j.data.sessions;

import io.rnn4j.core.metrics.RankingMetric;
import java.util.List;

/**
 * A recommender that does not learn by gradient descent, scored on the same events as the network:
 * for every session and every position {@code t} before its last, the rank of item {@code t + 1}
 * given the items up to {@code t}.
 */
public interface NextItemBaseline {

    /** Its name in reports ({@code most_popular}, {@code item_knn}). */
    String name();

    /**
     * The rank (1 = best) of {@code next} after the session prefix {@code session[0..t]}, ties broken in
     * the target's favour.
     */
    int rank(int[] session, int t, int next);

    /**
     * Whether item {@code other} is ranked strictly before {@code next} after the prefix {@code session[0..t]}
     * (in the order {@link #rank} counts: {@code rank} is 1 + the number of items for which this is true).
     */
    boolean before(int[] session, int t, int other, int next);

    /**
     * The rank of {@code next} among the items <em>not</em> in {@code session[0..t]} (the items already seen
     * left out, as {@link io.rnn4j.core.metrics.SeenItems} leaves them out of the network's ranking), or 0 when
     * {@code next} is itself in the prefix (a miss: it cannot be recommended).
     */
    default int rankUnseen(int[] session, int t, int next) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i <= t; i++) {
            seen.add(session[i]);
        }
        if (seen.contains(next)) {
            return 0;
        }
        int r = rank(session, t, next);
        for (int j : seen) {
            if (before(session, t, j, next)) {
                r--;
            }
        }
        return r;
    }

    /** Recall@k and MRR@k over every next-item event of {@code sessions}. */
    default RankingScore score(List<int[]> sessions, int k) {
        return score(sessions, k, false);
    }

    /**
     * Recall@k and MRR@k over every next-item event of {@code sessions}; with {@code excludeSeen}, the items
     * already in the session are left out of each ranking ({@link #rankUnseen}), an event whose next item was
     * already seen counting as a miss.
     */
    default RankingScore score(List<int[]> sessions, int k, boolean excludeSeen) {
        RankingMetric recall = RankingMetric.recall(k);
        RankingMetric mrr = RankingMetric.mrr(k);
        for (int[] s : sessions) {
            for (int t = 0; t + 1 < s.length; t++) {
                int r = excludeSeen ? rankUnseen(s, t, s[t + 1]) : rank(s, t, s[t + 1]);
                if (r == 0) {
                    recall.addMiss();
                    mrr.addMiss();
                } else {
                    recall.add(r);
                    mrr.add(r);
                }
            }
        }
        return new RankingScore(k, recall.result(), mrr.result(), recall.count());
    }
}
