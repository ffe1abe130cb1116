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

    /** Recall@k and MRR@k over every next-item event of {@code sessions}. */
    default RankingScore score(List<int[]> sessions, int k) {
        RankingMetric recall = RankingMetric.recall(k);
        RankingMetric mrr = RankingMetric.mrr(k);
        for (int[] s : sessions) {
            for (int t = 0; t + 1 < s.length; t++) {
                int r = rank(s, t, s[t + 1]);
                recall.add(r);
                mrr.add(r);
            }
        }
        return new RankingScore(k, recall.result(), mrr.result(), recall.count());
    }
}
