package io.rnn4j.data.sessions;

/**
 * Recall@k and MRR@k of a recommender over the next-item events of a set of sessions (see
 * {@link io.rnn4j.core.metrics.RankingMetric} for the definitions).
 *
 * @param k      the cut-off
 * @param recall share of events whose next item was in the top {@code k}
 * @param mrr    mean reciprocal rank, 0 beyond {@code k}
 * @param events number of events scored
 */
public record RankingScore(int k, double recall, double mrr, long events) {
}
